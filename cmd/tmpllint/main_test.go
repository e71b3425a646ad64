package main

import (
	"bytes"
	"encoding/json"
	"github.com/tmpllint/tmpllint/report"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/rules"
)

// outcome is what one in-process run of the CLI produced.
type outcome struct {
	code           int
	stdout, stderr string
}

// tmpllint runs the CLI in-process with stdin as standard input.
func tmpllint(t *testing.T, stdin string, args ...string) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return outcome{code, stdout.String(), stderr.String()}
}

// fixture returns the path of a template in the repository's fixtures.
func fixture(name string) string {
	return filepath.Join("..", "..", "testdata", "templates", name)
}

// writeTree creates files (slash-separated paths relative to root).
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// anything, as an expected stream, accepts any output.
const anything = "\x00any"

// checkStream fails unless got contains want, or is empty when want is "".
func checkStream(t *testing.T, stream, got, want string) {
	t.Helper()
	if want == anything {
		return
	}
	if want == "" && got != "" {
		t.Errorf("%s should be empty, got:\n%s", stream, got)
	}
	if !strings.Contains(got, want) {
		t.Errorf("%s should contain %q, got:\n%s", stream, want, got)
	}
}

// oneFinding is a template with exactly one OIE001 finding, at 1:21 (the
// page is not hosted, so OIE003 does not apply).
const oneFinding = "<script>res.session.setCookieAndRedirect(u); var res = new OktaAuth(c)</script>\n"

// oneFindingJS is oneFinding as a JavaScript file.
const oneFindingJS = "res.session.setCookieAndRedirect(u); var res = new OktaAuth(c)\n"

func TestExitCodes(t *testing.T) {
	var (
		clean    = fixture("default-oie.html")
		findings = fixture("oie001-member-call.html")      // 2 errors, 1 warning
		warning  = fixture("oie003-inline-callback.html")  // 1 warning
		info     = fixture("oie003-forwarder-inline.html") // 1 info
	)
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string // substrings; "" means the stream must be empty
	}{
		{"clean", []string{"check", clean}, 0, "No problems found in 1 file.\n", ""},
		{"findings", []string{"check", findings}, 1, "Found 3 problems (2 errors, 1 warning, 0 info) in 1 file.\n", ""},
		{"check is the default command", []string{findings}, 1, "Found 3 problems", ""},
		{"flags without command", []string{"--fail-level", "error", warning}, 0, "1 warning", ""},
		{"warning fails by default", []string{"check", warning}, 1, "(0 errors, 1 warning, 0 info)", ""},
		{"warning below --fail-level error", []string{"check", "--fail-level", "error", warning}, 0, "(0 errors, 1 warning, 0 info)", ""},
		{"error at --fail-level error", []string{"check", "--fail-level=error", "--ignore", "OIE003", findings}, 1, "Found 2 problems (2 errors, 0 warnings, 0 info)", ""},
		{"info passes by default", []string{"check", info}, 0, "(0 errors, 0 warnings, 1 info)", ""},
		{"info at --fail-level info", []string{"check", "--fail-level", "info", info}, 1, "(0 errors, 0 warnings, 1 info)", ""},
		{"ignore by name", []string{"check", "--ignore", "complete-login-callback", warning}, 0, "No problems found in 1 file.", ""},
		{"ignore all rules", []string{"check", "--ignore", "OIE001,no-session-token", "--ignore", "OIE003", findings}, 0, "No problems found", ""},

		// The message is checked by TestFlagErrorsAreReported.
		{"unknown flag", []string{"check", "--nope", findings}, 2, "", anything},
		{"flag without its value", []string{"check", findings, "--format"}, 2, "", anything},
		{"bad --format", []string{"check", "--format", "xml", findings}, 2, "", `--format: unknown format "xml"`},
		{"bad --fail-level", []string{"check", "--fail-level", "fatal", findings}, 2, "", `--fail-level: unknown severity "fatal"`},
		{"unknown --ignore rule", []string{"check", "--ignore", "OIE999", findings}, 2, "", `--ignore: no rule "OIE999"`},
		{"no path", []string{"check"}, 2, "", "no path given"},
		{"no path with flags", []string{"--format", "json"}, 2, "", "no path given"},
		{"no arguments", nil, 2, "", "Usage:"},
		{"unknown subcommand", []string{"frobnicate", findings}, 2, "", `unknown command "frobnicate"`},
		{"help", []string{"help"}, 0, "Usage:", ""},
		{"check --help", []string{"check", "--help"}, 0, "--fail-level", ""},
		{"fix --help", []string{"fix", "--help"}, 0, "--fail-level", ""},
		{"bad flag prints usage on stderr", []string{"check", "--frobnicate", findings}, 2, "", "Usage: tmpllint check"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tmpllint(t, "", tt.args...)
			if got.code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", got.code, tt.code, got.stdout, got.stderr)
			}
			checkStream(t, "stdout", got.stdout, tt.stdout)
			checkStream(t, "stderr", got.stderr, tt.stderr)
		})
	}
}

