package rules

import (
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

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
		{"7.22.9", "<script>w.afterTransform('identify', f)</script>", "OIE009", 1, 1},
		{"7.23", "<script>w.afterTransform('identify', f)</script>", "OIE009", 0, 0},
		{"7.7", "{{#useSiwGen3}}<script>w.afterTransform('identify', f)</script>{{/useSiwGen3}}", "OIE009", 0, 0},
		{"7.8", "{{#useSiwGen3}}<script>w.afterTransform('identify', f)</script>{{/useSiwGen3}}", "OIE009", 1, 1},
		// At 7.23 or with no version, a hosted page's call outside the
		// Gen3 sections throws on Gen2; inside one it runs only on Gen3.
		{"7.23", "{{{OktaUtil}}}<script>w.afterTransform('identify', f)</script>", "OIE009", 1, 1},
		{"", "{{{OktaUtil}}}<script>w.afterTransform('identify', f)</script>", "OIE009", 1, 1},
		{"", "{{{OktaUtil}}}{{#useSiwGen3}}<script>w.afterTransform('identify', f)</script>{{/useSiwGen3}}", "OIE009", 0, 0},
		{"7.30", "{{{OktaUtil}}}<script>w.afterTransform?.('identify', f)</script>", "OIE009", 0, 0},
		{"7.0", "<script>function f(w) { if (w.afterTransform) { w.afterTransform('*', g) } } w.afterTransform('*', g)</script>", "OIE009", 1, 1},
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

// TestNamedCallbackRemoval: the unsafe fix of a success callback passed by
// name removes the function when nothing else uses it, and says what
// still uses it otherwise.
func TestNamedCallbackRemoval(t *testing.T) {
	const page = "{{{OktaUtil}}}<script>\nvar w = new OktaSignIn(OktaUtil.getSignInWidgetConfig());\nw.renderEl({ el: '#x' }, done);\nfunction done(res) {\n  res.session.setCookieAndRedirect(u);\n  log(res);\n}\n"
	for _, tt := range []struct {
		name, code string
		edits      int
		message    string
	}{
		{"unused elsewhere", page + "</script>", 2, "the function done, which nothing else uses, is removed"},
		{"used elsewhere", page + "window.retry = done;\n</script>", 1, "the function done stays, as line 8 still uses it"},
		{"a property of the same name is no use", page + "x.done = 1; y = { done: 2 };\n</script>", 2, "is removed"},
	} {
		var fix *lint.Fix
		for _, d := range lintExample(t, lint.Example{Code: tt.code}) {
			if d.Rule.ID == "OIE003" && len(d.Fixes) > 0 {
				fix = &d.Fixes[0]
			}
		}
		if fix == nil {
			t.Errorf("%s: no OIE003 fix", tt.name)
			continue
		}
		if len(fix.Edits) != tt.edits || !strings.Contains(fix.Message, tt.message) {
			t.Errorf("%s: fix %q with %d edits, want %d edits and %q", tt.name, fix.Message, len(fix.Edits), tt.edits, tt.message)
		}
	}
}
