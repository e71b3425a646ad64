package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
)

// importsFixture is a small repository whose widgets are configured in
// other modules (see its README).
var importsFixture = filepath.Join("..", "..", "testdata", "imports")

// wantComment and wantItem read the `// want RULE:COL "REGEXP"` comments
// of the fixtures (testdata/templates/README.md).
var (
	wantComment = regexp.MustCompile(`(?://|/\*)\s*want\s+(.*?)\s*(?:\*/|$)`)
	wantItem    = regexp.MustCompile(`([A-Z]+[0-9]{3})(?::([0-9]+))?(?:\s+"((?:[^"\\]|\\.)*)")?`)
)

type wantAt struct {
	line, column int
	rule         string
	message      *regexp.Regexp
	matched      bool
}

func readWants(t *testing.T, path string) []*wantAt {
	t.Helper()
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wants []*wantAt
	for n, line := range strings.Split(string(content), "\n") {
		for _, c := range wantComment.FindAllStringSubmatch(line, -1) {
			for _, it := range wantItem.FindAllStringSubmatch(c[1], -1) {
				w := &wantAt{line: n + 1, rule: it[1]}
				w.column, _ = strconv.Atoi(it[2])
				if it[3] != "" {
					w.message = regexp.MustCompile(it[3])
				}
				wants = append(wants, w)
			}
		}
	}
	return wants
}

// TestImportedConfigurations lints the fixture repository as a user
// would, through the check command: each finding must be one a want
// comment of its file expects, and each want must be found. Findings about
// an imported configuration are reported in the module that holds it.
func TestImportedConfigurations(t *testing.T) {
	got := tmpllint(t, "", "check", "--format", "json", importsFixture)
	var report struct {
		Diagnostics []struct {
			File, Rule, Message string
			Line, Column        int
		}
		Errors []struct{ File, Message string }
	}
	if err := json.Unmarshal([]byte(got.stdout), &report); err != nil {
		t.Fatalf("decoding JSON: %v\n%s\n%s", err, got.stdout, got.stderr)
	}
	if len(report.Errors) > 0 {
		t.Errorf("errors: %+v", report.Errors)
	}
	wants := map[string][]*wantAt{}
	files := 0
	err := filepath.WalkDir(importsFixture, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && scriptOrPage(path) {
			files++
			wants[filepath.Clean(path)] = readWants(t, path)
		}
		return err
	})
	if err != nil || files < 10 {
		t.Fatalf("fixture repository: %d files (%v)", files, err)
	}
	for _, d := range report.Diagnostics {
		matched := false
		for _, w := range wants[filepath.Clean(d.File)] {
			if !w.matched && w.line == d.Line && w.rule == d.Rule && (w.column == 0 || w.column == d.Column) && (w.message == nil || w.message.MatchString(d.Message)) {
				w.matched, matched = true, true
				break
			}
		}
		if !matched {
			t.Errorf("%s:%d:%d: unexpected %s: %s", d.File, d.Line, d.Column, d.Rule, d.Message)
		}
	}
	for file, ws := range wants {
		for _, w := range ws {
			if !w.matched {
				t.Errorf("%s:%d:%d: expected %s %v not reported", file, w.line, w.column, w.rule, w.message)
			}
		}
	}
}

// TestImportedConfigurationNamedTwoWays: the creating file named by a
// relative path and the module by an absolute one still meet, and naming
// the module alone (its creating file not linted) reads it as a module
// nobody imports: what it says is still checked.
func TestImportedConfigurationNamedTwoWays(t *testing.T) {
	module, err := filepath.Abs(filepath.Join(importsFixture, "src", "oktaConfig.ts"))
	if err != nil {
		t.Fatal(err)
	}
	login := filepath.Join(importsFixture, "src", "Login.tsx")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{login, module}, "Login.tsx:10"},
		{[]string{module}, "no linted file that uses the widget or an Okta SDK imports"},
	} {
		got := tmpllint(t, "", append([]string{"check", "--format", "json"}, tt.args...)...)
		var report struct {
			Diagnostics []struct{ File, Rule, Message string }
		}
		if err := json.Unmarshal([]byte(got.stdout), &report); err != nil {
			t.Fatalf("decoding JSON: %v\n%s", err, got.stdout)
		}
		n := 0
		for _, d := range report.Diagnostics {
			if d.File != module || !strings.Contains(d.Message, tt.want) {
				t.Errorf("%v: %s %s: %s", tt.args, d.File, d.Rule, d.Message)
			}
			n++
		}
		if n != 2 {
			t.Errorf("%v: %d findings, want the two of %s", tt.args, n, module)
		}
	}
}

// scriptOrPage reports whether a directory walk lints path: every file of
// the fixture repository of a kind tmpllint reads (README.md and
// package.json are not).
func scriptOrPage(path string) bool {
	_, ok := jsscan.LangOf(path)
	return ok
}
