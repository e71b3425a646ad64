//go:build unix

package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A fix killed at any moment leaves every file either as it was or fully
// fixed, never a mix. SIGTERM leaves no temporary file; SIGKILL cannot be
// caught and may leave one, which the next fix in that directory removes
// (linter/tempfiles.go). The kill moments are random; the properties are checked
// after every kill.
func TestFixSurvivesKills(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it many times")
	}
	bin := filepath.Join(t.TempDir(), "tmpllint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	original := templateFixture(t, "fix-classic-redirect.html")
	fixed := templateFixture(t, "fix-classic-redirect.html.fixed")
	dir := t.TempDir()
	const files = 60
	// Padding makes each write a little longer, so kills land inside
	// writes too.
	padding := bytes.Repeat([]byte("<!-- padding -->\n"), 2000)
	oldContent, newContent := append(bytes.Clone(padding), original...), append(bytes.Clone(padding), fixed...)
	reset := func() {
		for i := range files {
			if err := os.WriteFile(filepath.Join(dir, pageName(i)), oldContent, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	// fixedCount counts the files written so far, by size: the fixed
	// text is shorter.
	fixedCount := func() int {
		n := 0
		for i := range files {
			if info, err := os.Stat(filepath.Join(dir, pageName(i))); err == nil && info.Size() == int64(len(newContent)) {
				n++
			}
		}
		return n
	}

	// Each kill comes after a random number of files were written, plus a
	// random pause of up to 2ms, so it lands before, between and inside
	// writes alike. Moments are picked by progress, not by a clock.
	rng := rand.New(rand.NewPCG(1, 2))
	const kills = 40
	mixed, stale := 0, 0
	for k := range kills {
		reset()
		cmd := exec.Command(bin, "fix", "--quiet", dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		target := rng.IntN(files)
	wait:
		for fixedCount() < target {
			select {
			case <-done:
				break wait
			case <-time.After(200 * time.Microsecond):
			}
		}
		time.Sleep(time.Duration(rng.IntN(2000)) * time.Microsecond)
		sig := syscall.SIGKILL
		if k%2 == 1 {
			sig = syscall.SIGTERM
		}
		cmd.Process.Signal(sig)
		<-done

		nOld, nNew := 0, 0
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var temps []string
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmpllint-") {
				temps = append(temps, e.Name())
				continue
			}
			content, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case bytes.Equal(content, oldContent):
				nOld++
			case bytes.Equal(content, newContent):
				nNew++
			default:
				t.Fatalf("kill %d (%v): %s is neither the old nor the new content (%d bytes)", k, sig, e.Name(), len(content))
			}
		}
		if nOld+nNew != files {
			t.Fatalf("kill %d (%v): %d files, want %d", k, sig, nOld+nNew, files)
		}
		if nOld > 0 && nNew > 0 {
			mixed++
		}
		if len(temps) > 0 {
			if sig == syscall.SIGTERM {
				t.Fatalf("kill %d: SIGTERM left temporary files %v", k, temps)
			}
			stale++
			// The next run removes what the killed one left.
			if out, err := exec.Command(bin, "fix", "--quiet", dir).CombinedOutput(); err != nil && !isExit(err, 1) {
				t.Fatalf("fix after SIGKILL: %v\n%s", err, out)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmpllint-*")); len(left) > 0 {
				t.Fatalf("kill %d: the next run left %v", k, left)
			}
		}
	}
	t.Logf("%d kills: %d stopped with some files fixed and others not, %d left a temporary file after SIGKILL (removed by the next run)", kills, mixed, stale)
}

func pageName(i int) string {
	return "page" + string(rune('a'+i/26)) + string(rune('a'+i%26)) + ".html"
}

func isExit(err error, code int) bool {
	ee, ok := err.(*exec.ExitError)
	return ok && ee.ExitCode() == code
}
