package main

import (
	"github.com/tmpllint/tmpllint/linter"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/config"
)

// repo creates a repository (a directory with .git) holding files, and
// returns its path.
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeTree(t, root, files)
	return root
}

// oneWarning is a hosted page with exactly one finding: OIE003, a warning.
func oneWarning(t *testing.T) string {
	t.Helper()
	content, err := os.ReadFile(fixture("oie003-inline-callback.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(content)
}

func TestConfigCheck(t *testing.T) {
	warning := oneWarning(t)
	suppressed := "<script>res.session.setCookieAndRedirect(u) // tmpllint-disable-line OIE001 -- reviewed\nvar res = new OktaAuth(c)</script>\n"
	tests := []struct {
		name   string
		files  map[string]string
		args   []string // after check; paths are relative to the repository
		code   int
		stdout string   // substring; "" means empty
		not    []string // substrings stdout must not contain
		stderr string
	}{
		{name: "no config", files: map[string]string{"a.html": warning},
			args: []string{"a.html"}, code: 1, stdout: "a.html:24:13: warning:"},
		{name: "severity override lowers the exit code",
			files: map[string]string{".tmpllint.yaml": "severity: {OIE003: info}\n", "a.html": warning},
			args:  []string{"a.html"}, code: 0, stdout: "a.html:24:13: info:"},
		{name: "severity override raises the exit code",
			files: map[string]string{".tmpllint.yaml": "severity: {complete-login-callback: error}\nfail-level: error\n", "a.html": warning},
			args:  []string{"a.html"}, code: 1, stdout: "a.html:24:13: error:"},
		{name: "fail-level from the file",
			files: map[string]string{".tmpllint.yaml": "fail-level: error\n", "a.html": warning},
			args:  []string{"a.html"}, code: 0, stdout: "(0 errors, 1 warning, 0 info)"},
		{name: "fail-level of a config whose templates are all excluded does not count",
			files: map[string]string{".tmpllint.yaml": "fail-level: error\n", "vendor/.tmpllint.yaml": "fail-level: info\n", "a.html": warning, "vendor/b.html": warning},
			args:  []string{"--exclude", "vendor", "."}, code: 0, stdout: "in 1 file"},
		{name: "the lowest fail-level of the files in play",
			files: map[string]string{".tmpllint.yaml": "fail-level: error\n", "sub/.tmpllint.yaml": "fail-level: warning\nseverity: {OIE003: info}\n", "a.html": warning, "sub/b.html": warning},
			args:  []string{"."}, code: 1, stdout: "(0 errors, 1 warning, 1 info)"},
		{name: "--fail-level wins over the file",
			files: map[string]string{".tmpllint.yaml": "fail-level: error\n", "a.html": warning},
			args:  []string{"--fail-level", "warning", "a.html"}, code: 1, stdout: "1 warning"},
		{name: "--severity wins over the file",
			files: map[string]string{".tmpllint.yaml": "severity: {OIE003: info}\n", "a.html": warning},
			args:  []string{"--severity", "OIE003=warning", "a.html"}, code: 1, stdout: "a.html:24:13: warning:"},
		{name: "severity in JSON",
			files: map[string]string{".tmpllint.yaml": "severity: {OIE003: error}\n", "a.html": warning},
			args:  []string{"--format", "json", "a.html"}, code: 1, stdout: `"severity": "error"`},
		{name: "disabled rule does not run",
			files: map[string]string{".tmpllint.yaml": "disable: [complete-login-callback]\n", "a.html": warning},
			args:  []string{"a.html"}, code: 0, stdout: "No problems found in 1 file."},
		{name: "--enable wins over the file",
			files: map[string]string{".tmpllint.yaml": "disable: [OIE003]\n", "a.html": warning},
			args:  []string{"--enable", "OIE003", "a.html"}, code: 1, stdout: "OIE003"},
		{name: "--disable and --ignore",
			files: map[string]string{"a.html": warning + oneFinding},
			args:  []string{"--disable", "OIE003", "--ignore", "OIE001,CSP001", "a.html"}, code: 0, stdout: "No problems found"},
		{name: "a suppression naming a disabled rule is not unused",
			files: map[string]string{".tmpllint.yaml": "disable: [OIE001]\n", "a.html": suppressed},
			args:  []string{"a.html"}, code: 0, stdout: "No problems found", not: []string{"TPL900"}},
		{name: "ignore skips files in a walk",
			files: map[string]string{".tmpllint.yaml": "ignore: [\"vendor/**\", \"**/*.gen.html\"]\n",
				"a.html": oneFinding, "vendor/b.html": oneFinding, "x/c.gen.html": oneFinding, "x/d.html": oneFinding},
			args: []string{"."}, code: 1, stdout: "in 2 files", not: []string{"vendor", "gen.html"}},
		{name: "a file named on the command line is linted even if ignored",
			files: map[string]string{".tmpllint.yaml": "ignore: [\"vendor/**\"]\n", "vendor/b.html": oneFinding},
			args:  []string{"vendor/b.html"}, code: 1, stdout: "vendor/b.html:1:21: error:"},
		{name: "--exclude skips files in a walk",
			files: map[string]string{"a.html": oneFinding, "legacy/b.html": oneFinding},
			args:  []string{"--exclude", "legacy", "."}, code: 1, stdout: "in 1 file", not: []string{"legacy"}},
		{name: "--exclude adds to ignore",
			files: map[string]string{".tmpllint.yaml": "ignore: [a.html]\n", "a.html": oneFinding, "b.html": oneFinding},
			args:  []string{"--exclude", "b.html", "."}, code: 0, stdout: "No files linted."},
		{name: "overrides apply per file in one run",
			files: map[string]string{
				".tmpllint.yaml": "overrides:\n  - files: [\"legacy/**\"]\n    severity: {OIE001: info}\n  - files: [\"legacy/off/**\"]\n    disable: [OIE001]\n",
				"a.html":         oneFinding, "legacy/b.html": oneFinding, "legacy/off/c.html": oneFinding},
			args: []string{"."}, code: 1, stdout: "a.html:1:21: error:",
			not: []string{"legacy/b.html:1:21: error", "legacy/off"}},
		{name: "the nearest file wins, unmerged",
			files: map[string]string{
				".tmpllint.yaml":     "disable: [OIE001]\n",
				"sub/.tmpllint.yaml": "severity: {OIE003: info}\n",
				"a.html":             oneFinding, "sub/b.html": oneFinding},
			args: []string{"."}, code: 1, stdout: "sub/b.html:1:21: error:", not: []string{"a.html:1"}},
		{name: "--config uses one file for every template",
			files: map[string]string{
				"sub/.tmpllint.yaml": "disable: [OIE001]\n",
				"conf/strict.yaml":   "severity: {OIE001: info}\n",
				"sub/b.html":         oneFinding},
			args: []string{"--config", "conf/strict.yaml", "sub"}, code: 0, stdout: "sub/b.html:1:21: info:"},
		{name: "--no-config",
			files: map[string]string{".tmpllint.yaml": "disable: [OIE001]\n", "a.html": oneFinding},
			args:  []string{"--no-config", "a.html"}, code: 1, stdout: "a.html:1:21: error:"},
		{name: "standard input takes the config of --stdin-filename",
			files: map[string]string{".tmpllint.yaml": "overrides:\n  - files: [\"legacy/**\"]\n    disable: [OIE001]\n"},
			args:  []string{"--stdin-filename", "legacy/x.html", "-"}, code: 0, stdout: "No problems found"},

		{name: "config error names file and line",
			files: map[string]string{".tmpllint.yaml": "disable: [OIE003]\ncolour: red\n", "a.html": oneFinding},
			args:  []string{"a.html"}, code: 2, stderr: `tmpllint: .tmpllint.yaml:2: unknown key "colour"`},
		{name: "config error in a subdirectory",
			files: map[string]string{"sub/.tmpllint.yaml": "severity: {OIE003: loud}\n", "a.html": oneFinding, "sub/b.html": oneFinding, "sub/c.html": oneFinding},
			args:  []string{"."}, code: 2, stderr: `tmpllint: sub/.tmpllint.yaml:1:20: unknown severity "loud"`},
		{name: "missing --config", files: map[string]string{"a.html": oneFinding},
			args: []string{"--config", "nope.yaml", "a.html"}, code: 2, stderr: "nope.yaml: no such file or directory"},
		{name: "--config and --no-config", files: map[string]string{"a.html": oneFinding},
			args: []string{"--config", "x.yaml", "--no-config", "a.html"}, code: 2, stderr: "exclude each other"},
		{name: "unknown --disable rule", files: map[string]string{"a.html": oneFinding},
			args: []string{"--disable", "OIE999", "a.html"}, code: 2, stderr: `--disable: no rule "OIE999"`},
		{name: "--enable and --disable the same rule", files: map[string]string{"a.html": oneFinding},
			args: []string{"--disable", "OIE001", "--enable", "no-set-cookie-and-redirect", "a.html"}, code: 2, stderr: "--enable: OIE001 is also switched off"},
		{name: "bad --severity", files: map[string]string{"a.html": oneFinding},
			args: []string{"--severity", "OIE001", "a.html"}, code: 2, stderr: `--severity: "OIE001" is not ID=level`},
		{name: "bad --severity level", files: map[string]string{"a.html": oneFinding},
			args: []string{"--severity", "OIE001=loud", "a.html"}, code: 2, stderr: `unknown severity "loud"`},
		{name: "bad --exclude", files: map[string]string{"a.html": oneFinding},
			args: []string{"--exclude", "a/[", "a.html"}, code: 2, stderr: `--exclude: glob "a/[": bad pattern`},
		{name: "bad --widget-version", files: map[string]string{"a.html": oneFinding},
			args: []string{"--widget-version", "seven", "a.html"}, code: 2, stderr: `--widget-version: "seven" is not a version`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := repo(t, tt.files)
			t.Chdir(root)
			out := tmpllint(t, oneFinding, append([]string{"check", "--color", "never"}, tt.args...)...)
			if out.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", out.code, tt.code, out.stdout, out.stderr)
			}
			checkStream(t, "stdout", out.stdout, tt.stdout)
			checkStream(t, "stderr", out.stderr, tt.stderr)
			if tt.code == exitError && strings.Count(out.stderr, "\n") != 1 {
				t.Errorf("want one error, once:\n%s", out.stderr)
			}
			for _, s := range tt.not {
				if strings.Contains(out.stdout, s) {
					t.Errorf("stdout should not contain %q:\n%s", s, out.stdout)
				}
			}
		})
	}
}

