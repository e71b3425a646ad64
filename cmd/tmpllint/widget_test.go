package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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

// widgetConfig is the same embedded widget code in every case of
// TestWidgetVersionMatrix; only where its version comes from changes.
const widgetConfig = `const widget = new OktaSignIn({
  baseUrl: 'https://acme.okta.com',
  clientId: '0oa1example',
  redirectUri: window.location.origin + '/callback',%s
});
widget.showSignInToGetTokens({ el: '#widget' });
`

// The same widget code gives the right findings for widgets 5.1, 5.16, 6.9
// and 7.20, whether the version comes from the widget's CDN script src, a
// package.json or --widget-version, and the message names the version and
// its source.
func TestWidgetVersionMatrix(t *testing.T) {
	type want struct {
		severity, message string // "" severity: no OIE004 finding
		fixable           bool
	}
	versions := []struct {
		version string
		plain   want // configuration without useInteractionCodeFlow
		set     want // with useInteractionCodeFlow: true
	}{
		{"5.1", want{"error", "before 5.2.0 cannot sign in", false}, want{"error", "before 5.2.0 cannot sign in", false}},
		{"5.16", want{"error", "does not set useInteractionCodeFlow", true}, want{}},
		{"6.9", want{"error", "does not set useInteractionCodeFlow", true}, want{}},
		{"7.20", want{}, want{"warning", "was removed in widget 7.0", true}},
	}
	sources := []struct {
		name   string
		origin func(version string) string
		files  func(version, code string) map[string]string
		args   func(version string) []string
	}{
		{"cdn", func(v string) string { return "script src on line 1 (" + v + ")" },
			func(v, code string) map[string]string {
				return map[string]string{"login.html": `<script src="https://global.oktacdn.com/okta-signin-widget/` + v + `/js/okta-sign-in.min.js"></script>` + "\n<script>\n" + code + "</script>\n"}
			}, func(string) []string { return nil }},
		{"package.json", func(v string) string { return `package.json ("^` + v + `.0")` },
			func(v, code string) map[string]string {
				return map[string]string{
					"package.json": `{"dependencies": {"@okta/okta-signin-widget": "^` + v + `.0"}}`,
					"src/login.js": "import OktaSignIn from '@okta/okta-signin-widget';\n\n" + code,
				}
			}, func(string) []string { return nil }},
		{"flag", func(v string) string { return "--widget-version " + v },
			func(v, code string) map[string]string {
				// A package.json saying otherwise: the flag wins.
				return map[string]string{
					"package.json": `{"dependencies": {"@okta/okta-signin-widget": "^4.0.0"}}`,
					"src/login.js": "import OktaSignIn from '@okta/okta-signin-widget';\n\n" + code,
				}
			}, func(v string) []string { return []string{"--widget-version", v} }},
	}
	for _, src := range sources {
		for _, v := range versions {
			for _, withOption := range []bool{false, true} {
				name := src.name + "/" + v.version
				expect, option := v.plain, ""
				if withOption {
					name += "/useInteractionCodeFlow"
					expect, option = v.set, "\n  useInteractionCodeFlow: true,"
				}
				t.Run(name, func(t *testing.T) {
					root := repo(t, src.files(v.version, fmt.Sprintf(widgetConfig, option)))
					t.Chdir(root)
					out := tmpllint(t, "", append(append([]string{"check", "--format", "json"}, src.args(v.version)...), ".")...)
					var report struct {
						Diagnostics []struct {
							Rule, Severity, Message string
							Fixable                 bool
						}
					}
					if err := json.Unmarshal([]byte(out.stdout), &report); err != nil {
						t.Fatalf("%v\n%s%s", err, out.stdout, out.stderr)
					}
					var got []string
					for _, d := range report.Diagnostics {
						if d.Rule != "OIE004" {
							continue
						}
						got = append(got, d.Message)
						if d.Severity != expect.severity || !strings.Contains(d.Message, expect.message) || d.Fixable != expect.fixable {
							t.Errorf("got %s (fixable %v): %s\nwant %s containing %q (fixable %v)", d.Severity, d.Fixable, d.Message, expect.severity, expect.message, expect.fixable)
						}
						if !strings.Contains(d.Message, "widget "+v.version) || !strings.Contains(d.Message, src.origin(v.version)) {
							t.Errorf("the message does not say the version assumed and its source (%s): %s", src.origin(v.version), d.Message)
						}
					}
					if (expect.severity == "") != (len(got) == 0) || len(got) > 1 {
						t.Errorf("OIE004 findings %q, want %v", got, expect)
					}
				})
			}
		}
	}
}
