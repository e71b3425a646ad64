package rules

import (
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

// valueAtMarker parses code as a file of the given name and returns what
// the analysis says the expression before the member access right after
// the /*@*/ marker holds.
func valueAtMarker(t *testing.T, name, code string) oktaValue {
	t.Helper()
	marker := strings.Index(code, "/*@*/")
	if marker < 0 {
		t.Fatalf("no /*@*/ marker in %q", code)
	}
	f, err := lint.Parse(lint.NewSource(name, []byte(code)))
	if err != nil {
		t.Fatal(err)
	}
	fx := jsFactsOf(f)
	for _, s := range f.Doc.Scripts {
		for i, tok := range s.Tokens {
			if tok.Start >= marker+len("/*@*/") {
				return fx.valueBefore(s, i-1)
			}
		}
	}
	t.Fatalf("no token after the marker in %q", code)
	return valueNone
}

func TestHostedValues(t *testing.T) {
	const ctx, cfg, none = valueRequestContext, valueWidgetConfig, valueNone
	for _, tt := range []struct {
		name, code string
		want       oktaValue
	}{
		{"", "var ctx = OktaUtil.getRequestContext(); ctx/*@*/.target", ctx},
		{"", "let c = window.OktaUtil.getRequestContext() || {}; c/*@*/.target", ctx},
		{"a.ts", "const c: RequestContext = oktaUtil.getRequestContext()!; c/*@*/.target", ctx},
		{"a.ts", "const c = OktaUtil.getRequestContext() as RequestContext; c!/*@*/.target", ctx},
		{"", "var c = OktaUtil.getRequestContext; c/*@*/.target", none},
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

// TestHostedRules checks single findings of OIE007 to OIE009 that the
// fixtures do not show: which cases are reported, and which get a fix.
func TestHostedRules(t *testing.T) {
	for _, tt := range []struct {
		version, code string
		rule          string
		want, fixes   int
	}{
		// A fallback that is not app.value does not stop the throw.
		{"", "{{{OktaUtil}}}<script>var ctx = OktaUtil.getRequestContext(); var id = ctx.target.clientId || 'none';</script>", "OIE007", 1, 0},
		// The fallback in another function does not make the fix converge.
		{"", "{{{OktaUtil}}}<script>var ctx = OktaUtil.getRequestContext(); var id = ctx.target.clientId || (() => ctx.app.value.id)();</script>", "OIE007", 1, 0},
		{"", "{{{OktaUtil}}}<script>var ctx = OktaUtil.getRequestContext(); var id = ctx.target.clientId || ctx.app.value.id;</script>", "OIE007", 1, 1},
		{"", "{{{OktaUtil}}}<script>var ctx = OktaUtil.getRequestContext(); var id = ctx.target?.clientId || ctx.app.value.id;</script>", "OIE007", 0, 0},
		{"", "{{{OktaUtil}}}<script>var { authentication: { issuer } } = OktaUtil.getRequestContext();</script>", "OIE007", 1, 0},
		{"", "{{{OktaUtil}}}<script>var ctx = OktaUtil.getRequestContext(); ctx.authentication.value.issuer.uri;</script>", "OIE007", 0, 0},
		// The fix is a statement of its own only.
		{"", "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig(); if (a) {} else config.features = { autoFocus: true };</script>", "OIE008", 1, 0},
		{"", "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig(); x = () => config.features = { autoFocus: true };</script>", "OIE008", 1, 0},
		{"", "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig(); a = b, config.features = { autoFocus: true };</script>", "OIE008", 1, 0},
		{"", "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig(); config.features = { autoFocus: true }\n(function () {})()</script>", "OIE008", 1, 0},
		{"", "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig(); config.features = { autoFocus: true, f() {} };</script>", "OIE008", 1, 0},
		{"", "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig()\nconfig.features = { autoFocus: true }</script>", "OIE008", 1, 1},
		{"", "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig(); config.features = { ...config.features };</script>", "OIE008", 0, 0},
		{"", "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig(); config.features == { autoFocus: true };</script>", "OIE008", 0, 0},
		{"", "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig(); var c = { clientId: 'x', ...config };</script>", "OIE008", 0, 0},
		// Not a hosted page: the embedded widget builds its own config.
		{"", "<script>new OktaSignIn({ baseUrl: 'https://acme.okta.com', clientId: 'x' })</script>", "OIE008", 0, 0},
		{"", "{{{OktaUtil}}}<script>var c = { baseUrl: 'x' }; c = OktaUtil.getSignInWidgetConfig(); new OktaSignIn(c)</script>", "OIE008", 0, 0},
		{"", "{{{OktaUtil}}}<script>var c = { baseUrl: 'x' }; c.el = '#x'; new OktaSignIn(c)</script>", "OIE008", 1, 0},
		// Versions at and around the gates.
		{"7.7", "{{#useSiwGen3}}{{/useSiwGen3}}{{#useSiwGen3}}{{/useSiwGen3}}", "OIE009", 0, 0},
		{"7.8", "{{#useSiwGen3}}{{/useSiwGen3}}", "OIE009", 0, 0},
		{"7.22.9", "<script>w.afterTransform('identify', f)</script>", "OIE009", 1, 0},
		{"7.23", "<script>w.afterTransform('identify', f)</script>", "OIE009", 0, 0},
		{"7.7", "{{#useSiwGen3}}<script>w.afterTransform('identify', f)</script>{{/useSiwGen3}}", "OIE009", 0, 0},
		{"7.8", "{{#useSiwGen3}}<script>w.afterTransform('identify', f)</script>{{/useSiwGen3}}", "OIE009", 1, 0},
		{"7.0", "<script>function f(w) { if (w.afterTransform) { w.afterTransform('*', g) } } w.afterTransform('*', g)</script>", "OIE009", 1, 0},
		{"7.0", "<script>var config = {}; config.theme = { tokens: {} }</script>", "OIE009", 0, 0},
		{"7.0", "{{{OktaUtil}}}<script>config.theme.tokens.A = 1; x = { theme: { tokens: 1 } }; y = { 'theme': { 'tokens': 1 } }</script>", "OIE009", 3, 0},
	} {
		ex := lint.Example{Code: tt.code, WidgetVersion: tt.version}
		var got, fixes int
		for _, d := range lintExample(t, ex) {
			if d.Rule.ID == tt.rule {
				got++
				fixes += len(d.Fixes)
			}
		}
		if got != tt.want || fixes != tt.fixes {
			t.Errorf("%s %q (version %q): %d findings with %d fixes, want %d with %d", tt.rule, tt.code, tt.version, got, fixes, tt.want, tt.fixes)
		}
	}
}