// The settings reach fix: a disabled rule is not fixed, and a walk skips
// ignored files.
func TestConfigFix(t *testing.T) {
	fixable, err := os.ReadFile(fixture("fix-classic-redirect.html"))
	if err != nil {
		t.Fatal(err)
	}
	root := repo(t, map[string]string{
		".tmpllint.yaml": "ignore: [vendor]\noverrides:\n  - files: [keep.html]\n    disable: [OIE003, OIE001, OIE002]\n",
		"a.html":         string(fixable), "keep.html": string(fixable), "vendor/v.html": string(fixable),
	})
	t.Chdir(root)
	out := tmpllint(t, "", "fix", "--color", "never", ".")
	if out.code != exitOK {
		t.Fatalf("fix: exit %d\n%s%s", out.code, out.stdout, out.stderr)
	}
	checkStream(t, "stdout", out.stdout, "in 1 file.")
	for name, changed := range map[string]bool{"a.html": true, "keep.html": false, "vendor/v.html": false} {
		got, _ := os.ReadFile(filepath.Join(root, name))
		if (string(got) != string(fixable)) != changed {
			t.Errorf("%s: changed %v, want %v", name, !changed, changed)
		}
	}
}

func TestInit(t *testing.T) {
	root := repo(t, map[string]string{"a.html": oneWarning(t), "b.html": oneFinding})
	t.Chdir(root)
	before := tmpllint(t, "", "check", "--color", "never", ".")

	out := tmpllint(t, "", "init")
	if out.code != exitOK || !strings.Contains(out.stdout, "Wrote .tmpllint.yaml") {
		t.Fatalf("init: exit %d\n%s%s", out.code, out.stdout, out.stderr)
	}
	written, err := os.ReadFile(config.FileName)
	if err != nil || string(written) != config.Starter {
		t.Fatalf("init wrote %q, %v", written, err)
	}
	// The starting file changes nothing.
	after := tmpllint(t, "", "check", "--color", "never", ".")
	if after != before {
		t.Errorf("with the starting file:\n%+v\nwithout:\n%+v", after, before)
	}

	// It refuses to overwrite, unless --force.
	if err := os.WriteFile(config.FileName, []byte("disable: [OIE003]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out = tmpllint(t, "", "init")
	if out.code != exitError || !strings.Contains(out.stderr, "already exists; use --force") {
		t.Errorf("init over a file: exit %d %s", out.code, out.stderr)
	}
	if got, _ := os.ReadFile(config.FileName); string(got) != "disable: [OIE003]\n" {
		t.Errorf("init overwrote the file: %q", got)
	}
	out = tmpllint(t, "", "init", "--force")
	if got, _ := os.ReadFile(config.FileName); out.code != exitOK || string(got) != config.Starter {
		t.Errorf("init --force: exit %d %s, file %q", out.code, out.stderr, got)
	}
	if out := tmpllint(t, "", "init", "somewhere"); out.code != exitError {
		t.Errorf("init with a path: exit %d", out.code)
	}
}

// The README's example configuration is valid.
func TestReadmeConfiguration(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(readme), "\n## Configuration\n")
	if start < 0 {
		t.Fatal("README has no Configuration section")
	}
	section, _, _ := strings.Cut(string(readme[start+1:]), "\n## ")
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(section, -1)
	if len(blocks) == 0 {
		t.Fatal("no yaml example in the Configuration section")
	}
	for _, b := range blocks {
		if _, err := config.Parse(config.FileName, []byte(b[1]), linter.ResolveRule); err != nil {
			t.Errorf("README example:\n%s\n%v", b[1], err)
		}
	}
}
