package rules

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// Inputs on which a rule that rescans the file per finding goes quadratic.
// A CI job lints whatever a pull request contains, so rules must stay
// linear on them as the scanner does.
var pathologicalScripts = []struct {
	name string
	gen  func(n int) string
}{
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

func lintTime(t *testing.T, src []byte) time.Duration {
	best := time.Duration(0)
	for i := 0; i < 3; i++ {
		runtime.GC()
		start := time.Now()
		lintBytes(t, src)
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
		t.Run(p.name, func(t *testing.T) {
			small, large := []byte(p.gen(32<<10)), []byte(p.gen(128<<10))
			var ts, tl time.Duration
			// Linear is 4, quadratic 16; below 50ms the ratio is noise. A
			// busy machine can stall one measurement: a quadratic rule
			// fails every attempt, a stall does not repeat.
			for attempt := 0; attempt < 3; attempt++ {
				ts, tl = lintTime(t, small), lintTime(t, large)
				t.Logf("%d bytes in %v, %d bytes in %v (ratio %.1f)", len(small), ts, len(large), tl, float64(tl)/float64(ts))
				if tl <= 50*time.Millisecond || tl <= 10*ts {
					break
				}
			}
			if tl > 50*time.Millisecond && tl > 10*ts {
				t.Errorf("lint time grows faster than the input: %v for %d bytes, %v for %d", ts, len(small), tl, len(large))
			}
		})
	}
}
