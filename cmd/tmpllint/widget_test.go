package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

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
