package linter

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/report"
	"github.com/tmpllint/tmpllint/rules"
)

// writeTree writes files (by slash-separated path) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPackageVersions(t *testing.T) {
	outer := t.TempDir()
	root := filepath.Join(outer, "project")
	writeTree(t, outer, map[string]string{
		// Above the repository root: another project's, never read.
		"package.json": `{"dependencies": {"@okta/okta-signin-widget": "7.20.0"}}`,
	})
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeTree(t, root, map[string]string{
		"package.json":                `{"dependencies": {"@okta/okta-signin-widget": "^5.16.0", "react": "^18"}}`,
		"src/Login.jsx":               "",
		"packages/web/package.json":   `{"name": "web", "dependencies": {"react": "^18"}}`,
		"packages/web/src/a.ts":       "",
		"packages/old/package.json":   `{"devDependencies": {"@okta/okta-signin-widget": ">=5.2.0 <7"}}`,
		"packages/old/src/a.ts":       "",
		"packages/git/package.json":   `{"dependencies": {"@okta/okta-signin-widget": "github:okta/okta-signin-widget"}}`,
		"packages/git/a.js":           "",
		"packages/bad/package.json":   `{"dependencies": `,
		"packages/bad/a.js":           "",
		"other/nested/deep/x.vue":     "",
		"packages/peer/package.json":  `{"peerDependencies": {"@okta/okta-signin-widget": "~6.9.1"}}`,
		"packages/peer/index.js":      "",
		"packages/alias/package.json": `{"dependencies": {"@okta/okta-signin-widget": "npm:@okta/okta-signin-widget@6.1.0"}}`,
		"packages/alias/a.js":         "",
		"packages/named/package.json": `{"dependencies": {"signin": "npm:@okta/okta-signin-widget@^7.2.0"}}`,
		"packages/named/a.js":         "",
	})
	t.Chdir(root)
	p := newPackageVersions(root)
	tests := []struct{ path, want string }{
		{"src/Login.jsx", `5.16.0 from package.json ("^5.16.0")`},
		{"packages/web/src/a.ts", `5.16.0 from package.json ("^5.16.0")`}, // nearest with the dependency
		{"packages/old/src/a.ts", `5.2.0 from packages/old/package.json (">=5.2.0 <7")`},
		{"packages/git/a.js", ""}, // a dependency without a version: none assumed
		{"packages/bad/a.js", `5.16.0 from package.json ("^5.16.0")`},
		{"other/nested/deep/x.vue", `5.16.0 from package.json ("^5.16.0")`},
		{"packages/peer/index.js", `6.9.1 from packages/peer/package.json ("~6.9.1")`},
		{"-", `5.16.0 from package.json ("^5.16.0")`},
		// npm aliases: under the widget's name or another.
		{"packages/alias/a.js", `6.1.0 from packages/alias/package.json ("npm:@okta/okta-signin-widget@6.1.0")`},
		{"packages/named/a.js", `7.2.0 from packages/named/package.json ("npm:@okta/okta-signin-widget@^7.2.0")`},
	}
	for _, tt := range tests {
		got := ""
		if v := p.lookup(tt.path); v != nil {
			got = v.Version.String() + " from " + v.Origin
			if v.Explicit {
				t.Errorf("%s: a package.json version must not override the file's own", tt.path)
			}
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.path, got, tt.want)
		}
	}

	// Outside any repository the search goes up to the file system root;
	// here it finds the outer package.json.
	p = newPackageVersions(outer)
	writeTree(t, outer, map[string]string{"loose/a.js": ""})
	if v := p.lookup(filepath.Join(outer, "loose", "a.js")); v == nil || v.Version.String() != "7.20.0" {
		t.Errorf("outer package.json not found: %v", v)
	}
}

func TestWriteAtomicRefusesChangedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.html")
	original := []byte("<script>res.session.setCookieAndRedirect(u);</script>\n")
	edited := append([]byte("<!-- edited meanwhile -->\n"), original...)
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeAtomic(path, original, []byte("fixed"))
	if err == nil || !strings.Contains(err.Error(), "changed since it was read") {
		t.Fatalf("writeAtomic: %v", err)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, edited) {
		t.Error("the user's edit was overwritten")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %d entries", len(entries))
	}
}

const oneFinding = "<script>res.session.setCookieAndRedirect(u); var res = new OktaAuth(c)</script>\n"

// repo makes a repository root (a .git directory) holding files.
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeTree(t, root, files)
	return root
}

func TestConfigWidgetVersion(t *testing.T) {
	root := repo(t, map[string]string{".tmpllint.yaml": "widget-version: 7.14\n", "a.html": oneFinding})
	t.Chdir(root)
	for _, tt := range []struct {
		settings Settings
		want     string
	}{
		{Settings{}, "7.14.0 from widget-version 7.14 in .tmpllint.yaml"},
		{Settings{WidgetVersion: "7.20.1"}, "7.20.1 from --widget-version 7.20.1"},
		{Settings{WidgetVersion: "^6.9"}, "6.9.0 from --widget-version ^6.9"}, // Okta's and npm's range forms
		{Settings{NoConfig: true}, ""},
	} {
		l, err := New(tt.settings)
		if err != nil {
			t.Fatalf("%+v: %v", tt.settings, err)
		}
		plan, err := l.Plan([]string{"a.html"})
		if err != nil || len(plan.inputs) != 1 {
			t.Fatalf("%+v: plan %v, %v", tt.settings, plan, err)
		}
		got := ""
		if w := plan.inputs[0].settings.widget; w != nil {
			got = w.Version.String() + " from " + w.Origin
			if !w.Explicit {
				t.Errorf("%+v: a configured version must override the files'", tt.settings)
			}
		}
		if got != tt.want {
			t.Errorf("%+v: widget version %q, want %q", tt.settings, got, tt.want)
		}
	}
}

// A rule that panics is an internal error that names the rule, reported
// under the file it crashed on; the other rules and the other files are
// still linted.
func TestPanickingRule(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.html"), filepath.Join(dir, "b.html")
	os.WriteFile(a, []byte(oneFinding), 0o644)
	os.WriteFile(b, []byte("<p>boom</p>\n"), 0o644)
	panicky := &lint.Rule{ID: "ZZZ999", Name: "panicky", Severity: lint.Warning, Check: func(p *lint.Pass) {
		if bytes.Contains(p.File.Content, []byte("boom")) {
			panic("index out of range")
		}
	}}
	l, err := New(Settings{NoConfig: true})
	if err != nil {
		t.Fatal(err)
	}
	s := &fileSettings{rules: append(rules.All(), panicky)}
	plan := &Plan{inputs: []input{{path: a, settings: s}, {path: b, settings: s}}, failLevel: lint.Warning}
	var stdout, stderr bytes.Buffer
	sum, err := l.Check(plan, report.NewText(&stdout, &stderr, report.TextOptions{}))
	out := stdout.String()
	if err != nil || !sum.Fails || sum.Files != 2 {
		t.Errorf("summary %+v, %v", sum, err)
	}
	if !strings.Contains(out, b+":1:1: error: internal error: rule ZZZ999 crashed on this file (index out of range)") {
		t.Errorf("no internal error naming the rule under %s:\n%s", b, out)
	}
	if !strings.Contains(out, a+":1:21: error: res.session.setCookieAndRedirect") {
		t.Errorf("the other file was not linted:\n%s", out)
	}
}
