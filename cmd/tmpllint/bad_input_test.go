//go:build unix

package main

import (
	"bytes"
	"github.com/tmpllint/tmpllint/linter"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
)

// TestBadInputTable runs check on each bad input of testdata/bad (and on
// those too big to commit, made here) beside a good file. Each row says
// what the bad file gets: an error that names it and exit 2, or a
// best-effort lint. Either way the good file is still linted, nothing
// hangs, and no control character reaches the terminal raw.
func TestBadInputTable(t *testing.T) {
	bad, err := filepath.Abs(filepath.Join("..", "..", "testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	// good has one OIE001 finding at 1:21.
	const good = oneFinding
	big := func(size int, fill func(w *bytes.Buffer)) func(t *testing.T, dir string) []string {
		return func(t *testing.T, dir string) []string {
			var b bytes.Buffer
			b.Grow(size + 100)
			fill(&b)
			b.WriteString("\n<script>res.session.token; var res = new OktaAuth(c)</script>\n")
			path := filepath.Join(dir, "big.html")
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{path}
		}
	}
	committed := func(name string) func(t *testing.T, dir string) []string {
		return func(t *testing.T, dir string) []string { return []string{filepath.Join(bad, name)} }
	}
	tests := []struct {
		name string
		// setup returns the paths to name beside the good file.
		setup  func(t *testing.T, dir string) []string
		short  bool // skipped with -short: big inputs
		code   int  // the run's exit code
		stdout []string
		stderr []string
	}{
		{name: "empty file", setup: committed("empty.html"), code: 1, stdout: []string{"in 2 files"}},
		{name: "PNG named .html", setup: committed("image.html"), code: 2,
			stderr: []string{"image.html: file looks binary"}},
		{name: "NUL bytes", setup: committed("nul-bytes.html"), code: 2,
			stderr: []string{"nul-bytes.html: file looks binary (it contains NUL bytes)"}},
		{name: "invalid UTF-8", setup: committed("invalid-utf8.html"), code: 1,
			stdout: []string{"invalid-utf8.html:3:26: error: res.session.setCookieAndRedirect", "in 2 files"}},
		{name: "UTF-16 with BOM", setup: committed("utf16-bom.html"), code: 2,
			stderr: []string{"utf16-bom.html: file is UTF-16 or UTF-32 text; tmpllint reads UTF-8: convert it first"}},
		{name: "UTF-16 without BOM", setup: committed("utf16-no-bom.html"), code: 2,
			stderr: []string{"utf16-no-bom.html: file is UTF-16 or UTF-32 text"}},
		{name: "60 MB template", short: true, code: 1, stdout: []string{"big.html:", "OIE002"},
			setup: big(60<<20, func(w *bytes.Buffer) {
				for w.Len() < 60<<20 {
					w.WriteString("<p class=\"row\">Some text of the page, <b>bold</b> and <i>not</i>.</p>\n")
				}
			})},
		{name: "over the size limit", code: 2, stderr: []string{"huge.html: larger than 64 MiB; not a sign-in template"},
			setup: func(t *testing.T, dir string) []string {
				path := filepath.Join(dir, "huge.html")
				f, err := os.Create(path)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if err := f.Truncate(linter.MaxFileSize + 1); err != nil { // sparse: no disk used
					t.Fatal(err)
				}
				return []string{path}
			}},
		{name: "one 10 MB line", short: true, code: 1, stdout: []string{"big.html:2:13: error: res.session.token"},
			setup: big(10<<20, func(w *bytes.Buffer) { w.WriteString(strings.Repeat("a", 10<<20)) })},
		{name: "100,000 nested divs", short: true, code: 1, stdout: []string{"big.html:2:13: error: res.session.token"},
			setup: big(0, func(w *bytes.Buffer) {
				w.WriteString(strings.Repeat("<div>", 100000) + strings.Repeat("</div>", 100000))
			})},
		{name: "100,000 nested brackets", short: true, code: 1, stdout: []string{"big.html:2:13: error: res.session.token"},
			setup: big(0, func(w *bytes.Buffer) {
				w.WriteString("<script>x = " + strings.Repeat("([{", 100000) + strings.Repeat("}])", 100000) + ";</script>")
			})},
		{name: "unclosed script", setup: committed("unclosed-script.html"), code: 1,
			stdout: []string{"unclosed-script.html:3:13: error: res.session.setCookieAndRedirect"}},
		{name: "</script> inside a JS string ends the script, as in a browser", setup: committed("script-end-in-string.html"), code: 1,
			stdout: []string{"script-end-in-string.html:2:13: error: res.session.setCookieAndRedirect", "Found 2 problems"}},
		{name: "unterminated HTML comment", setup: committed("unterminated-html-comment.html"), code: 1,
			stdout: []string{"unterminated-html-comment.html:2:13:", "Found 2 problems"}},
		{name: "unterminated JS comment", setup: committed("unterminated-js-comment.html"), code: 1,
			stdout: []string{"unterminated-js-comment.html:2:13:", "Found 2 problems"}},
		{name: "unterminated string", setup: committed("unterminated-string.html"), code: 1,
			stdout: []string{"unterminated-string.html:2:13:", "unterminated-string.html:4:5: error: res.session.token"}},
		{name: "unterminated template literal", setup: committed("unterminated-template.html"), code: 1,
			stdout: []string{"unterminated-template.html:2:13:"}},
		{name: "unterminated Mustache tags", setup: committed("unterminated-mustache.html"), code: 1,
			stdout: []string{"unterminated-mustache.html:2:13:"}},
		{name: "ANSI escapes and control characters", setup: committed("control-characters.html"), code: 1,
			stdout: []string{"control-characters.html:2:13:", "\uFFFD[31mred"}},
		{name: "control characters in a file name", code: 1, stdout: []string{`\x1b[31mred.html":1:21: error`},
			setup: func(t *testing.T, dir string) []string {
				path := filepath.Join(dir, "\x1b[31mred.html")
				if err := os.WriteFile(path, []byte(good), 0o644); err != nil {
					t.Skip("file system refuses the name:", err)
				}
				return []string{path}
			}},
		{name: "symlink loop named", code: 2, stderr: []string{"loop.html: too many levels of symbolic links"},
			setup: func(t *testing.T, dir string) []string {
				path := filepath.Join(dir, "loop.html")
				if err := os.Symlink("loop.html", path); err != nil {
					t.Skip("no symbolic links:", err)
				}
				return []string{path}
			}},
		{name: "symlink loop and a link out of the tree, walked", code: 1,
			stdout: []string{"in 2 files"},
			stderr: []string{"loop.html: skipped, a symbolic link", "out: skipped, a symbolic link"},
			setup: func(t *testing.T, dir string) []string {
				tree := filepath.Join(dir, "tree")
				os.Mkdir(tree, 0o755)
				os.WriteFile(filepath.Join(tree, "a.html"), []byte("<p>ok</p>"), 0o644)
				if err := os.Symlink("loop.html", filepath.Join(tree, "loop.html")); err != nil {
					t.Skip("no symbolic links:", err)
				}
				outside := t.TempDir()
				os.WriteFile(filepath.Join(outside, "secret.html"), []byte(good), 0o644)
				os.Symlink(outside, filepath.Join(tree, "out"))
				return []string{tree}
			}},
		{name: "FIFO", code: 2, stderr: []string{"fifo.html: a named pipe (FIFO), not a regular file"},
			setup: func(t *testing.T, dir string) []string {
				path := filepath.Join(dir, "fifo.html")
				if err := syscall.Mkfifo(path, 0o644); err != nil {
					t.Skip("no FIFOs:", err)
				}
				return []string{path}
			}},
		{name: "/dev/zero", code: 2, stderr: []string{"/dev/zero: a device, not a regular file"},
			setup: func(t *testing.T, dir string) []string {
				if _, err := os.Stat("/dev/zero"); err != nil {
					t.Skip("no /dev/zero")
				}
				return []string{"/dev/zero"}
			}},
		{name: "missing path", code: 2, stderr: []string{"missing.html: no such file or directory"},
			setup: func(t *testing.T, dir string) []string { return []string{filepath.Join(dir, "missing.html")} }},
		{name: "the same file named twice", code: 1, stdout: []string{"Found 1 problem", "in 1 file."},
			setup: func(t *testing.T, dir string) []string {
				p := filepath.Join(dir, "good.html")
				return []string{p, filepath.Join(dir, ".", "good.html")}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.short && testing.Short() {
				t.Skip("big input")
			}
			dir := t.TempDir()
			goodPath := filepath.Join(dir, "good.html")
			if err := os.WriteFile(goodPath, []byte(good), 0o644); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"check", "--color", "never", goodPath}, tt.setup(t, dir)...)
			got := tmpllint(t, "", args...)
			if got.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", got.code, tt.code, head(got.stdout), head(got.stderr))
			}
			// The good file is linted whatever happens to the bad one.
			checkStream(t, "stdout", got.stdout, goodPath+":1:21: error: res.session.setCookieAndRedirect")
			for _, want := range tt.stdout {
				checkStream(t, "stdout", got.stdout, want)
			}
			for _, want := range tt.stderr {
				checkStream(t, "stderr", got.stderr, want)
			}
			if tt.code == exitError && len(tt.stderr) > 0 && strings.Count(got.stderr, "tmpllint: ") != 1 {
				t.Errorf("want one error line:\n%s", got.stderr)
			}
			for stream, out := range map[string]string{"stdout": got.stdout, "stderr": got.stderr} {
				if c, ok := rawControl(out); ok {
					t.Errorf("%s holds the raw control character %U:\n%q", stream, c, head(out))
				}
			}
		})
	}
}

// rawControl returns the first control character in out other than line
// feed and tab: a terminal would act on it.
func rawControl(out string) (rune, bool) {
	for _, r := range out {
		if r == utf8.RuneError || r == '\n' || r == '\t' {
			continue
		}
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return r, true
		}
	}
	return 0, false
}

// head shortens output for a failure message.
func head(s string) string {
	if len(s) > 4000 {
		return s[:4000] + "…"
	}
	return s
}
