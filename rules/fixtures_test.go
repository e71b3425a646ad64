package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// A fixture states its expectations in comments on the line where a
// diagnostic starts, like analysistest's `// want`:
//
//	<!-- want OIE001 -->   // want OIE002:17 "session token"   {{! want OIE003 }}
//
// RULE[:COLUMN] ["REGEXP"]; the column counts Unicode code points.
var (
	wantComment = regexp.MustCompile(`(?:<!--|//|/\*|\{\{!)\s*want\s+(.*?)\s*(?:-->|\*/|\}\}|$)`)
	wantItem    = regexp.MustCompile(`([A-Z]+[0-9]{3})(?::([0-9]+))?(?:\s+"((?:[^"\\]|\\.)*)")?`)
)

type expectation struct {
	line, column int // column 0: any
	rule         string
	message      *regexp.Regexp
	matched      bool
}

func (e *expectation) String() string {
	s := fmt.Sprintf("%d", e.line)
	if e.column > 0 {
		s += fmt.Sprintf(":%d", e.column)
	}
	s += " " + e.rule
	if e.message != nil {
		s += fmt.Sprintf(" %q", e.message)
	}
	return s
}

func parseWants(t *testing.T, content []byte) []*expectation {
	var wants []*expectation
	for n, line := range strings.Split(string(content), "\n") {
		for _, c := range wantComment.FindAllStringSubmatch(line, -1) {
			items := wantItem.FindAllStringSubmatch(c[1], -1)
			if len(items) == 0 {
				t.Fatalf("line %d: want comment with no expectation: %q", n+1, c[0])
			}
			for _, it := range items {
				e := &expectation{line: n + 1, rule: it[1]}
				if it[2] != "" {
					e.column, _ = strconv.Atoi(it[2])
				}
				if it[3] != "" {
					pattern, err := strconv.Unquote(`"` + it[3] + `"`)
					if err != nil {
						t.Fatalf("line %d: bad regexp string %q", n+1, it[3])
					}
					e.message = regexp.MustCompile(pattern)
				}
				wants = append(wants, e)
			}
		}
	}
	return wants
}

// lintFile parses content and runs every rule on it.
func lintFile(t *testing.T, name string, content []byte) (*lint.File, []lint.Diagnostic) {
	t.Helper()
	f, err := lint.Parse(lint.NewSource(name, content))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	diags := lint.RunWith(f, All(), fixtureOptions(t, content))
	checkFixable(t, name, diags)
	return f, diags
}

// A fixture that is checked against a widget version says so in a comment,
// as --widget-version would: `fixture-widget-version: 6.9`.
var fixtureVersion = regexp.MustCompile(`fixture-widget-version:\s*([^\s*>-]+)`)

func fixtureOptions(t *testing.T, content []byte) lint.Options {
	m := fixtureVersion.FindSubmatch(content)
	if m == nil {
		return lint.Options{}
	}
	v, ok := lint.ParseVersionRange(string(m[1]))
	if !ok {
		t.Fatalf("fixture-widget-version %q does not parse", m[1])
	}
	return lint.Options{Widget: &lint.WidgetVersion{Version: v, Origin: fmt.Sprintf("--widget-version %s", m[1]), Explicit: true}}
}

// fixturePaths returns every fixture: the files of testdata/templates that
// tmpllint reads (not the golden .fixed and .diff files, nor the README).
func fixturePaths(t testing.TB) []string {
	t.Helper()
	all, err := filepath.Glob(filepath.Join("..", "testdata", "templates", "*"))
	var paths []string
	for _, p := range all {
		if _, ok := jsscan.LangOf(p); ok {
			paths = append(paths, p)
		}
	}
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures found (%v)", err)
	}
	return paths
}

func TestFixtures(t *testing.T) {
	for _, path := range fixturePaths(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			content, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, diags := lintFile(t, path, content)
			wants := parseWants(t, content)
			for _, d := range diags {
				pos := f.Position(d.Start)
				if !matchWant(wants, d, pos) {
					t.Errorf("%s:%d:%d: unexpected %s %s: %s", filepath.Base(path), pos.Line, pos.Column, d.Rule.ID, d.Severity, d.Message)
				}
			}
			for _, w := range wants {
				if !w.matched {
					t.Errorf("%s:%s: expected diagnostic not reported", filepath.Base(path), w)
				}
			}
		})
	}
}

func matchWant(wants []*expectation, d lint.Diagnostic, pos lint.Position) bool {
	for _, w := range wants {
		if w.matched || w.line != pos.Line || w.rule != d.Rule.ID {
			continue
		}
		if w.column != 0 && w.column != pos.Column {
			continue
		}
		if w.message != nil && !w.message.MatchString(d.Message) {
			continue
		}
		w.matched = true
		return true
	}
	return false
}

// The default templates must lint clean: a linter that flags Okta's own
// page teaches users to ignore it.
func TestDefaultTemplatesLintClean(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "templates", "default-*.html"))
	if len(paths) < 4 {
		t.Fatalf("want the four Okta default templates, found %d", len(paths))
	}
	for _, path := range paths {
		content, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(content), "want ") {
			t.Errorf("%s: a default template must carry no expectations", path)
		}
		if _, diags := lintFile(t, path, content); len(diags) != 0 {
			t.Errorf("%s: %d diagnostics, first: %s", path, len(diags), diags[0].Message)
		}
		// The brand's widget version must not matter either: Okta serves
		// its default with every version it offers.
		f, err := lint.Parse(lint.NewSource(path, content))
		if err != nil {
			t.Fatal(err)
		}
		for _, version := range []string{"5.1", "6.9", "7.0", "7.7", "7.20", "7.30"} {
			v, _ := lint.ParseVersionRange(version)
			opts := lint.Options{Widget: &lint.WidgetVersion{Version: v, Origin: "--widget-version " + version, Explicit: true}}
			if diags := lint.RunWith(f, All(), opts); len(diags) != 0 {
				t.Errorf("%s with widget %s: %d diagnostics, first: %s", path, version, len(diags), diags[0].Message)
			}
		}
	}
}

func count(diags []lint.Diagnostic, id string) int {
	n := 0
	for _, d := range diags {
		if d.Rule.ID == id {
			n++
		}
	}
	return n
}
