package jsscan

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// pathological are inputs whose scan time once grew with the square of their
// size; each generator returns about n bytes.
var pathological = []struct {
	name string
	gen  func(n int) string
	lang Lang // the kind of file the input is read as (HTML by default)
}{
	// Closers with no opener of their family searched the whole stack.
	{"unbalanced brackets", func(n int) string {
		return "<script>" + strings.Repeat("(", n/2) + strings.Repeat("]", n/2) + "</script>"
	}, LangHTML},
	{"unclosed substitutions", func(n int) string {
		return "<script>" + strings.Repeat("`${(", n/8) + strings.Repeat("}`", n/4) + "</script>"
	}, LangHTML},
	// Each {{{tag}} searched the rest of a file without "}}}".
	{"triple-brace tags closed by two", func(n int) string { return strings.Repeat("{{{a}} ", n/7) }, LangHTML},
	// Each script went through every Mustache tag of the file.
	{"many scripts and tags", func(n int) string { return strings.Repeat("<script>{{a}}</script>{{b}}", n/27) }, LangHTML},
	{"nested templates", func(n int) string { return "<script>" + strings.Repeat("`${", n/3) + "</script>" }, LangHTML},
	{"many attributes", func(n int) string { return "<div " + strings.Repeat("a=b ", n/4) + ">" }, LangHTML},
	{"many comments", func(n int) string { return strings.Repeat("<!---->", n/7) }, LangHTML},
	{"unclosed comment openers", func(n int) string { return "<script>" + strings.Repeat("/*", n/2) }, LangHTML},
	// Each lexer error made the lexer copy the script and walk to the
	// error's line end, for an error message.
	{"unterminated strings", func(n int) string { return "<script>" + strings.Repeat("'\n", n/2) }, LangHTML},
	{"unterminated strings on one line", func(n int) string { return "<script>" + strings.Repeat("'\\\n", n/3) }, LangHTML},
	{"invalid characters", func(n int) string { return "<script>" + strings.Repeat("@", n) }, LangHTML},
	{"invalid private names", func(n int) string { return "<script>" + strings.Repeat("#-", n/2) }, LangHTML},
	{"identifiers after numbers", func(n int) string { return "<script>" + strings.Repeat("1a\n", n/3) }, LangHTML},
	{"invalid characters in a template", func(n int) string { return "<script>`${" + strings.Repeat("@\n", n/2) }, LangHTML},
	{"unterminated regexps", func(n int) string { return "<script>" + strings.Repeat("=/\n", n/3) }, LangHTML},
	{"regexps", func(n int) string { return "<script>" + strings.Repeat("(/a/)", n/5) }, LangHTML},
	// JSX is read by a state machine that reads every byte once.
	{"nested JSX elements", func(n int) string {
		return "x = " + strings.Repeat("<a>", n/7) + strings.Repeat("</a>", n/7)
	}, LangJSX},
	{"unclosed JSX elements", func(n int) string { return "x = " + strings.Repeat("<a b='c'>", n/9) }, LangJSX},
	{"less-than soup", func(n int) string { return "x = " + strings.Repeat("<a", n/2) }, LangJSX},
	{"less-than soup in text", func(n int) string { return "x = <p>" + strings.Repeat("< ", n/2) }, LangJSX},
	{"nested containers", func(n int) string { return "x = " + strings.Repeat("<a>{", n/4) }, LangJSX},
	{"brace soup in JSX", func(n int) string { return "x = <a>" + strings.Repeat("{", n) }, LangJSX},
	{"closing brace soup in JSX", func(n int) string { return "x = <a>{" + strings.Repeat("}", n) }, LangJSX},
	{"JSX attributes", func(n int) string { return "x = <a " + strings.Repeat("b={c} ", n/6) }, LangJSX},
	{"JSX elements in attributes", func(n int) string { return "x = <a " + strings.Repeat("b=<c ", n/5) }, LangJSX},
	{"broken end tags", func(n int) string { return "x = <a>" + strings.Repeat("</a b", n/5) }, LangJSX},
	{"JSX comment openers", func(n int) string { return "x = <a " + strings.Repeat("/*", n/2) }, LangJSX},
	{"type parameters", func(n int) string { return "x = " + strings.Repeat("<T, ", n/4) }, LangTSX},
	{"generic function types", func(n int) string { return strings.Repeat("a: <T>  (", n/9) }, LangTSX},
	{"decorators", func(n int) string { return strings.Repeat("@", n) }, LangTS},
	// Server tags: each opener without a closer once searched the rest
	// of the file.
	{"unclosed thymeleaf expressions in code", func(n int) string { return strings.Repeat("[[${", n/4) }, LangJS},
	{"unclosed thymeleaf expressions", func(n int) string { return strings.Repeat("[[${", n/4) }, LangHTML},
	{"unclosed jinja tags", func(n int) string { return strings.Repeat("{%{#", n/4) }, LangHTML},
	{"ejs tags", func(n int) string { return "<script>" + strings.Repeat("<%= a %>", n/8) }, LangEJS},
	{"ejs tags in code", func(n int) string { return strings.Repeat("<%= a %>", n/8) }, LangJS},
	{"unclosed ejs tag in code", func(n int) string { return "a<%" + strings.Repeat("<", n) }, LangJS},
	{"leading html comments", func(n int) string { return strings.Repeat("<!---->", n/7) + "x" }, LangJS},
}

