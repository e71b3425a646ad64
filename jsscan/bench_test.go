package jsscan

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
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

// scanTime returns the least of three scan times of src.
func scanTime(t *testing.T, src []byte, lang Lang) time.Duration {
	best := time.Duration(0)
	for i := 0; i < 3; i++ {
		runtime.GC()
		start := time.Now()
		if _, err := Scan(src, lang); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); i == 0 || d < best {
			best = d
		}
	}
	return best
}

// Scanning four times the input must take about four times as long, not
// sixteen: a template is attacker-shaped input for a CI job.
func TestScanScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	for _, p := range pathological {
		t.Run(p.name, func(t *testing.T) {
			small, large := []byte(p.gen(64<<10)), []byte(p.gen(256<<10))
			ts, tl := scanTime(t, small, p.lang), scanTime(t, large, p.lang)
			t.Logf("%d bytes in %v, %d bytes in %v (ratio %.1f)", len(small), ts, len(large), tl, float64(tl)/float64(ts))
			// Linear is 4; quadratic is 16, and took from 0.3s to a minute
			// at this size. Below 50ms the ratio is noise.
			if tl > 50*time.Millisecond && tl > 10*ts {
				t.Errorf("scan time grows faster than the input: %v for %d bytes, %v for %d", ts, len(small), tl, len(large))
			}
		})
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
