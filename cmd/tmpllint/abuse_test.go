package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// leftover is a template with one finding no fix resolves (OIE002).
const leftover = "<script>var res = new OktaAuth(c);\nvar t = res.session.token;\n</script>\n"

func templateFixture(t *testing.T, name string) []byte {
	t.Helper()
	content, err := os.ReadFile(filepath.Join("..", "..", "testdata", "templates", name))
	if err != nil {
		t.Fatal(err)
	}
	return content
}

// fix - and fix --diff - behave as fix of a named file: --diff prints a
// diff, and findings left unfixed are listed (on stderr, since stdout
// carries the text or the diff) and fail the run.
func TestFixStdinLikeNamedFile(t *testing.T) {
	redirect := templateFixture(t, "fix-classic-redirect.html")
	golden := templateFixture(t, "fix-classic-redirect.html.fixed")
	t.Chdir(t.TempDir())
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // a fragment, or the whole output when exact
		exact  bool
		stderr string
	}{
		{"fix - prints the fixed text", string(redirect), []string{"fix", "-"}, 0, string(golden), true, ""},
		{"fix - lists what is left", leftover, []string{"fix", "-"}, 1, leftover, true, "<stdin>:2:13: error: res.session.token"},
		{"fix - with a name lists what is left", leftover, []string{"fix", "--stdin-filename", "page.html", "-"}, 1, leftover, true, "page.html:2:13: error: res.session.token"},
		{"fix --diff - prints a diff", string(redirect), []string{"fix", "--diff", "-"}, 1, "--- a/stdin\n+++ b/stdin\n@@ ", false, ""},
		{"fix --diff - with a name", string(redirect), []string{"fix", "--diff", "--stdin-filename", "web/page.html", "-"}, 1, "--- a/web/page.html\n+++ b/web/page.html\n", false, ""},
		{"fix --diff - with nothing to fix", leftover, []string{"fix", "--diff", "-"}, 1, "", true, "<stdin>:2:13: error: res.session.token"},
		{"fix --diff - clean", "<p>ok</p>\n", []string{"fix", "--diff", "-"}, 0, "", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tmpllint(t, tt.stdin, tt.args...)
			if got.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", got.code, tt.code, got.stdout, got.stderr)
			}
			if tt.exact && got.stdout != tt.stdout {
				t.Errorf("stdout %q, want %q", got.stdout, tt.stdout)
			}
			if !tt.exact && !strings.HasPrefix(got.stdout, tt.stdout) {
				t.Errorf("stdout should start with %q, got:\n%s", tt.stdout, got.stdout)
			}
			checkStream(t, "stderr", got.stderr, tt.stderr)
		})
	}
}

// The diff of fix --diff - applied to the input gives the fixed text.
func TestFixDiffStdinApplies(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	redirect := templateFixture(t, "fix-classic-redirect.html")
	golden := templateFixture(t, "fix-classic-redirect.html.fixed")
	t.Chdir(t.TempDir())
	os.WriteFile("page.html", redirect, 0o644)
	got := tmpllint(t, string(redirect), "fix", "--diff", "--stdin-filename", "page.html", "-")
	cmd := exec.Command(git, "apply", "-")
	cmd.Stdin = strings.NewReader(got.stdout)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s\ndiff:\n%s", err, out, got.stdout)
	}
	if now, _ := os.ReadFile("page.html"); !bytes.Equal(now, golden) {
		t.Error("the applied diff differs from the fixed text")
	}
}

// fix takes its fail level from the same place as check: --fail-level, or
// the configuration file's fail-level.
func TestFixFailLevel(t *testing.T) {
	// A warning (OIE003) is left: its fix is unsafe.
	arrow := templateFixture(t, "oie003-arrow-callback.html")
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		code  int
	}{
		{"default: a warning fails", nil, nil, 1},
		{"--fail-level error", nil, []string{"--fail-level", "error"}, 0},
		{"fail-level: error in the configuration", map[string]string{".tmpllint.yaml": "fail-level: error\n"}, nil, 0},
		{"--fail-level over the configuration", map[string]string{".tmpllint.yaml": "fail-level: error\n"}, []string{"--fail-level", "warning"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, diff := range []bool{false, true} {
				dir := t.TempDir()
				files := map[string]string{"page.html": string(arrow)}
				for k, v := range tt.files {
					files[k] = v
				}
				writeTree(t, dir, files)
				t.Chdir(dir)
				args := append([]string{"fix"}, tt.args...)
				if diff {
					args = append(args, "--diff")
				}
				args = append(args, "page.html")
				checkArgs := append([]string{"check"}, append(tt.args, "page.html")...)
				got, checked := tmpllint(t, "", args...), tmpllint(t, "", checkArgs...)
				if got.code != tt.code || checked.code != tt.code {
					t.Errorf("%v: exit %d, check exit %d, want %d\n%s%s", args, got.code, checked.code, tt.code, got.stdout, got.stderr)
				}
			}
		})
	}
}

