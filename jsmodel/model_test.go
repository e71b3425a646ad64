package jsmodel

import (
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

// valueAtMarker parses code as a file of the given name and returns what
// the analysis says the expression before the member access right after
// the /*@*/ marker holds.
func valueAtMarker(t *testing.T, name, code string) Value {
	t.Helper()
	marker := strings.Index(code, "/*@*/")
	if marker < 0 {
		t.Fatalf("no /*@*/ marker in %q", code)
	}
	f, err := lint.Parse(lint.NewSource(name, []byte(code)))
	if err != nil {
		t.Fatal(err)
	}
	fx := Of(f)
	for _, s := range f.Doc.Scripts {
		for i, tok := range s.Tokens {
			if tok.Start >= marker+len("/*@*/") {
				return fx.ValueBefore(s, i-1)
			}
		}
	}
	t.Fatalf("no token after the marker in %q", code)
	return None
}

func TestHostedValues(t *testing.T) {
	const ctx, cfg, none = RequestContext, WidgetConfig, None
	for _, tt := range []struct {
		name, code string
		want       Value
	}{
		{"", "var ctx = OktaUtil.getRequestContext(); ctx/*@*/.target", ctx},
		{"", "let c = window.OktaUtil.getRequestContext() || {}; c/*@*/.target", ctx},
		{"a.ts", "const c: RequestContext = oktaUtil.getRequestContext()!; c/*@*/.target", ctx},
		{"a.ts", "const c = OktaUtil.getRequestContext() as RequestContext; c!/*@*/.target", ctx},
		{"", "var c = OktaUtil.getRequestContext; c/*@*/.target", Derived},
		{"", "var c = window.OktaUtil.getRequestContext && window.OktaUtil.getRequestContext(); c/*@*/.target", ctx},
		{"", "var c = OktaUtil && OktaUtil.getRequestContext() || {}; c/*@*/.target", ctx},
		{"", "var c = OktaUtil && OktaUtil.getRequestContext() && x; c/*@*/.target", none},
		{"", "var c = OktaUtil.getRequestContext().app; c/*@*/.value", none},
		{"", "var c = OktaUtil.getRequestContext() + 1; c/*@*/.target", none},
		{"", "var a = OktaUtil.getRequestContext(); var b = a; b/*@*/.target", ctx},
		{"", "var a = OktaUtil.getRequestContext(), b = 2, c = a; c/*@*/.target", ctx},
		{"", "var ctx = OktaUtil.getRequestContext(); function f(ctx) { ctx/*@*/.target }", none},
		{"", "var ctx = OktaUtil.getRequestContext(); function f() { var ctx = other(); ctx/*@*/.target }", none},
		{"", "var ctx = OktaUtil.getRequestContext(); function f() { ctx/*@*/.target }", ctx},
		{"", "function f(ctx) { ctx/*@*/.target } f(OktaUtil.getRequestContext())", ctx},
		{"", "f(OktaUtil.getRequestContext()); function f(ctx) { return g(1, ctx) } function g(n, c) { c/*@*/.target }", ctx},
		{"", "function f(a, ctx) { ctx/*@*/.target } f(OktaUtil.getRequestContext())", none},
		{"", "var f = (x) => x/*@*/.target; f(OktaUtil.getRequestContext())", ctx},
		{"", "var f = async x => x/*@*/.target; f(OktaUtil.getRequestContext())", ctx},
		{"a.ts", "const f = (x: RC,): string | undefined => { return x/*@*/.target }; f(OktaUtil.getRequestContext())", ctx},
		{"a.ts", "function f(x: RC): string | undefined { return x/*@*/.target } f(OktaUtil.getRequestContext())", ctx},
		{"", "(OktaUtil.getRequestContext() || {})/*@*/.target", ctx},
		{"", "((OktaUtil.getRequestContext()))/*@*/.target", ctx},
		{"", "OktaUtil.getRequestContext()/*@*/.target", ctx},
		{"", "OktaUtil.getRequestContext?.()/*@*/.target", ctx},
		{"", "window.OktaUtil.getRequestContext()/*@*/.target", ctx},
		{"", "analytics.getRequestContext()/*@*/.target", none},
		{"", "OktaUtil.getRequestContext(x)/*@*/.target", none},
		{"", "f(OktaUtil.getRequestContext())/*@*/.target", none},
		{"", "var config = OktaUtil.getSignInWidgetConfig(); config/*@*/.features", cfg},
		{"", "var c = { ...OktaUtil.getSignInWidgetConfig(), a: 1 }; c/*@*/.features", cfg},
		{"", "var config = OktaUtil.getSignInWidgetConfig(); var c = Object.assign({}, config); c/*@*/.features", cfg},
		{"", "var c = Object.assign({}, defaults); c/*@*/.features", none},
		{"", "var c = { ...defaults }; c/*@*/.features", none},
		{"", "<script>var config = {{{config}}}; config/*@*/.features</script>", none},
		{"", "var ctx = OktaUtil.getRequestContext(); var o = { m(ctx) { return ctx/*@*/.target } };", none},
		{"", "var ctx = OktaUtil.getRequestContext(); list.map(ctx => ctx.id), ctx/*@*/.target", ctx},
		{"", "var ctx = OktaUtil.getRequestContext(); var f = ctx => ctx.id\nctx/*@*/.target", ctx},
		{"", "var ctx = OktaUtil.getRequestContext(); var f = ctx => ctx/*@*/.target", none},
		{"", "var ctx = OktaUtil.getRequestContext(); if (a) { b() } ctx/*@*/.target", ctx},
		{"", "var ctx = OktaUtil.getRequestContext(); class A { m(ctx) { ctx.a } } ctx/*@*/.target", ctx},
		{"", "var ctx = OktaUtil.getRequestContext(); class A { static m(ctx) { ctx/*@*/.target } }", none},
		// Not a method: a call in a conditional, then an object literal.
		{"", "var ctx = OktaUtil.getRequestContext(); var o = c ? f(ctx) : { id: ctx/*@*/.target };", ctx},
	} {
		name := tt.name
		if name == "" {
			name = "a.js"
		}
		code := tt.code
		if strings.HasSuffix(name, ".js") && !strings.HasPrefix(code, "<") {
			code = "/* " + name + " */ " + code
		}
		if got := valueAtMarker(t, name, code); got != tt.want {
			t.Errorf("%s: %q: value %d, want %d", name, tt.code, got, tt.want)
		}
	}
}

// evidenceAtMarker returns the evidence the model gives the member access
// right after the /*@*/ marker.
func evidenceAtMarker(t *testing.T, name, code string) Evidence {
	t.Helper()
	marker := strings.Index(code, "/*@*/")
	f, err := lint.Parse(lint.NewSource(name, []byte(code)))
	if err != nil || marker < 0 {
		t.Fatalf("%q: marker %d, error %v", code, marker, err)
	}
	m := Of(f)
	for _, s := range f.Doc.Scripts {
		for i, tok := range s.Tokens {
			if tok.Start >= marker+len("/*@*/") {
				return m.EvidenceAt(s, i-1)
			}
		}
	}
	t.Fatalf("no token after the marker in %q", code)
	return NoEvidence
}

func TestEvidence(t *testing.T) {
	for _, tt := range []struct {
		name, code string
		want       Evidence
	}{
		// Values that flow from Okta.
		{"a.html", "{{{OktaUtil}}}<script>var w = new OktaSignIn(OktaUtil.getSignInWidgetConfig()); w.renderEl({}, function (res) { res.session/*@*/.token })</script>", Strong},
		{"a.html", "<script>new OktaSignIn(c).renderEl({}, (res) => res.session/*@*/.token)</script>", Strong},
		{"a.js", "import OktaSignIn from '@okta/okta-signin-widget'; const w = new OktaSignIn(c); w.renderEl({}, done); function done(r) { r.session/*@*/.token }", Strong},
		{"a.js", "import { OktaAuth } from '@okta/okta-auth-js'; const a = new OktaAuth(c); a.signInWithCredentials(x).then(tx => tx/*@*/.sessionToken)", Strong},
		{"a.js", "import { OktaAuth as A } from '@okta/okta-auth-js'; const a = new A(c); async function f() { const tx = await a.signIn(x); tx/*@*/.sessionToken }", Strong},
		{"a.js", "const OktaSignIn = require('@okta/okta-signin-widget'); const w = new OktaSignIn(c); w.authClient.session/*@*/.setCookieAndRedirect(t)", Strong},
		{"a.js", "import OktaSignIn from '@okta/okta-signin-widget'; const w = new OktaSignIn(c); const ac = w.authClient; ac.session/*@*/.setCookieAndRedirect(t)", Strong},
		{"a.html", "{{{OktaUtil}}}<script>new OktaSignIn(c).renderEl({}, function (res) { var s = res.session; s/*@*/.token })</script>", Strong},
		{"a.html", "{{{OktaUtil}}}<script>new OktaSignIn(c).renderEl({}, function (res) { const { session } = res; session/*@*/.token })</script>", Strong},
		{"a.html", "{{{OktaUtil}}}<script>new OktaSignIn(c).renderEl({}, function ({ session }) { session/*@*/.token })</script>", Strong},
		{"a.html", "{{{OktaUtil}}}<script>var u = window.OktaUtil; u/*@*/.completeLogin</script>", Strong},
		// A name alone in a file about Okta.
		{"a.html", "{{{OktaUtil}}}<script>function onSuccess(res) { res.session/*@*/.token }</script>", Weak},
		{"a.js", "import '@okta/okta-auth-js'; x.session/*@*/.token", Weak},
		// Nothing about Okta.
		{"server.js", "app.get('/p', (req, res) => { const token = req.session/*@*/.token; res.send(token); });", NoEvidence},
		{"a.js", "function OktaUtil() {} OktaUtil/*@*/.x", NoEvidence},
		{"a.js", "const r = await fetch(u); r.session/*@*/.token", NoEvidence},
	} {
		if got := evidenceAtMarker(t, tt.name, tt.code); got != tt.want {
			t.Errorf("%s: %q: evidence %d, want %d", tt.name, tt.code, got, tt.want)
		}
	}
}
