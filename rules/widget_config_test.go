package rules

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

// widgetRules are the rules built on the widget configuration analysis.
var widgetRules = []*lint.Rule{InteractionCodeFlow, PreferShowSignIn, ClassicOnlyOption}

// lintWidget lints src as a file called name with the widget rules and
// returns the findings as "RULE:line:col:severity" and the safe and unsafe
// fixes' results.
func lintWidget(t *testing.T, name, version, src string) (got []string, safe, unsafe string) {
	t.Helper()
	opts := lint.Options{}
	if version != "" {
		v, ok := lint.ParseVersionRange(version)
		if !ok {
			t.Fatalf("bad version %q", version)
		}
		opts.Widget = &lint.WidgetVersion{Version: v, Origin: "--widget-version " + version, Explicit: true}
	}
	f, err := lint.Parse(lint.NewSource(name, []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range lint.RunWith(f, widgetRules, opts) {
		p := f.Position(d.Start)
		got = append(got, fmt.Sprintf("%s:%d:%d:%s", d.Rule.ID, p.Line, p.Column, d.Severity))
	}
	for _, u := range []bool{false, true} {
		res, err := lint.FixSourceWith(lint.NewSource(name, []byte(src)), widgetRules, u, opts)
		if err != nil {
			t.Fatal(err)
		}
		if res.Warning != "" {
			t.Errorf("fix warning: %s", res.Warning)
		}
		if u {
			unsafe = string(res.Content)
		} else {
			safe = string(res.Content)
		}
	}
	return got, safe, unsafe
}

func TestWidgetConfigFindings(t *testing.T) {
	tests := []struct {
		name, file, version, src string
		want                     []string
	}{
		{"alias of the global", "a.js", "6.9", "const W = window.OktaSignIn;\nnew W({ a: 1 });",
			[]string{"OIE004:2:1:error"}},
		{"namespace import", "a.ts", "6.9", "import * as Widget from '@okta/okta-signin-widget';\nnew Widget.default({ a: 1 });",
			[]string{"OIE004:2:1:error"}},
		{"type-only import is no widget", "a.ts", "6.9", "import type { WidgetOptions } from '@okta/okta-signin-widget';\nnew WidgetOptions({ a: 1 });",
			nil},
		{"css import is no binding", "a.js", "6.9", "import '@okta/okta-signin-widget/css/okta-sign-in.min.css';\nnew Signin({ a: 1 });",
			nil},
		{"require().default", "a.js", "6.9", "const S = require('@okta/okta-signin-widget');\nnew S({ a: 1 });",
			[]string{"OIE004:2:1:error"}},
		{"no configuration", "a.js", "6.9", "new OktaSignIn();", nil},
		{"two literals for one name", "a.js", "6.9", "let c = { a: 1 };\nif (x) c = { b: 2 };\nnew OktaSignIn(c);", nil},
		{"configuration handed to other code", "a.js", "6.9", "const c = { a: 1 };\nObject.assign(c, extra);\nnew OktaSignIn(c);", nil},
		{"options copied in by Object.assign", "a.js", "7.20", "const c = { clientId: x };\nObject.assign(c, { features: { router: true } });\nnew OktaSignIn(c);",
			[]string{"OIE006:2:32:warning"}},
		{"configuration only logged", "a.js", "6.9", "const c = { a: 1 };\nconsole.log(c);\nnew OktaSignIn(c);",
			[]string{"OIE004:3:1:error"}},
		{"a parameter of the same name", "a.js", "6.9", "const config = { a: 1 };\nfunction init(config) { return new OktaSignIn(config); }", nil},
		{"an arrow parameter of the same name", "a.js", "6.9", "const config = { a: 1 };\nconst init = config => new OktaSignIn(config);", nil},
		{"a parameter property", "a.ts", "6.9", "class A {\n  config = { a: 1 };\n  constructor(private config: O) {}\n  w = new OktaSignIn(this.config);\n}", nil},
		{"a class field", "a.ts", "6.9", "class A {\n  private readonly config: O = { a: 1 };\n  w = new OktaSignIn(this.config);\n}",
			[]string{"OIE004:3:7:error"}},
		{"spread of a call", "a.js", "6.9", "new OktaSignIn({ ...load(), a: 1 });", nil},
		{"option after an unknown spread", "a.js", "6.9", "new OktaSignIn({ useInteractionCodeFlow: false, ...load() });", nil},
		{"option in a spread base", "a.js", "6.9", "const b = { useInteractionCodeFlow: true };\nnew OktaSignIn({ ...b, a: 1 });", nil},
		{"hosted page", "p.html", "6.9", "{{{OktaUtil}}}<script>var w = new OktaSignIn({ a: 1 }); w.renderEl({}, OktaUtil.completeLogin);</script>", nil},
		{"before 5.5: no showSignIn", "a.js", "5.4", "const w = new OktaSignIn({ useInteractionCodeFlow: true });\nw.renderEl({});",
			[]string{"OIE005:2:3:warning"}},
		{"renderEl without a widget", "a.js", "", "chart.renderEl({});", nil},
		{"optional bracket call reported once", "a.js", "6.9", "const w = new OktaSignIn({ useInteractionCodeFlow: true });\nw?.['renderEl']({});",
			[]string{"OIE005:2:5:warning"}},
		{"useClassicEngine before 7", "a.js", "6.9", "new OktaSignIn({ useInteractionCodeFlow: true, useClassicEngine: true });", nil},
		{"useClassicEngine false", "a.js", "7.20", "new OktaSignIn({ useClassicEngine: false, x: !0, clientId: c });", nil},
		{"useClassicEngine with the version unknown", "a.js", "", "new OktaSignIn({ useClassicEngine: true });",
			[]string{"OIE004:1:18:warning"}},
		{"obsolete option outside a widget file", "a.js", "7.20", "export default { widget: { useInteractionCodeFlow: true } };", nil},
		{"TypeScript type keys", "a.ts", "7.20", "import S from '@okta/okta-signin-widget';\ninterface O { useInteractionCodeFlow?: boolean; }\nfunction f(o: { useInteractionCodeFlow: boolean }) {}\nnew S({ clientId: c });", nil},
		{"Classic response type compared", "a.js", "", "new OktaSignIn({});\nswitch (t) { case 'SESSION_SSO': }\nconst s = 'SESSION_SSO';\nif ('SESSION_STEP_UP' != r.type) {}",
			[]string{"OIE004:1:1:warning", "OIE006:2:19:info", "OIE006:4:5:info"}},
		{"Classic response type of the widget's response", "a.js", "7.20", "const w = new OktaSignIn({ clientId: c });\nw.showSignIn({}).then((res) => { if (res.type === 'SESSION_SSO') {} });",
			[]string{"OIE006:2:51:warning"}},
		{"features object assigned", "a.js", "7.20", "const c = { clientId: x };\nc.features = { router: true, autoPush: false };\nnew OktaSignIn(c);",
			[]string{"OIE006:2:16:warning"}},
		{"processCreds shorthand and assignment", "a.js", "7.20", "const c = { processCreds, clientId };\nc['processCreds'] = f;\nnew OktaSignIn(c);",
			[]string{"OIE006:1:13:error", "OIE006:2:3:error"}},
		{"features of another object", "a.js", "7.20", "new OktaSignIn({ clientId: c });\nconst chart = { features: { router: true } };\nchart.features.router = true;", nil},
		{"7.x without clientId runs the Classic router", "a.js", "7.20", "new OktaSignIn({ baseUrl: u });\nnew OktaSignIn({ baseUrl: u, stateToken: t });\nnew OktaSignIn(load());",
			[]string{"OIE004:1:1:warning"}},
		{"stepUp on another name", "a.js", "7.20", "const w = new OktaSignIn({ clientId: c });\nw.renderEl({}, function (res) { other.stepUp; res.stepUp; res.next; res.next(); });",
			[]string{"OIE005:2:3:warning", "OIE006:2:51:warning", "OIE006:2:73:warning"}},
		{"false in a minified bundle", "a.min.js", "6.9", "new OktaSignIn({useInteractionCodeFlow:!1})",
			[]string{"OIE004:1:40:error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := lintWidget(t, tt.file, tt.version, tt.src)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
}

// The fixes keep the file's layout: line endings, indentation, the style of
// one-line and minified literals, and what stands next to the option.
func TestWidgetConfigFixes(t *testing.T) {
	tests := []struct {
		name, file, version, src string
		safe, unsafe             string // "" for unchanged
	}{
		{"CRLF and tabs", "a.js", "6.9",
			"new OktaSignIn({\r\n\t\tclientId: u,\r\n});\r\n",
			"", "new OktaSignIn({\r\n\t\tuseInteractionCodeFlow: true,\r\n\t\tclientId: u,\r\n});\r\n"},
		{"a comment before the first entry", "a.js", "6.9",
			"new OktaSignIn({\n  /* the app */ clientId: u,\n});\n",
			"", "new OktaSignIn({ useInteractionCodeFlow: true,\n  /* the app */ clientId: u,\n});\n"},
		{"a line comment after the brace", "a.js", "6.9",
			"new OktaSignIn({ // settings\n  clientId: u,\n});\n",
			"", "new OktaSignIn({ // settings\n  useInteractionCodeFlow: true,\n  clientId: u,\n});\n"},
		{"a Mustache section before the first entry", "a.hbs", "6.9",
			"<script>new OktaSignIn({\n  {{#if id}}clientId: '{{id}}',{{/if}}\n  baseUrl: u,\n});</script>",
			"", ""},
		{"the version unknown: unsafe only", "a.js", "",
			"new OktaSignIn({ clientId: u });\n",
			"", "new OktaSignIn({ useInteractionCodeFlow: true, clientId: u });\n"},
		{"no clientId: no fix", "a.js", "6.9",
			"new OktaSignIn({ baseUrl: u });\n",
			"", ""},
		{"set to false: unsafe only", "a.js", "6.9",
			"new OktaSignIn({ useInteractionCodeFlow: false });\n",
			"", "new OktaSignIn({ useInteractionCodeFlow: true });\n"},
		{"obsolete, with a trailing comment and CRLF", "a.js", "7.20",
			"new OktaSignIn({\r\n  a: 1,\r\n  useInteractionCodeFlow: true, // for OIE\r\n  b: 2,\r\n});\r\n",
			"new OktaSignIn({\r\n  a: 1,\r\n  b: 2,\r\n});\r\n", ""},
		{"obsolete, the last entry without comma", "a.js", "7.20",
			"new OktaSignIn({\n  a: 1,\n  useInteractionCodeFlow: true\n});\n",
			"new OktaSignIn({\n  a: 1,\n});\n", ""},
		{"obsolete, a value with an effect", "a.js", "7.20",
			"new OktaSignIn({ a: 1, useInteractionCodeFlow: decide() });\n",
			"", "new OktaSignIn({ a: 1 });\n"},
		{"obsolete, read by a pattern", "a.js", "7.20",
			"const o = { useInteractionCodeFlow: true };\nconst { useInteractionCodeFlow } = o;\nnew OktaSignIn(o);\n",
			"", "const o = {};\nconst { useInteractionCodeFlow } = o;\nnew OktaSignIn(o);\n"},
		{"obsolete assignment sharing its line", "a.js", "7.20",
			"const o = {}; o.useInteractionCodeFlow = true;\nnew OktaSignIn(o);\n",
			"", ""},
		{"obsolete assignment on its own line", "a.js", "7.20",
			"const o = {};\n  o['useInteractionCodeFlow'] = true;\nnew OktaSignIn(o);\n",
			"const o = {};\nnew OktaSignIn(o);\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, safe, unsafe := lintWidget(t, tt.file, tt.version, tt.src)
			wantSafe, wantUnsafe := tt.safe, tt.unsafe
			if wantSafe == "" {
				wantSafe = tt.src
			}
			if wantUnsafe == "" {
				wantUnsafe = wantSafe
			}
			if safe != wantSafe {
				t.Errorf("safe fix gives\n%q\nwant\n%q", safe, wantSafe)
			}
			if unsafe != wantUnsafe {
				t.Errorf("unsafe fix gives\n%q\nwant\n%q", unsafe, wantUnsafe)
			}
			// A fixed file has nothing left to fix.
			if _, again, _ := lintWidget(t, tt.file, tt.version, safe); again != safe {
				t.Errorf("a second fix changed the text: %q", again)
			}
		})
	}
}