// scanWork scans src and returns the work it took: the scanner's own count
// (workMeter) and the bytes it allocated, each the least of three runs so
// that an allocation of another goroutine does not count.
func scanWork(t *testing.T, src []byte, lang Lang) (steps, alloc uint64) {
	t.Helper()
	for i := 0; i < 3; i++ {
		var a uint64
		n := CountWork(func() {
			a = allocatedBy(func() {
				if _, err := Scan(src, lang); err != nil {
					t.Fatal(err)
				}
			})
		})
		if i == 0 || uint64(n) < steps {
			steps = uint64(n)
		}
		if i == 0 || a < alloc {
			alloc = a
		}
	}
	return steps, alloc
}

// allocatedBy returns the bytes allocated while f runs.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// maxGrowth is the most work may grow when the input grows four times:
// linear is 4, quadratic 16. Slices that double leave linear work
// anywhere between 2 and 8 times.
const maxGrowth = 10

// growth is large/small, with a floor under small so that an input that
// costs next to nothing does not divide by zero.
func growth(small, large uint64) float64 {
	return float64(large) / float64(max(small, 1))
}

// Scanning four times the input must take about four times the work, not
// sixteen: a template is attacker-shaped input for a CI job. Work is
// counted, not timed, so the test says the same on a loaded machine.
func TestScanScalesLinearly(t *testing.T) {
	for _, p := range pathological {
		t.Run(p.name, func(t *testing.T) {
			small, large := []byte(p.gen(64<<10)), []byte(p.gen(256<<10))
			ss, as := scanWork(t, small, p.lang)
			sl, al := scanWork(t, large, p.lang)
			t.Logf("work %d then %d (%.1f times), allocated %d then %d bytes (%.1f times)", ss, sl, growth(ss, sl), as, al, growth(as, al))
			if g := growth(ss, sl); g > maxGrowth {
				t.Errorf("scan work grows %.1f times for 4 times the input: %d for %d bytes, %d for %d", g, ss, len(small), sl, len(large))
			}
			if g := growth(as, al); g > maxGrowth {
				t.Errorf("allocation grows %.1f times for 4 times the input: %d bytes for %d bytes, %d for %d", g, as, len(small), al, len(large))
			}
		})
	}
}

// The check above can fail: a scan that searches the rest of the file
// from every opener does 16 times the work on 4 times the input.
func TestScanWorkSeesQuadraticSearch(t *testing.T) {
	quadratic := func(src []byte) int {
		return CountWork(func() {
			for i := range src {
				searched(-1, len(src)-i)
			}
		})
	}
	small, large := quadratic(make([]byte, 1000)), quadratic(make([]byte, 4000))
	if g := growth(uint64(small), uint64(large)); g <= maxGrowth {
		t.Errorf("a quadratic search grows %.1f times, within the bound %d", g, maxGrowth)
	}
}

// A script that is mostly lexer errors is read until its errors have cost
// the lexer 64 times the script's size; the rest is one Invalid token.
func TestLexGivesUpOnHopelessScripts(t *testing.T) {
	code := []byte(strings.Repeat("@", 256<<10) + " res.session.token")
	s := ScanScript(code, 10, nil, nil)
	last := s.Tokens[len(s.Tokens)-1]
	if last.Kind != Invalid || last.End != s.End || s.LexErrors >= 256<<10 {
		t.Errorf("%d errors, last token %v %s", s.LexErrors, last.Span, last.Kind)
	}
	t.Logf("gave up after %d errors", s.LexErrors-1)
	// A few hundred errors in a small script are all read.
	code = []byte(strings.Repeat("@", 300) + " res.session.token")
	if s := ScanScript(code, 0, nil, nil); s.LexErrors != 300 || !s.Is(len(s.Tokens)-1, "token") {
		t.Errorf("%d errors, last token %q", s.LexErrors, s.Text(s.Tokens[len(s.Tokens)-1]))
	}
}

// benchInputs are the fixtures, concatenated and repeated to about 1 MB,
// and a script made of every fixture's scripts, repeated to about 1 MB.
func benchInputs(b *testing.B) (page, script []byte) {
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "templates", "*.html"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no fixtures found (%v)", err)
	}
	var all, code bytes.Buffer
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		all.Write(src)
		doc, err := ScanHTML(src)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range doc.Scripts {
			code.Write(src[s.Start:s.End])
			code.WriteString(";\n")
		}
	}
	return bytes.Repeat(all.Bytes(), (1<<20)/all.Len()+1), bytes.Repeat(code.Bytes(), (1<<20)/code.Len()+1)
}

func BenchmarkScanHTML(b *testing.B) {
	page, _ := benchInputs(b)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ScanHTML(page); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScanScript(b *testing.B) {
	_, script := benchInputs(b)
	tags := ScanMustache(script)
	b.SetBytes(int64(len(script)))
	b.ReportAllocs()
	for b.Loop() {
		ScanScript(script, 0, nil, tags)
	}
}

func BenchmarkScanMustache(b *testing.B) {
	page, _ := benchInputs(b)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		ScanMustache(page)
	}
}
