package rules

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tmpllint/tmpllint/lint"
)

// Inputs on which a rule that rescans the file per finding goes quadratic.
// A CI job lints whatever a pull request contains, so rules must stay
// linear on them as the scanner does.
var pathologicalScripts = []pathological{
	{"chained assignments", func(n int) string { return "<script>" + strings.Repeat("a=", n/2) + "res.session;s.token</script>" }},
	{"assignments without semicolons", func(n int) string {
		return "<script>function f(){\n" + strings.Repeat("x = y\n", n/6) + "}</script>"
	}},
	{"object patterns", func(n int) string { return "<script>" + strings.Repeat("{a}=", n/4) + "res.session</script>" }},
	{"renderEl calls with a named callback", func(n int) string {
		return "{{{OktaUtil}}}<script>" + strings.Repeat("w.renderEl(x, cb);\n", n/19) + "</script>"
	}},
	{"renderEl calls with inline callbacks", func(n int) string {
		return "{{{OktaUtil}}}<script>" + strings.Repeat("w.renderEl(x, function (r) { r.session.token });\n", n/50) + "</script>"
	}},
	{"session tokens inside one callback", func(n int) string {
		return "{{{OktaUtil}}}<script>w.renderEl(x, function (r) {" + strings.Repeat("r.session.token;", n/16) + "});</script>"
	}},
	{"unclosed template with the redirect URL", func(n int) string {
		return "<script>" + strings.Repeat("`/login/sessionCookieRedirect${", n/31) + "</script>"
	}},
	{"declared functions", func(n int) string {
		return "{{{OktaUtil}}}<script>" + strings.Repeat("var cb = function (r) { go(r) }\n", n/32) + "w.renderEl(x, cb)</script>"
	}},
}

// pathological is input that stresses some rule: gen(n) returns about n
// bytes of it.
type pathological struct {
	name string
	gen  func(n int) string
}

// checkLinear lints p's input at size and at four times size, with opts,
// and fails when the time grows faster than the input. With findings set,
// it also fails when the smaller input gives no finding: then the input
// does not exercise the rules it was written for.
func checkLinear(t *testing.T, p pathological, size int, opts lint.Options, findings bool) {
	t.Helper()
	small, large := []byte(p.gen(size)), []byte(p.gen(4*size))
	if findings && len(lintWith(t, small, opts)) == 0 {
		t.Errorf("no findings on the small input: it does not exercise the rules")
	}
	var ts, tl time.Duration
	// Linear is 4, quadratic 16; below 50ms the ratio is noise. A busy
	// machine can stall one measurement: a quadratic rule fails every
	// attempt, a stall does not repeat.
	for attempt := 0; attempt < 3; attempt++ {
		ts, tl = lintTime(t, small, opts), lintTime(t, large, opts)
		t.Logf("%d bytes in %v, %d bytes in %v (ratio %.1f)", len(small), ts, len(large), tl, float64(tl)/float64(ts))
		if tl <= 50*time.Millisecond || tl <= 10*ts {
			return
		}
	}
	t.Errorf("lint time grows faster than the input: %v for %d bytes, %v for %d", ts, len(small), tl, len(large))
}

func lintWith(t *testing.T, src []byte, opts lint.Options) []lint.Diagnostic {
	f, err := lint.Parse(lint.NewSource("scale.html", src))
	if err != nil {
		t.Fatal(err)
	}
	return lint.RunWith(f, All(), opts)
}

// lintTime is the best of three runs of lintWith.
func lintTime(t *testing.T, src []byte, opts lint.Options) time.Duration {
	best := time.Duration(0)
	for i := 0; i < 3; i++ {
		runtime.GC()
		start := time.Now()
		lintWith(t, src, opts)
		if d := time.Since(start); i == 0 || d < best {
			best = d
		}
	}
	return best
}

func TestRulesScaleLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	for _, p := range pathologicalScripts {
		t.Run(p.name, func(t *testing.T) { checkLinear(t, p, 32<<10, lint.Options{}, false) })
	}
}
