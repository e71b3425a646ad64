package jsmodel

import (
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

func TestWidgetOption(t *testing.T) {
	const icf = "useInteractionCodeFlow"
	tests := []struct {
		name, file, code, option string
		want                     State
		// value is the option's value as written, for Set and Off.
		value string
		kind  Kind
	}{
		{"literal key", "a.js", "new OktaSignIn({ useInteractionCodeFlow: true });", icf, Set, "true", BoolKind},
		{"minified false", "a.js", "new OktaSignIn({useInteractionCodeFlow:!1})", icf, Off, "!1", BoolKind},
		{"missing", "a.js", "new OktaSignIn({ clientId: 'x' });", icf, Missing, "", OtherKind},
		{"string value", "a.js", "new OktaSignIn({ clientId: 'x' });", "clientId", Set, "'x'", StringKind},
		{"no argument", "a.js", "new OktaSignIn();", icf, Unknown, "", OtherKind},
		{"last key wins", "a.js", "new OktaSignIn({ useInteractionCodeFlow: true, useInteractionCodeFlow: false });", icf, Off, "false", BoolKind},
		{"through a name", "a.js", "const c = { useInteractionCodeFlow: true };\nnew OktaSignIn(c);", icf, Set, "true", BoolKind},
		{"later write", "a.js", "const c = { a: 1 };\nc.useInteractionCodeFlow = true;\nnew OktaSignIn(c);", icf, Set, "true", BoolKind},
		{"a write that sets wins over a key", "a.js", "const c = { useInteractionCodeFlow: false };\nc['useInteractionCodeFlow'] = on;\nnew OktaSignIn(c);", icf, Set, "on", OtherKind},
		{"a write that turns off", "a.js", "const c = { a: 1 };\nc.useInteractionCodeFlow = null;\nnew OktaSignIn(c);", icf, Off, "null", OtherKind},
		{"spread of a literal", "a.js", "const b = { useInteractionCodeFlow: true };\nnew OktaSignIn({ ...b, a: 1 });", icf, Set, "true", BoolKind},
		{"spread of a call", "a.js", "new OktaSignIn({ a: 1, ...load() });", icf, Unknown, "", OtherKind},
		{"key after an unknown spread", "a.js", "new OktaSignIn({ ...load(), useInteractionCodeFlow: true });", icf, Set, "true", BoolKind},
		{"computed key", "a.js", "new OktaSignIn({ a: 1, [k]: true });", icf, Unknown, "", OtherKind},
		{"handed to other code", "a.js", "const c = { a: 1 };\nObject.assign(c, extra);\nnew OktaSignIn(c);", icf, Unknown, "", OtherKind},
		{"copied in by Object.assign", "a.js", "const c = { a: 1 };\nObject.assign(c, { useInteractionCodeFlow: true });\nnew OktaSignIn(c);", icf, Set, "true", BoolKind},
		{"copied in from a name", "a.js", "const c = { a: 1 };\nconst d = { useInteractionCodeFlow: false };\nObject.assign(c, d);\nnew OktaSignIn(c);", icf, Off, "false", BoolKind},
		{"copied in with a spread", "a.js", "const c = { a: 1 };\nObject.assign(c, { ...d });\nnew OktaSignIn(c);", icf, Unknown, "", OtherKind},
		{"only logged", "a.js", "const c = { a: 1 };\nconsole.log(c);\nnew OktaSignIn(c);", icf, Missing, "", OtherKind},
		{"assigned twice", "a.js", "let c = { a: 1 };\nif (x) c = { b: 2 };\nnew OktaSignIn(c);", icf, Unknown, "", OtherKind},
		{"a parameter of the same name", "a.js", "const config = { useInteractionCodeFlow: true };\nfunction init(config) { return new OktaSignIn(config); }", icf, Unknown, "", OtherKind},
		{"the outer name in a function", "a.js", "const config = { useInteractionCodeFlow: true };\nfunction init() { return new OktaSignIn(config); }", icf, Set, "true", BoolKind},
		{"a class field", "a.ts", "class A {\n  private readonly config: O = { useInteractionCodeFlow: true };\n  w = new OktaSignIn(this.config);\n}", icf, Set, "true", BoolKind},
		{"a parameter property", "a.ts", "class A {\n  config = { a: 1 };\n  constructor(private config: O) {}\n  w = new OktaSignIn(this.config);\n}", icf, Unknown, "", OtherKind},
		{"nested option", "a.js", "new OktaSignIn({ clientId: c, authParams: { pkce: false } });", "authParams.pkce", Off, "false", BoolKind},
		{"nested option through a name", "a.js", "const p = { pkce: true };\nnew OktaSignIn({ authParams: p });", "authParams.pkce", Set, "true", BoolKind},
		{"nested option of a call", "a.js", "new OktaSignIn({ authParams: params() });", "authParams.pkce", Unknown, "", OtherKind},
		{"nested option missing", "a.js", "new OktaSignIn({ clientId: c });", "authParams.pkce", Missing, "", OtherKind},
		{"nested write", "a.js", "const c = { authParams: { a: 1 } };\nc.authParams.pkce = false;\nnew OktaSignIn(c);", "authParams.pkce", Off, "false", BoolKind},
		// Statement order is not modelled: any value that sets it wins.
		{"a key that sets wins over a write", "a.js", "const c = { authParams: { pkce: true } };\nc.authParams.pkce = false;\nnew OktaSignIn(c);", "authParams.pkce", Set, "true", BoolKind},
		{"dotted key write", "a.js", "const c = {};\nc['features.router'] = true;\nnew OktaSignIn(c);", "features.router", Set, "true", BoolKind},
		{"whole object written", "a.js", "const c = { authParams: { pkce: true } };\nc.authParams = load();\nnew OktaSignIn(c);", "authParams.pkce", Unknown, "", OtherKind},
		{"namespace import", "a.ts", "import * as W from '@okta/okta-signin-widget';\nnew W.default({ useInteractionCodeFlow: true });", icf, Set, "true", BoolKind},
		{"a script file of the package", "a.js", "import S from '@okta/okta-signin-widget/dist/js/okta-sign-in.no-polyfill.min.js';\nnew S({ useInteractionCodeFlow: true });", icf, Set, "true", BoolKind},
		{"alias of the global", "a.js", "const W = window.OktaSignIn;\nnew W({ useInteractionCodeFlow: true });", icf, Set, "true", BoolKind},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := lint.Parse(lint.NewSource(tt.file, []byte(tt.code)))
			if err != nil {
				t.Fatal(err)
			}
			w := WidgetsOf(f)
			if len(w.Constructions()) != 1 {
				t.Fatalf("%d constructions, want 1", len(w.Constructions()))
			}
			o := w.Option(w.Constructions()[0], tt.option)
			if o.State != tt.want {
				t.Fatalf("state %d, want %d", o.State, tt.want)
			}
			if tt.want != Set && tt.want != Off {
				return
			}
			start, end := o.ByteSpan()
			if got := tt.code[start:end]; got != tt.value || o.Kind != tt.kind {
				t.Errorf("value %q (kind %d), want %q (kind %d)", got, o.Kind, tt.value, tt.kind)
			}
		})
	}
}