// A file that cannot be read makes the exit code 2, and the other files are
// still linted and reported.
func TestReadErrorsKeepLinting(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"clean.html":         "<p>hello</p>\n",
		"bin.html":           "<p>\x00\x01\x02</p>" + oneFinding,
		"dir.html/page.html": oneFinding,
	})
	in := func(name string) string { return filepath.Join(dir, name) }
	findings := fixture("oie001-member-call.html")
	const found = "oie001-member-call.html:37:37: error: "
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"missing path first", []string{in("missing.html"), findings}, 2, found, in("missing.html") + ": no such file or directory"},
		{"missing path last", []string{findings, in("missing.html")}, 2, "Found 3 problems (2 errors, 1 warning, 0 info) in 1 file.", ": no such file or directory"},
		{"missing path beside a clean file", []string{in("clean.html"), in("missing.html")}, 2, "No problems found in 1 file.", "missing.html"},
		{"file given as a directory", []string{in("clean.html") + "/", findings}, 2, found, "tmpllint: " + in("clean.html") + "/: not a directory"},
		{"binary file", []string{in("bin.html"), findings}, 2, found, "tmpllint: " + in("bin.html") + ": file looks binary"},
		{"directory named like a template is walked", []string{in("dir.html")}, 1, filepath.Join(dir, "dir.html", "page.html") + ":1:21: error: ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tmpllint(t, "", append([]string{"check"}, tt.args...)...)
			if got.code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", got.code, tt.code, got.stdout, got.stderr)
			}
			checkStream(t, "stdout", got.stdout, tt.stdout)
			checkStream(t, "stderr", got.stderr, tt.stderr)
		})
	}
}

func TestFlagErrorsAreReported(t *testing.T) {
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"check", "--nope", "x.html"}, "unknown flag: --nope"},
		{[]string{"check", "x.html", "--format"}, "flag needs an argument: --format"},
		{[]string{"check", "--show-fixes=maybe", "x.html"}, "--show-fixes"},
		{[]string{"rules", "--nope"}, "unknown flag: --nope"},
		{[]string{"fix", "--nope", "x.html"}, "unknown flag: --nope"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got := tmpllint(t, "", tt.args...)
			if got.code != 2 {
				t.Errorf("exit code %d, want 2", got.code)
			}
			checkStream(t, "stdout", got.stdout, "")
			checkStream(t, "stderr", got.stderr, tt.stderr)
		})
	}
}

func TestUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"secret.html":        oneFinding,
		"tree/ok.html":       oneFinding,
		"tree/locked/x.html": oneFinding,
	})
	for _, p := range []string{"secret.html", "tree/locked"} {
		path := filepath.Join(dir, p)
		if err := os.Chmod(path, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, 0o755) })
	}
	tests := []struct {
		name, arg, stderr, stdout string
	}{
		{"file", "secret.html", "secret.html: permission denied", "No problems found in 0 files."},
		{"directory in a walk", "tree", "locked: permission denied", filepath.Join(dir, "tree", "ok.html") + ":1:21: error: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tmpllint(t, "", "check", filepath.Join(dir, tt.arg))
			if got.code != 2 {
				t.Errorf("exit code %d, want 2", got.code)
			}
			checkStream(t, "stdout", got.stdout, tt.stdout)
			checkStream(t, "stderr", got.stderr, tt.stderr)
		})
	}
}

