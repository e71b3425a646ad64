package rules

import (
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

// Inputs that make the template rules (TPL001, TPL002, CSP001, CSP002)
// walk many attributes, tags, sections or scripts: each must be linted in
// time linear in its size.
var pathologicalTemplates = []pathological{
	{"many event-handler attributes", func(n int) string {
		return head + "<div" + strings.Repeat(` onclick="go()" href="javascript:go()"`, n/40) + ">" + util
	}},
	{"many elements without a nonce", func(n int) string {
		return head + `<style nonce="{{nonceValue}}"></style>` + strings.Repeat("<script>x()</script><style>p{}</style>\n", n/39) + util
	}},
	{"many unknown variables", func(n int) string {
		return head + util + strings.Repeat("<p>{{noncevalue}} {{acme}} {{pagetitel}}</p>\n", n/45)
	}},
	{"many distinct unknown variables", func(n int) string {
		var b strings.Builder
		b.WriteString(head + util)
		for i := 0; b.Len() < n; i++ {
			b.WriteString("{{v")
			b.WriteString(strings.Repeat("x", i%30))
			b.WriteString("}}")
		}
		return b.String()
	}},
	{"deeply nested open sections", func(n int) string {
		return head + util + strings.Repeat("{{#useSiwGen3}}", n/15)
	}},
	{"closes without opens", func(n int) string { return head + util + strings.Repeat("{{/useSiwGen3}}", n/15) }},
	{"sections closed out of order", func(n int) string {
		return head + util + strings.Repeat("{{#a}}{{#b}}{{/a}}", n/18)
	}},
	{"triple braces closed by two", func(n int) string { return head + util + strings.Repeat("{{{x}}", n/6) }},
	{"many scripts before the macro", func(n int) string {
		return head + strings.Repeat("<script>var c = OktaUtil.x();</script>\n", n/39) + util
	}},
	{"nested functions before the macro", func(n int) string {
		k := n / 14
		return head + "<script>" + strings.Repeat("function f(){", k) + "OktaUtil.x()" + strings.Repeat("}", k) + "\nOktaUtil.y()</script>" + util
	}},
	{"arrow chain before the macro", func(n int) string {
		return head + "<script>var f = " + strings.Repeat("a => ", n/5) + "OktaUtil.x();</script><script>OktaUtil.y();</script>" + util
	}},
	{"many javascript: URLs with Mustache sections", func(n int) string {
		return head + util + strings.Repeat(`<a href="{{#useSiwGen3}}java{{/useSiwGen3}}script:go()">x</a>`, n/60)
	}},
	{"one long unknown name", func(n int) string { return head + util + "{{" + strings.Repeat("a", n) + "}}" }},
}

func TestTemplateRulesScaleLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	for _, p := range pathologicalTemplates {
		t.Run(p.name, func(t *testing.T) { checkLinear(t, p, 64<<10, lint.Options{}, true) })
	}
}
