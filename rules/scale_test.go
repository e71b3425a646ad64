package rules

import (
	"runtime"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
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
// and fails when the work grows faster than the input. With findings set,
// it also fails when the smaller input gives no finding: then the input
// does not exercise the rules it was written for.
//
// Work is counted, not timed, so the test says the same on a loaded
// machine: tokens the rules read through jsscan (jsscan.CountWork), and
// bytes allocated.
func checkLinear(t *testing.T, p pathological, size int, opts lint.Options, findings bool) {
	t.Helper()
	small, large := []byte(p.gen(size)), []byte(p.gen(4*size))
	if findings && len(lintWith(t, small, opts)) == 0 {
		t.Errorf("no findings on the small input: it does not exercise the rules")
	}
	ws, as := lintWork(t, small, opts)
	wl, al := lintWork(t, large, opts)
	t.Logf("work %d then %d (%.1f times), allocated %d then %d bytes (%.1f times)", ws, wl, growth(ws, wl), as, al, growth(as, al))
	if g := growth(ws, wl); g > maxGrowth {
		t.Errorf("lint work grows %.1f times for 4 times the input: %d for %d bytes, %d for %d", g, ws, len(small), wl, len(large))
	}
	if g := growth(as, al); g > maxGrowth {
		t.Errorf("allocation grows %.1f times for 4 times the input: %d bytes for %d bytes, %d for %d", g, as, len(small), al, len(large))
	}
}

// maxGrowth is the most work may grow when the input grows four times:
// linear is 4, quadratic 16; slices that double put linear work anywhere
// between 2 and 8 times.
const maxGrowth = 10

// growth is large/small, with a floor under small against dividing by zero.
func growth(small, large uint64) float64 {
	return float64(large) / float64(max(small, 1))
}

func lintWith(t *testing.T, src []byte, opts lint.Options) []lint.Diagnostic {
	f, err := lint.Parse(lint.NewSource("scale.html", src))
	if err != nil {
		t.Fatal(err)
	}
	return lint.RunWith(f, All(), opts)
}

// lintWork is the least work and allocation of three runs of lintWith, so
// that an allocation of another goroutine does not count.
func lintWork(t *testing.T, src []byte, opts lint.Options) (work, alloc uint64) {
	for i := 0; i < 3; i++ {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		n := uint64(jsscan.CountWork(func() { lintWith(t, src, opts) }))
		runtime.ReadMemStats(&after)
		if a := after.TotalAlloc - before.TotalAlloc; i == 0 || a < alloc {
			alloc = a
		}
		if i == 0 || n < work {
			work = n
		}
	}
	return work, alloc
}

// The check can fail: reading every token again for each token is 16
// times the work on 4 times the input.
func TestLintWorkSeesQuadraticRule(t *testing.T) {
	count := func(n int) uint64 {
		doc, err := jsscan.Scan([]byte("<script>"+strings.Repeat("a;", n)+"</script>"), jsscan.LangHTML)
		if err != nil {
			t.Fatal(err)
		}
		s := doc.Scripts[0]
		return uint64(jsscan.CountWork(func() {
			for range s.Tokens {
				for i := range s.Tokens {
					s.Is(i, "a")
				}
			}
		}))
	}
	if g := growth(count(500), count(2000)); g <= maxGrowth {
		t.Errorf("a quadratic rule's work grows %.1f times, within the bound %d", g, maxGrowth)
	}
}

func TestRulesScaleLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	for _, p := range pathologicalScripts {
		t.Run(p.name, func(t *testing.T) { checkLinear(t, p, 32<<10, lint.Options{}, false) })
	}
}