// jsonFiles runs check --format json and returns the file of each
// diagnostic, in output order.
func jsonFiles(t *testing.T, args ...string) []string {
	t.Helper()
	got := tmpllint(t, "", append([]string{"check", "--format", "json"}, args...)...)
	var report struct{ Diagnostics []struct{ File, Rule string } }
	if err := json.Unmarshal([]byte(got.stdout), &report); err != nil {
		t.Fatalf("decoding JSON: %v\n%s", err, got.stdout)
	}
	var files []string
	for _, d := range report.Diagnostics {
		files = append(files, d.File)
	}
	return files
}

func TestDirectoryWalk(t *testing.T) {
	root := t.TempDir()
	// Every template holds one finding, so each linted file appears once.
	writeTree(t, root, map[string]string{
		"b.html":                        oneFinding,
		"a.htm":                         oneFinding,
		"c.hbs":                         oneFinding,
		"d.mustache":                    oneFinding,
		"E.HTML":                        oneFinding,
		"clean.html":                    "<p>clean</p>\n",
		"notes.txt":                     oneFinding,
		"page.html.bak":                 oneFinding,
		".git/hooks/x.html":             oneFinding,
		"node_modules/pkg/index.html":   oneFinding,
		"sub/y.HTM":                     oneFinding,
		"sub/deeper/z.html":             oneFinding,
		"sub/node_modules/widget.html":  oneFinding,
		"sub.html":                      oneFinding,
		"node_modules.html":             oneFinding,
		"lib/.git-like/ok.mustache":     oneFinding,
		"sub/deeper/.git/info/bad.html": oneFinding,
		"vendor/lib/x.html":             oneFinding,
		"app/dist/main.js":              oneFindingJS,
		"app/build/x.html":              oneFinding,
		"app/login.js":                  oneFindingJS,
		"app/login.mjs":                 oneFindingJS,
		"app/Login.jsx":                 oneFindingJS,
		"app/widget.ts":                 oneFindingJS,
		"app/Widget.tsx":                oneFindingJS,
		"app/Login.vue":                 oneFinding,
		"app/login.ejs":                 oneFinding,
		"app/fragment.js":               oneFinding, // markup saved as .js
		"app/bundle.min.js":             oneFindingJS,
		"app/okta-sign-in.js":           oneFindingJS,
		"app/types.d.ts":                oneFindingJS,
		"app/style.css":                 oneFindingJS,
	})
	linted := []string{ // lexical order within each directory, as walked
		"E.HTML", "a.htm",
		"app/Login.jsx", "app/Login.vue", "app/Widget.tsx", "app/fragment.js", "app/login.ejs",
		"app/login.js", "app/login.mjs", "app/widget.ts",
		"b.html", "c.hbs", "d.mustache", "lib/.git-like/ok.mustache", "node_modules.html",
		"sub/deeper/z.html", "sub/y.HTM", "sub.html",
	}
	var want []string
	for _, name := range linted {
		want = append(want, filepath.Join(root, filepath.FromSlash(name)))
	}
	if got := jsonFiles(t, root); !reflect.DeepEqual(got, want) {
		t.Errorf("linted files:\n got %q\nwant %q", got, want)
	}
	text := tmpllint(t, "", "check", root)
	if want := "Found 18 problems (18 errors, 0 warnings, 0 info) in 19 files.\n"; !strings.HasSuffix(text.stdout, want) {
		t.Errorf("summary: want %q, got:\n%s", want, text.stdout)
	}

	// A file named explicitly is linted whatever its extension, and paths
	// are reported in argument order.
	explicit := []string{filepath.Join(root, "notes.txt"), filepath.Join(root, "page.html.bak"), filepath.Join(root, "a.htm")}
	if got := jsonFiles(t, explicit...); !reflect.DeepEqual(got, explicit) {
		t.Errorf("explicit files:\n got %q\nwant %q", got, explicit)
	}
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string
	}{
		{"default name", []string{"-"}, oneFinding, 1, "<stdin>:1:21: error: "},
		{"named", []string{"--stdin-filename", "sign-in.html", "-"}, oneFinding, 1, "sign-in.html:1:21: error: "},
		{"clean", []string{"--stdin-filename", "sign-in.html", "-"}, "<p>hi</p>", 0, "No problems found in 1 file."},
		{"json", []string{"--format", "json", "--stdin-filename", "x.html", "-"}, oneFinding, 1, `"file": "x.html",`},
		{"beside a file", []string{"-", fixture("default-oie.html")}, "\n" + oneFinding, 1, "<stdin>:2:21: error: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tmpllint(t, tt.stdin, append([]string{"check"}, tt.args...)...)
			if got.code != tt.code {
				t.Errorf("exit code %d, want %d", got.code, tt.code)
			}
			checkStream(t, "stdout", got.stdout, tt.stdout)
			checkStream(t, "stderr", got.stderr, "")
		})
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name    string
		content string
		code    int
		stdout  string // the finding that must still be reported
		stderr  string
	}{
		{"binary", "<p>\x00</p>" + oneFinding, 2, "", "tmpllint: t.html: file looks binary (it contains NUL bytes); not a template\n"},
		{"invalid UTF-8", "<script>var res = new OktaAuth(c);\nvar x = \"\xff\xfe bad\"; res.session.setCookieAndRedirect(u);\n</script>\n", 1, "t.html:2:31: error: ", ""},
		{"invalid UTF-8 only", "<p>\xc3\x28 \xe2\x82</p>\n\xf0\x9f", 0, "No problems found in 1 file.", ""},
		{"unclosed script", "<p>hi</p>\n<script>var res = new OktaAuth(c);\nres.session.setCookieAndRedirect(u);\nvar s = 1 +", 1, "t.html:3:13: error: ", ""},
		{"unterminated string", "<script>var res = new OktaAuth(c);\nvar t = res.session.token;\nvar s = 'never closed\nres.session.setCookieAndRedirect(u);\n</script>\n", 1, "t.html:2:13: error: res.session.token", ""},
		{"unterminated template literal and unclosed script", "<script>var res = new OktaAuth(c);\nres.session.setCookieAndRedirect(u);\nvar s = `open ${", 1, "t.html:2:13: error: ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Binary input is named on stdin so the message is exact; a
			// clean file beside it must still be linted.
			got := tmpllint(t, tt.content, "check", "--stdin-filename", "t.html", "-")
			if got.code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", got.code, tt.code, got.stdout, got.stderr)
			}
			checkStream(t, "stdout", got.stdout, tt.stdout)
			checkStream(t, "stderr", got.stderr, tt.stderr)
		})
	}

	t.Run("binary beside other files", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"a/bin.html": "\x00\x00" + oneFinding, "a/ok.html": oneFinding})
		got := tmpllint(t, "", "check", filepath.Join(dir, "a"))
		if got.code != 2 {
			t.Errorf("exit code %d, want 2", got.code)
		}
		checkStream(t, "stdout", got.stdout, filepath.Join(dir, "a", "ok.html")+":1:21: error: ")
		checkStream(t, "stdout", got.stdout, "in 1 file.")
		checkStream(t, "stderr", got.stderr, filepath.Join(dir, "a", "bin.html")+": file looks binary")
	})
}

