package config

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

// resolve knows three rules, by ID and by name, as package rules would.
func resolve(name string) (string, bool) {
	ids := map[string]string{
		"oie001": "OIE001", "no-set-cookie-and-redirect": "OIE001",
		"oie002": "OIE002", "no-session-token": "OIE002",
		"oie003": "OIE003", "complete-login-callback": "OIE003",
	}
	id, ok := ids[strings.ToLower(name)]
	return id, ok
}

// globs renders globs as their patterns, for comparing.
func globs(gs []Glob) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.String())
	}
	return out
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		// check inspects a good file's Config.
		check func(t *testing.T, c *Config)
		// errs are the messages expected, each "line:col: text" or
		// "line: text" (a substring of the message).
		errs []string
	}{
		{name: "empty", yaml: "", check: func(t *testing.T, c *Config) {
			if !reflect.DeepEqual(c.RuleSet, RuleSet{}) || c.FailLevel != 0 || c.Ignore != nil || c.Overrides != nil {
				t.Errorf("not the defaults: %+v", c)
			}
		}},
		{name: "only comments", yaml: "# nothing here\n\n", check: func(t *testing.T, c *Config) {
			if c.FailLevel != 0 || c.RuleSet.Disable != nil {
				t.Errorf("not the defaults: %+v", c)
			}
		}},
		{name: "every setting", yaml: `
fail-level: error
widget-version: 7.10
disable: [OIE003, no-session-token]
enable: [oie001]
severity:
  complete-login-callback: error
  OIE001: info
ignore: ["vendor/**", generated]
overrides:
  - files: ["legacy/**"]
    disable: [OIE001]
    enable: [OIE003]
    severity: {OIE002: warning}
`, check: func(t *testing.T, c *Config) {
			want := RuleSet{
				Disable:  []string{"OIE003", "OIE002"},
				Enable:   []string{"OIE001"},
				Severity: map[string]lint.Severity{"OIE003": lint.Error, "OIE001": lint.Info},
			}
			if !reflect.DeepEqual(c.RuleSet, want) {
				t.Errorf("rules %+v, want %+v", c.RuleSet, want)
			}
			if c.FailLevel != lint.Error {
				t.Errorf("fail-level %v", c.FailLevel)
			}
			if c.WidgetVersion != "7.10" { // the text, not the float 7.1
				t.Errorf("widget-version %q", c.WidgetVersion)
			}
			if got := globs(c.Ignore); !reflect.DeepEqual(got, []string{"vendor/**", "generated"}) {
				t.Errorf("ignore %q", got)
			}
			if len(c.Overrides) != 1 {
				t.Fatalf("overrides %+v", c.Overrides)
			}
			o := c.Overrides[0]
			wantO := RuleSet{Disable: []string{"OIE001"}, Enable: []string{"OIE003"}, Severity: map[string]lint.Severity{"OIE002": lint.Warning}}
			if !reflect.DeepEqual(globs(o.Files), []string{"legacy/**"}) || !reflect.DeepEqual(o.RuleSet, wantO) {
				t.Errorf("override %+v", o)
			}
		}},
		{name: "null values are unset", yaml: "disable:\nseverity:\nignore: ~\nfail-level:\n", check: func(t *testing.T, c *Config) {
			if c.Disable != nil || c.Severity != nil || c.Ignore != nil || c.FailLevel != 0 {
				t.Errorf("not the defaults: %+v", c)
			}
		}},
		{name: "anchors", yaml: "disable: &off [OIE003]\noverrides:\n  - files: [a]\n    disable: *off\n", check: func(t *testing.T, c *Config) {
			if !reflect.DeepEqual(c.Overrides[0].Disable, []string{"OIE003"}) {
				t.Errorf("override %+v", c.Overrides[0])
			}
		}},

		{name: "unknown key", yaml: "fail-level: error\ncolour: red\n",
			errs: []string{`2: unknown key "colour"; the keys are fail-level,`}},
		{name: "unknown key in an override", yaml: "overrides:\n  - files: [a]\n    ignore: [b]\n",
			errs: []string{`3: unknown key "ignore" in an override; its keys are files, disable, enable, severity`}},
		{name: "unknown rules", yaml: "disable: [OIE003, OIE999]\nseverity: {nope: error}\n",
			errs: []string{`1:19: unknown rule "OIE999"`, `2:12: unknown rule "nope"`}},
		{name: "unknown rule in an override", yaml: "overrides:\n  - files: [a]\n    enable:\n      - bogus\n",
			errs: []string{`4:9: unknown rule "bogus"`}},
		{name: "bad severities", yaml: "fail-level: fatal\nseverity:\n  OIE003: loud\n  OIE001: [error]\n  OIE002:\n",
			errs: []string{`1:13: unknown severity "fatal"`, `3:11: unknown severity "loud"`, `4:11: want a severity`, `5:3: OIE002 has no severity`}},
		{name: "severity twice", yaml: "severity:\n  OIE003: error\n  complete-login-callback: info\n",
			errs: []string{`3:3: complete-login-callback already has a severity on line 2 (as OIE003)`}},
		{name: "disabled and enabled", yaml: "disable: [OIE003]\nenable: [complete-login-callback]\n",
			errs: []string{`2:10: OIE003 is also in disable (line 1)`}},
		{name: "bad globs", yaml: "ignore: [\"a/[b\", /abs, \"a/../b\", \"\"]\noverrides:\n  - files: ['x\\']\n",
			errs: []string{`1:10: glob "a/[b": bad pattern`, `1:18: glob "/abs" is absolute`, `1:24: glob "a/../b" leaves its directory`, `1:34: glob "" matches nothing`, `3:13: glob "x\\": bad pattern`}},
		{name: "override without files", yaml: "overrides:\n  - disable: [OIE003]\n  - files: []\n",
			errs: []string{`2:5: override 1 has no files`}},
		{name: "lists and mappings of the wrong shape", yaml: "disable: OIE003\nseverity: [OIE003]\nignore: vendor\n",
			errs: []string{`1:10: disable must be a list`, `2:11: severity must map rules`, `3:9: ignore must be a list of globs`}},
		{name: "overrides not a list", yaml: "overrides: {files: [a]}\n",
			errs: []string{`1: overrides must be a list`}},
		{name: "not a mapping", yaml: "- disable\n",
			errs: []string{`1: the file must be a mapping of settings`}},
		{name: "bad widget version", yaml: "widget-version: latest\n",
			errs: []string{`1:17: widget-version: "latest" is not a version`}},
		{name: "duplicate key", yaml: "disable: [OIE001]\ndisable: [OIE003]\n",
			errs: []string{`2: mapping key "disable" already defined at line 1`}},
		{name: "syntax error", yaml: "disable: [OIE001\nfail-level: error\n",
			errs: []string{`did not find expected ',' or ']'`}},
		{name: "two documents", yaml: "disable: [OIE001]\n---\ndisable: [OIE003]\n",
			errs: []string{`2:1: a second YAML document`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("dir/.tmpllint.yaml", []byte(tt.yaml), resolve)
			if tt.errs == nil {
				if err != nil {
					t.Fatalf("unexpected error:\n%v", err)
				}
				if !filepath.IsAbs(c.Dir) || filepath.Base(c.Dir) != "dir" {
					t.Errorf("Dir %q", c.Dir)
				}
				tt.check(t, c)
				return
			}
			errs, ok := err.(Errors)
			if !ok {
				t.Fatalf("got %T %v, want Errors", err, err)
			}
			if len(errs) != len(tt.errs) {
				t.Errorf("got %d errors, want %d:\n%v", len(errs), len(tt.errs), err)
			}
			for i, want := range tt.errs {
				if i >= len(errs) {
					break
				}
				// Every message names the file.
				if got := errs[i].Error(); !strings.HasPrefix(got, "dir/.tmpllint.yaml:") || !strings.Contains(got, want) {
					t.Errorf("error %d: got %q, want it to contain %q", i, got, want)
				}
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{Path: "a.yaml", Line: 3, Column: 7, Msg: "m"}, "a.yaml:3:7: m"},
		{Error{Path: "a.yaml", Line: 3, Msg: "m"}, "a.yaml:3: m"},
		{Error{Path: "a.yaml", Msg: "m"}, "a.yaml: m"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern string
		match   []string
		noMatch []string
	}{
		{"legacy/**", []string{"legacy", "legacy/a.html", "legacy/x/y/z.html"}, []string{"legacyx/a.html", "src/legacy/a.html"}},
		{"legacy", []string{"legacy", "legacy/a.html", "legacy/x/y.html"}, []string{"src/legacy/a.html", "legacy.html"}},
		{"legacy/", []string{"legacy/a.html"}, []string{"other/a.html"}},
		{"./legacy/*.html", []string{"legacy/a.html"}, []string{"legacy/a.htm"}},
		{"*.html", []string{"a.html"}, []string{"dir/a.html"}},
		{"**/*.html", []string{"a.html", "dir/a.html", "a/b/c.html"}, []string{"a.htm"}},
		{"**/vendor/**", []string{"vendor/a.html", "x/vendor/a.html", "x/y/vendor/z/a.html"}, []string{"vendors/a.html", "x/vendorx/a"}},
		{"a/**/b.html", []string{"a/b.html", "a/x/b.html", "a/x/y/b.html"}, []string{"a/x/c.html", "b.html"}},
		{"a/**/**/b.html", []string{"a/b.html", "a/x/y/b.html"}, []string{"a/c.html"}},
		{"**", []string{"a", "a/b/c.html"}, nil},
		{"page-?.html", []string{"page-1.html"}, []string{"page-10.html"}},
		{"[a-c]*/x.html", []string{"b/x.html", "abc/x.html"}, []string{"d/x.html"}},
		{"a\\*b", []string{"a*b"}, []string{"axb"}},
	}
	for _, tt := range tests {
		g, err := CompileGlob(tt.pattern)
		if err != nil {
			t.Errorf("%q: %v", tt.pattern, err)
			continue
		}
		for _, p := range tt.match {
			if !g.Match(p) {
				t.Errorf("%q should match %q", tt.pattern, p)
			}
		}
		for _, p := range tt.noMatch {
			if g.Match(p) {
				t.Errorf("%q should not match %q", tt.pattern, p)
			}
		}
		if g.Match("") {
			t.Errorf("%q matches the empty path", tt.pattern)
		}
	}
	for _, bad := range []string{"", ".", "/", "/a", "a//b", "a/./b", "../a", "a/..", "a/[", "[]a", "a\\"} {
		if _, err := CompileGlob(bad); err == nil {
			t.Errorf("CompileGlob(%q) should fail", bad)
		}
	}
}

func TestRulesForAndIgnored(t *testing.T) {
	dir := t.TempDir()
	c, err := Parse(filepath.Join(dir, FileName), []byte(`
disable: [OIE003]
severity: {OIE001: warning}
ignore: ["vendor/**"]
overrides:
  - files: ["legacy/**"]
    enable: [OIE003]
    severity: {OIE001: info}
  - files: ["legacy/old/**"]
    disable: [OIE003, OIE002]
`), resolve)
	if err != nil {
		t.Fatal(err)
	}
	at := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	tests := []struct {
		path     string
		off      map[string]bool
		severity map[string]lint.Severity
	}{
		{at("a.html"), map[string]bool{"OIE003": true}, map[string]lint.Severity{"OIE001": lint.Warning}},
		{at("legacy/a.html"), map[string]bool{"OIE003": false}, map[string]lint.Severity{"OIE001": lint.Info}},
		{at("legacy/old/a.html"), map[string]bool{"OIE003": true, "OIE002": true}, map[string]lint.Severity{"OIE001": lint.Info}},
		// Outside the file's directory only the top level applies.
		{filepath.Join(filepath.Dir(dir), "legacy", "a.html"), map[string]bool{"OIE003": true}, map[string]lint.Severity{"OIE001": lint.Warning}},
		// Standard input without a name.
		{"", map[string]bool{"OIE003": true}, map[string]lint.Severity{"OIE001": lint.Warning}},
	}
	for _, tt := range tests {
		r := c.RulesFor(tt.path)
		if !reflect.DeepEqual(r.Off, tt.off) || !reflect.DeepEqual(r.Severity, tt.severity) {
			t.Errorf("%s: got %+v, want off %v severity %v", tt.path, r, tt.off, tt.severity)
		}
	}
	// A relative path is relative to the current directory.
	wd, _ := os.Getwd()
	if rel, err := filepath.Rel(wd, at("legacy/a.html")); err == nil {
		if r := c.RulesFor(rel); r.Off["OIE003"] {
			t.Errorf("relative path %s: OIE003 off", rel)
		}
	}
	for path, want := range map[string]bool{
		at("vendor/a.html"): true, at("vendor/x/y.html"): true, at("a.html"): false, at("src/vendor/a.html"): false,
		filepath.Join(filepath.Dir(dir), "vendor", "a.html"): false,
	} {
		if got := c.Ignored(path); got != want {
			t.Errorf("Ignored(%s) = %v, want %v", path, got, want)
		}
	}
	var none *Config
	if r := none.RulesFor(at("a.html")); r.Off != nil || none.Ignored(at("vendor/a.html")) {
		t.Error("a nil Config has settings")
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	mk := func(rel string) string {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write := func(rel string) string {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.WriteFile(p, []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// above/ holds a config above the repository root, repo/ (a .git
	// directory); wt/ is a worktree (a .git file); a/b/c nests configs.
	mk("above/repo/.git")
	write("above/" + FileName)
	mk("above/repo/a/b/c")
	mk("above/repo/a/" + FileName + ".d")
	rootCfg := write("above/repo/" + FileName)
	bCfg := write("above/repo/a/b/" + FileName)
	mk("above/wt/x")
	write("above/wt/.git")
	mk("above/norepo/y")
	mk("above/repo/dir-named-config/" + FileName)

	for _, tt := range []struct{ dir, want string }{
		{"above/repo/a/b/c", bCfg},               // nearest wins
		{"above/repo/a/b", bCfg},                 // in the directory itself
		{"above/repo/a", rootCfg},                // up to the repository root
		{"above/repo", rootCfg},                  // the root's own
		{"above/wt/x", ""},                       // a .git file stops too
		{"above/repo/dir-named-config", rootCfg}, // a directory named .tmpllint.yaml is not a config
	} {
		got, err := Find(filepath.Join(root, filepath.FromSlash(tt.dir)))
		if err != nil || got != tt.want {
			t.Errorf("Find(%s) = %q, %v; want %q", tt.dir, got, err, tt.want)
		}
	}
	// Without a repository the search goes on up: to above/'s config.
	if got, err := Find(filepath.Join(root, "above", "norepo", "y")); err != nil || got != filepath.Join(root, "above", FileName) {
		t.Errorf("Find(norepo/y) = %q, %v", got, err)
	}
	// A relative directory is relative to the current one.
	wd, _ := os.Getwd()
	if rel, err := filepath.Rel(wd, filepath.Join(root, "above", "repo", "a", "b")); err == nil {
		if got, err := Find(rel); err != nil || got != bCfg {
			t.Errorf("Find(%s) = %q, %v", rel, got, err)
		}
	}
}

// The file `tmpllint init` writes has the default settings, and its
// commented examples are valid once uncommented.
func TestStarter(t *testing.T) {
	c, err := Parse(FileName, []byte(Starter), resolve)
	if err != nil {
		t.Fatal(err)
	}
	// fail-level: warning is written out; it is the CLI's default.
	if c.FailLevel != lint.Warning {
		t.Errorf("fail-level %v, want warning (the default)", c.FailLevel)
	}
	if len(c.Disable)+len(c.Enable)+len(c.Severity)+len(c.Ignore)+len(c.Overrides) != 0 || c.WidgetVersion != "" {
		t.Errorf("not the defaults: %+v", c)
	}
	example := regexp.MustCompile(`(?m)^# ((?:widget-version|overrides):.*|  .*)$`)
	uncommented := example.ReplaceAllString(Starter, "$1")
	if uncommented == Starter {
		t.Fatal("no commented example found")
	}
	c, err = Parse(FileName, []byte(uncommented), resolve)
	if err != nil {
		t.Fatalf("examples:\n%s\n%v", uncommented, err)
	}
	if c.WidgetVersion == "" || len(c.Overrides) != 1 {
		t.Errorf("examples not read: %+v", c)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "missing.yaml"), resolve); err == nil || !strings.Contains(err.Error(), "missing.yaml: no such file") {
		t.Errorf("missing file: %v", err)
	}
	path := filepath.Join(dir, FileName)
	if err := os.WriteFile(path, []byte("disable: [OIE003]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path, resolve)
	if err != nil || c.Path != path || c.Dir != dir || !reflect.DeepEqual(c.Disable, []string{"OIE003"}) {
		t.Errorf("Load: %+v, %v", c, err)
	}
}
