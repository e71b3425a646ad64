package rules

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

// Inputs on which the widget configuration analysis (OIE004, OIE005,
// OIE006) would go quadratic if it rescanned per construction, per
// assignment, per spread or per line. Each page loads a widget bundle, so
// the version-dependent paths run: 6.9 (insert the option) or 7.20 (remove
// it).
const (
	cdn69  = `<script src="https://global.oktacdn.com/okta-signin-widget/6.9.0/js/okta-sign-in.min.js"></script>`
	cdn720 = `<script src="https://global.oktacdn.com/okta-signin-widget/7.20.0/js/okta-sign-in.min.js"></script>`
)

var pathologicalWidgetScripts = []pathological{
	{"constructions sharing one configuration", func(n int) string {
		return cdn69 + "<script>var c = {a: 1, features: {router: true}};\n" + strings.Repeat("new OktaSignIn(c).renderEl({});\n", n/32) + "</script>"
	}},
	{"constructions with their own configurations", func(n int) string {
		var b strings.Builder
		b.WriteString(cdn69 + "<script>")
		for i := 0; b.Len() < n; i++ {
			b.WriteString("var c" + strconv.Itoa(i) + " = {a: 1};\nnew OktaSignIn(c" + strconv.Itoa(i) + ");\n")
		}
		return b.String() + "</script>"
	}},
	{"one configuration with many entries and many constructions", func(n int) string {
		return cdn69 + "<script>var c = {" + strings.Repeat("a: 1,\n", n/12) + "};\n" + strings.Repeat("new OktaSignIn(c);\n", n/38) + "</script>"
	}},
	{"repeated spreads of one literal", func(n int) string {
		return cdn69 + "<script>var b = {a: 1};\nnew OktaSignIn({" + strings.Repeat("...b,", n/5) + "});</script>"
	}},
	{"a chain of spreads", func(n int) string {
		var b strings.Builder
		b.WriteString(cdn69 + "<script>var a0 = {x: 1};\n")
		i := 1
		for ; b.Len() < n; i++ {
			b.WriteString("var a" + strconv.Itoa(i) + " = {...a" + strconv.Itoa(i-1) + ", ...a" + strconv.Itoa(i-1) + "};\n")
		}
		return b.String() + "new OktaSignIn(a" + strconv.Itoa(i-1) + ").renderEl({});</script>"
	}},
	{"option assignments", func(n int) string {
		return cdn69 + "<script>var c = {};\nnew OktaSignIn(c);\n" + strings.Repeat("c.features.router = true;\nc.useInteractionCodeFlow = false;\n", n/60) + "</script>"
	}},
	{"obsolete options on one line", func(n int) string {
		return cdn720 + "<script>new OktaSignIn({a: 1});" + strings.Repeat("x = {useInteractionCodeFlow: !0, useClassicEngine: !0};", n/56) + "</script>"
	}},
	{"nested literals with obsolete options", func(n int) string {
		return cdn720 + "<script>new OktaSignIn({});var x = " + strings.Repeat("{useInteractionCodeFlow: 1, a: ", n/32) + "1" + strings.Repeat("}", n/32) + "</script>"
	}},
	{"nested renderEl callbacks", func(n int) string {
		return cdn69 + "<script>var w = new OktaSignIn({});" + strings.Repeat("w.renderEl(x, function (r) { r.stepUp; ", n/40) + strings.Repeat("});", n/40) + "</script>"
	}},
	{"classes and fields", func(n int) string {
		return cdn69 + "<script>" + strings.Repeat("class A { c = {}; w = new OktaSignIn(this.c); r() { this.w.renderEl({}); } }\n", n/76) + "</script>"
	}},
	{"unclosed constructions", func(n int) string {
		return cdn69 + "<script>" + strings.Repeat("new OktaSignIn({a: ", n/19) + "</script>"
	}},
	{"long member chains", func(n int) string {
		return cdn69 + "<script>var c = {};\nnew OktaSignIn(c);\n" + strings.Repeat("c.a.b.c.d.e.f.g.h.i.j = 1;\n", n/27) + "</script>"
	}},
}

func TestWidgetRulesScaleLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	for _, p := range pathologicalWidgetScripts {
		t.Run(p.name, func(t *testing.T) {
			checkLinear(t, p, 32<<10, lint.Options{}, !strings.Contains(p.name, "unclosed"))
		})
	}
}