func TestIsWidgetModule(t *testing.T) {
	for mod, want := range map[string]bool{
		"@okta/okta-signin-widget":                                 true,
		"@okta/okta-signin-widget/dist/js/okta-sign-in.min.js":     true,
		"@okta/okta-signin-widget/css/okta-sign-in.min.css":        false,
		"@okta/okta-signin-widget/dist/sass/okta-sign-in.min.scss": false,
		"@okta/okta-signin-widget-extra":                           false,
		"@okta/okta-auth-js":                                       false,
	} {
		if got := IsWidgetModule(mod); got != want {
			t.Errorf("IsWidgetModule(%q) = %v, want %v", mod, got, want)
		}
	}
}

func TestWidgetsOfOtherCode(t *testing.T) {
	// A file that names no widget is not read for configurations.
	f, err := lint.Parse(lint.NewSource("a.js", []byte("const c = { a: 1 };\nc.b = 2;\nnew Chart(c);")))
	if err != nil {
		t.Fatal(err)
	}
	w := WidgetsOf(f)
	if len(w.Constructions()) != 0 || len(w.Writes()) != 0 || w.WidgetFile() {
		t.Errorf("constructions %d, writes %d, widget file %v: want none", len(w.Constructions()), len(w.Writes()), w.WidgetFile())
	}
}
