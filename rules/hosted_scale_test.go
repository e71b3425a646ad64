package rules

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

// Inputs on which the hosted-page rules (OIE007 to OIE009) would go
// quadratic if they rescanned per finding, per scope or per nesting level.
// Each runs with a widget version, so that OIE009 checks too.
var hostedPathological = []pathological{
	{"nested functions reading the context", func(n int) string {
		k := n / 24
		return "{{{OktaUtil}}}<script>var ctx = OktaUtil.getRequestContext();" +
			strings.Repeat("function f(a){ctx.target;", k) + strings.Repeat("}", k) + "</script>"
	}},
	{"nested arrow functions", func(n int) string {
		return "{{{OktaUtil}}}<script>var ctx = OktaUtil.getRequestContext(); g = " +
			strings.Repeat("a => ", n/5) + "ctx.target.clientId</script>"
	}},
	{"a chain of Classic reads before the fallback", func(n int) string {
		return "{{{OktaUtil}}}<script>var ctx = OktaUtil.getRequestContext(); var id = " +
			strings.Repeat("ctx.target.clientId || ", n/23) + "ctx.app.value.id;</script>"
	}},
	{"parenthesized reads", func(n int) string {
		k := n / 9
		return "{{{OktaUtil}}}<script>var ctx = OktaUtil.getRequestContext(); x = " +
			strings.Repeat("(", k) + "ctx" + strings.Repeat(").target", k) + "</script>"
	}},
	{"aliases declared in reverse order", func(n int) string {
		var b strings.Builder
		b.WriteString("{{{OktaUtil}}}<script>")
		k := n / 24
		for i := k; i > 0; i-- {
			b.WriteString("var a" + strconv.Itoa(i) + " = a" + strconv.Itoa(i-1) + ";")
		}
		b.WriteString("var a0 = OktaUtil.getRequestContext(); a" + strconv.Itoa(k) + ".target</script>")
		return b.String()
	}},
	{"helpers passing the context on", func(n int) string {
		var b strings.Builder
		b.WriteString("{{{OktaUtil}}}<script>f0(OktaUtil.getRequestContext());")
		for i := 0; b.Len() < n; i++ {
			b.WriteString("function f" + strconv.Itoa(i) + "(c) { c.target; f" + strconv.Itoa(i+1) + "(c) }\n")
		}
		return b.String() + "</script>"
	}},
	{"destructuring patterns of the context", func(n int) string {
		return "{{{OktaUtil}}}<script>var ctx = OktaUtil.getRequestContext();" +
			strings.Repeat("var { target, authentication: { issuer } } = ctx;", n/50) + "</script>"
	}},
	{"features objects replaced", func(n int) string {
		return "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig();\n" +
			strings.Repeat("config.features = {\n  a: true, // x\n  b: 'c'\n};\n", n/42) + "</script>"
	}},
	{"nested spreads of the configuration", func(n int) string {
		k := n / 30
		return "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig(); x = " +
			strings.Repeat("{ ...config, clientId: 1, a: ", k) + "1" + strings.Repeat("}", k) + "</script>"
	}},
	{"nested Object.assign calls", func(n int) string {
		k := n / 34
		return "{{{OktaUtil}}}<script>var config = OktaUtil.getSignInWidgetConfig(); x = " +
			strings.Repeat("Object.assign(config, { issuer: ", k) + "1" + strings.Repeat("})", k) + "</script>"
	}},
	{"nested hand-built configurations", func(n int) string {
		k := n / 32
		return "{{{OktaUtil}}}<script>" + strings.Repeat("new OktaSignIn({ a: 1, b: ", k) + "1" + strings.Repeat("})", k) + "</script>"
	}},
	{"afterTransform calls in one scope", func(n int) string {
		return "{{{OktaUtil}}}<script>" + strings.Repeat("w.afterTransform('x', f);\n", n/26) + "</script>"
	}},
	{"Gen3 sections and design tokens", func(n int) string {
		return "{{{OktaUtil}}}<script>" + strings.Repeat("{{#useSiwGen3}}c.theme = { tokens: {} };{{/useSiwGen3}}c.theme.tokens;\n", n/70) + "</script>"
	}},
	{"TypeScript return types", func(n int) string {
		return "{{{OktaUtil}}}<script>" + strings.Repeat("a: b | c | d | e | f | g {", n/26) + "</script>"
	}},
}

func TestHostedRulesScaleLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	opts := lint.Options{Widget: &lint.WidgetVersion{Version: lint.Version{Major: 7, Minor: 5}, Origin: "a test", Explicit: true}}
	for _, p := range hostedPathological {
		t.Run(p.name, func(t *testing.T) { checkLinear(t, p, 32<<10, opts, false) })
	}
}
