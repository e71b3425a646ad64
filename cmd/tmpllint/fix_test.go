package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// copyFixture copies a fixture into a temp dir and returns its path.
func copyFixture(t *testing.T, name string, mode os.FileMode) (string, []byte) {
	t.Helper()
	content, err := os.ReadFile(filepath.Join("..", "..", "testdata", "templates", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // WriteFile's mode is masked by umask
		t.Fatal(err)
	}
	return path, content
}

func runCLI(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// The Done-when cases of fix: --diff applies with git apply and equals the
// in-place fix; a second fix changes nothing; the file mode is kept.
func TestFixInPlaceEqualsDiff(t *testing.T) {
	for _, name := range []string{"fix-classic-redirect.html", "fix-classic-redirect-crlf.html", "fix-minified.html", "fix-two-render-calls.html"} {
		t.Run(name, func(t *testing.T) {
			path, original := copyFixture(t, name, 0o640)
			code, diff, stderr := runCLI("fix", "--diff", path)
			if code != exitFindings || diff == "" {
				t.Fatalf("fix --diff: exit %d, diff %q, stderr %s", code, diff, stderr)
			}
			if now, _ := os.ReadFile(path); !bytes.Equal(now, original) {
				t.Fatal("fix --diff wrote the file")
			}

			code, out, stderr := runCLI("fix", path)
			if code == exitError {
				t.Fatalf("fix: exit %d: %s %s", code, out, stderr)
			}
			fixed, _ := os.ReadFile(path)
			golden, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "templates", name+".fixed"))
			if !bytes.Equal(fixed, golden) {
				t.Errorf("fix in place differs from %s.fixed", name)
			}
			if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
				t.Errorf("mode changed to %v", info.Mode().Perm())
			}
			if !strings.Contains(out, "Fixed ") {
				t.Errorf("no fix summary in %q", out)
			}

			if git, err := exec.LookPath("git"); err == nil {
				// The diff names the path as given, absolute here; apply it
				// as `git apply -p1` would after `cd /`, onto a copy.
				root := t.TempDir()
				copyPath := filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(filepath.ToSlash(path), "/")))
				if err := os.MkdirAll(filepath.Dir(copyPath), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(copyPath, original, 0o644); err != nil {
					t.Fatal(err)
				}
				cmd := exec.Command(git, "apply", "-p1", "-")
				cmd.Dir = root
				cmd.Stdin = strings.NewReader(diff)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("git apply: %v\n%s", err, out)
				}
				if got, _ := os.ReadFile(copyPath); !bytes.Equal(got, fixed) {
					t.Error("git apply of fix --diff differs from fix in place")
				}
			}

			if code, diff, _ := runCLI("fix", "--diff", path); code != exitOK || diff != "" {
				t.Errorf("second fix --diff: exit %d, diff %q", code, diff)
			}
		})
	}
}

func TestFixRefusesReadOnlyFile(t *testing.T) {
	path, original := copyFixture(t, "fix-classic-redirect.html", 0o444)
	code, _, stderr := runCLI("fix", path)
	if code != exitError || !strings.Contains(stderr, "read-only") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, original) {
		t.Error("read-only file was changed")
	}
}

func TestFixStdin(t *testing.T) {
	content, err := os.ReadFile(filepath.Join("..", "..", "testdata", "templates", "fix-classic-redirect.html"))
	if err != nil {
		t.Fatal(err)
	}
	golden, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "templates", "fix-classic-redirect.html.fixed"))
	var stdout, stderr bytes.Buffer
	run([]string{"fix", "-", "--stdin-filename", "page.html"}, bytes.NewReader(content), &stdout, &stderr)
	if !bytes.Equal(stdout.Bytes(), golden) {
		t.Errorf("fix - printed %q", stdout.String())
	}
}

func TestFixUnsafeOnlyWithFlag(t *testing.T) {
	path, original := copyFixture(t, "oie003-arrow-callback.html", 0o644)
	// Nothing to change, but the findings left fail the run as check's do.
	if code, diff, stderr := runCLI("fix", "--diff", path); code != exitFindings || diff != "" || !strings.Contains(stderr, "OIE003") {
		t.Errorf("safe fix --diff of an unsafe-only fixture: exit %d, diff %q, stderr %q", code, diff, stderr)
	}
	if code, diff, _ := runCLI("fix", "--diff", "--unsafe", path); code != exitFindings || !strings.Contains(diff, "+") {
		t.Errorf("fix --unsafe --diff: exit %d, diff %q", code, diff)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, original) {
		t.Error("--diff wrote the file")
	}
}