// --update-baseline with paths updates those files' entries and keeps the
// others'; a file that no longer exists loses its entries.
func TestUpdateBaselineKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeTree(t, dir, map[string]string{"a.html": oneFinding, "b.html": oneFinding, "c.html": oneFinding})
	if code, _, stderr := runCLI("check", "--update-baseline", "."); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	os.WriteFile("a.html", []byte(oneFinding+oneFinding), 0o644)
	os.Remove("c.html")
	if code, _, stderr := runCLI("check", "--update-baseline", "a.html"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var b baselineFile
	data, _ := os.ReadFile(".tmpllint-baseline.json")
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	perFile := map[string]int{}
	for _, e := range b.Findings {
		perFile[e.File]++
	}
	if perFile["a.html"] != 2 || perFile["b.html"] != 1 || perFile["c.html"] != 0 {
		t.Errorf("entries per file %v, want a.html 2, b.html 1 (kept), c.html none (gone)\n%s", perFile, data)
	}
	if code, out, _ := runCLI("check", "--baseline", ".tmpllint-baseline.json", "."); code != exitOK {
		t.Errorf("baselined tree: exit %d\n%s", code, out)
	}
}

// A baseline that cannot be written is named as the user gave it, never by
// its temporary file.
func TestBaselineErrorNamesTheBaseline(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeTree(t, dir, map[string]string{"a.html": oneFinding})
	os.Mkdir("base.json", 0o755) // a directory where the file should go
	code, _, stderr := runCLI("check", "--update-baseline", "--baseline", "base.json", "a.html")
	if code != exitError || !strings.Contains(stderr, "base.json") || strings.Contains(stderr, ".tmpllint-") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// fix refuses a symbolic link and a read-only file, in place and with
// --diff alike, and does not sum up the refusal as "no problems".
func TestFixRefusalsAgree(t *testing.T) {
	dir := t.TempDir()
	redirect := templateFixture(t, "fix-classic-redirect.html")
	target := filepath.Join(dir, "real.html")
	link := filepath.Join(dir, "link.html")
	readOnly := filepath.Join(dir, "ro.html")
	os.WriteFile(target, redirect, 0o644)
	os.WriteFile(readOnly, redirect, 0o444)
	os.Chmod(readOnly, 0o444)
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for _, tt := range []struct{ path, why string }{{link, "symbolic link"}, {readOnly, "read-only"}} {
		for _, diff := range []bool{false, true} {
			args := []string{"fix", tt.path}
			if diff {
				args = []string{"fix", "--diff", tt.path}
			}
			got := tmpllint(t, "", args...)
			if got.code != exitError || !strings.Contains(got.stderr, tt.why) {
				t.Errorf("%v: exit %d, stderr %q", args, got.code, got.stderr)
			}
			if diff && got.stdout != "" {
				t.Errorf("%v printed a diff the fix would not write:\n%s", args, got.stdout)
			}
			if strings.Contains(got.stdout, "No problems found") {
				t.Errorf("%v: %q after a refusal", args, got.stdout)
			}
		}
	}
	if now, _ := os.ReadFile(target); !bytes.Equal(now, redirect) {
		t.Error("the link's target was written")
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
}

// Diff paths are relative to the git repository root, wherever fix runs
// and however the file is named, so the diff applies with git apply at
// the root; outside a repository, to the current directory; outside both,
// the absolute path without its leading slash.
func TestDiffPaths(t *testing.T) {
	redirect := templateFixture(t, "fix-classic-redirect.html")
	outer := t.TempDir()
	root := filepath.Join(outer, "repo")
	writeTree(t, root, map[string]string{"web/page.html": string(redirect), "tools/x": ""})
	os.Mkdir(filepath.Join(root, ".git"), 0o755)
	page := filepath.Join(root, "web", "page.html")
	tests := []struct{ cwd, arg, want string }{
		{filepath.Join(root, "web"), "page.html", "web/page.html"},
		{filepath.Join(root, "tools"), "../web/page.html", "web/page.html"},
		{root, page, "web/page.html"},
		{outer, page, "web/page.html"},
	}
	for _, tt := range tests {
		t.Chdir(tt.cwd)
		got := tmpllint(t, "", "fix", "--diff", tt.arg)
		if want := "--- a/" + tt.want + "\n+++ b/" + tt.want + "\n"; !strings.HasPrefix(got.stdout, want) {
			t.Errorf("in %s, fix --diff %s: header %q, want %q", tt.cwd, tt.arg, firstLines(got.stdout, 2), want)
		}
	}

	// Outside any repository: relative to the current directory, else
	// absolute without the leading slash.
	plain := t.TempDir()
	writeTree(t, plain, map[string]string{"a/page.html": string(redirect), "b/x": ""})
	t.Chdir(filepath.Join(plain, "a"))
	if got := tmpllint(t, "", "fix", "--diff", "page.html"); !strings.HasPrefix(got.stdout, "--- a/page.html\n") {
		t.Errorf("outside a repository: %q", firstLines(got.stdout, 2))
	}
	if !insideRepository(plain) { // a temporary directory inside a repository would change the answer
		t.Chdir(filepath.Join(plain, "b"))
		abs := filepath.ToSlash(filepath.Join(plain, "a", "page.html"))
		if got := tmpllint(t, "", "fix", "--diff", "../a/page.html"); !strings.HasPrefix(got.stdout, "--- a/"+strings.TrimPrefix(abs, "/")+"\n") {
			t.Errorf("outside the current directory: %q", firstLines(got.stdout, 2))
		}
	}

	git, err := exec.LookPath("git")
	if err != nil {
		return
	}
	// A real repository: the diff made from a subdirectory applies at the root.
	real := t.TempDir()
	writeTree(t, real, map[string]string{"web/page.html": string(redirect), "tools/x": ""})
	if out, err := exec.Command(git, "init", "-q", real).CombinedOutput(); err != nil {
		t.Skipf("git init: %v %s", err, out)
	}
	t.Chdir(filepath.Join(real, "tools"))
	got := tmpllint(t, "", "fix", "--diff", "../web/page.html")
	cmd := exec.Command(git, "apply", "--check", "-")
	cmd.Dir = real
	cmd.Stdin = strings.NewReader(got.stdout)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("git apply --check at the root: %v\n%s\n%s", err, out, got.stdout)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitAfterN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "")
}

// A walk says which symbolic links it skipped, and says so when it finds
// nothing to lint.
func TestWalkNotes(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	writeTree(t, dir, map[string]string{"t/a.html": oneFinding, "empty/readme.txt": "x"})
	writeTree(t, outside, map[string]string{"b.html": oneFinding})
	if err := os.Symlink(filepath.Join(outside, "b.html"), filepath.Join(dir, "t", "b.html")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(outside, filepath.Join(dir, "t", "out"))
	os.Symlink("loop", filepath.Join(dir, "t", "loop"))

	got := tmpllint(t, "", "check", "--format", "json", filepath.Join(dir, "t"))
	if got.code != exitFindings {
		t.Errorf("exit %d\n%s", got.code, got.stderr)
	}
	for _, name := range []string{"b.html", "out", "loop"} {
		checkStream(t, "stderr", got.stderr, filepath.Join(dir, "t", name)+": skipped, a symbolic link")
	}
	if strings.Contains(got.stdout, outside) {
		t.Errorf("a link out of the tree was followed:\n%s", got.stdout)
	}

	got = tmpllint(t, "", "check", filepath.Join(dir, "empty"))
	if got.code != exitOK || got.stdout != "No files linted.\n" || !strings.Contains(got.stderr, "no files to lint") {
		t.Errorf("empty walk: exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
}

// insideRepository reports whether a directory at or above dir holds .git.
func insideRepository(dir string) bool {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}