func TestRules(t *testing.T) {
	all := rules.All()
	text := tmpllint(t, "", "rules")
	if text.code != 0 {
		t.Fatalf("rules: exit code %d, stderr %s", text.code, text.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(text.stdout, "\n"), "\n")
	if len(lines) != len(all)+1 || !strings.HasPrefix(lines[0], "ID ") || !strings.Contains(lines[0], " FIX ") || !strings.Contains(lines[0], " FILES ") {
		t.Fatalf("rules: want a header and %d lines, got:\n%s", len(all), text.stdout)
	}
	for i, r := range all {
		fields := strings.Fields(lines[i+1])
		if len(fields) < 5 || fields[0] != r.ID || fields[1] != r.Name || fields[2] != r.Severity.String() || fields[3] != report.Fixability(r) {
			t.Errorf("rules line %d: %q, want %s %s %s %s", i+2, lines[i+1], r.ID, r.Name, r.Severity, report.Fixability(r))
		}
	}

	js := tmpllint(t, "", "rules", "--format", "json")
	var list []struct {
		ID, Name, Severity, Summary string
		Fixable                     bool
		Files                       []string
	}
	if err := json.Unmarshal([]byte(js.stdout), &list); err != nil || js.code != 0 {
		t.Fatalf("rules --format json: exit %d, %v\n%s", js.code, err, js.stdout)
	}
	if len(list) != len(all) {
		t.Fatalf("rules --format json: want %d rules, got %d", len(all), len(list))
	}
	for i, got := range list {
		r := all[i]
		var files []string
		for _, l := range jsscan.Langs() {
			if r.AppliesTo(l) {
				files = append(files, l.String())
			}
		}
		if got.ID != r.ID || got.Name != r.Name || got.Severity != r.Severity.String() || got.Summary != r.Doc.Summary || got.Fixable != r.Fixable || !reflect.DeepEqual(got.Files, files) {
			t.Errorf("rule %d: got %+v, want %s %s", i, got, r.ID, r.Name)
		}
	}
	var raw []map[string]any
	if err := json.Unmarshal([]byte(js.stdout), &raw); err != nil || len(raw) == 0 {
		t.Fatalf("rules --format json: %v", err)
	}
	if keys := sortedKeys(raw[0]); !reflect.DeepEqual(keys, []string{"files", "fixable", "id", "name", "severity", "summary"}) {
		t.Errorf("rule keys: %q", keys)
	}

	if bad := tmpllint(t, "", "rules", "--format", "yaml"); bad.code != 2 || bad.stdout != "" {
		t.Errorf("rules --format yaml: exit %d, stdout %q", bad.code, bad.stdout)
	}
}

func TestExplainAndVersion(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		prefix string // of stdout
		has    []string
		stderr string
	}{
		{[]string{"explain", "OIE001"}, 0, "OIE001 no-set-cookie-and-redirect (default severity: error)\n", []string{"\nWhy\n  ", "\nBad example 1 (example.html)\n  ", "\nGood example 1 (example.html)\n  ", "setCookieAndRedirect"}, ""},
		{[]string{"explain", "no-session-token"}, 0, "OIE002 no-session-token (default severity: error)\n", []string{"\nWhat it reports\n", "sessionToken"}, ""},
		{[]string{"explain", "nope"}, 2, "", nil, `no rule "nope"`},
		{[]string{"explain"}, 2, "", nil, "explain takes one rule"},
		{[]string{"explain", "OIE001", "OIE002"}, 2, "", nil, "explain takes one rule"},
		{[]string{"version"}, 0, "tmpllint ", nil, ""},
		{[]string{"--version"}, 0, "tmpllint ", nil, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got := tmpllint(t, "", tt.args...)
			if got.code != tt.code {
				t.Errorf("exit code %d, want %d", got.code, tt.code)
			}
			if !strings.HasPrefix(got.stdout, tt.prefix) || (tt.prefix == "") != (got.stdout == "") {
				t.Errorf("stdout should start with %q, got:\n%s", tt.prefix, got.stdout)
			}
			if got.stdout != "" && !strings.HasSuffix(got.stdout, "\n") {
				t.Errorf("stdout does not end with a newline: %q", got.stdout)
			}
			for _, s := range tt.has {
				checkStream(t, "stdout", got.stdout, s)
			}
			checkStream(t, "stderr", got.stderr, tt.stderr)
		})
	}
}

// Linting runs in parallel; the output must not depend on scheduling.
func TestDeterministic(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "templates")
	for _, format := range []string{"text", "json"} {
		first := tmpllint(t, "", "check", "--format", format, dir)
		if first.code != 1 || first.stderr != "" {
			t.Fatalf("%s: exit %d, stderr %s", format, first.code, first.stderr)
		}
		for range 4 {
			if again := tmpllint(t, "", "check", "--format", format, dir); again != first {
				t.Fatalf("%s: second run differs from the first", format)
			}
		}
	}
	// Files come out in walk (lexical) order, not in completion order.
	files := jsonFiles(t, dir)
	for i := 1; i < len(files); i++ {
		if files[i] < files[i-1] {
			t.Fatalf("files out of order: %s after %s", files[i], files[i-1])
		}
	}
	if len(files) < 50 {
		t.Fatalf("only %d diagnostics in the fixtures", len(files))
	}
}
