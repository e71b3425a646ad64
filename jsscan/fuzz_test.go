package jsscan

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/net/html"
)

// fuzzSnippets are inputs at the edges of what the scanners read: broken
// literals, script end tags in strings, nested templates, unclosed Mustache
// tags, and bytes that are not plain ASCII text.
var fuzzSnippets = []string{
	"<script>var a = 'unterminated\nres.session.token</script>",
	"<script>var a = \"unterminated\\\n</script>",
	"<script>var t = `unterminated ${x</script>",
	"<script>var t = `unterminated ${`inner",
	"<script>a /* unterminated comment</script>",
	"<script>var r = /unterminated regexp\nb()</script>",
	"<script>var r = /[/]/g, s = /\\/ /; x /= 2</script>",
	"<script>var s = '</script>'; alert(1)</script>",
	"<script>var s = '<\\/script>'; document.write('<script></' + 'script>')</script>",
	"<script>`${`${x}`}` + `a${b}c${`d${e}f`}g`</script>",
	"<script>`${ ) }` }`</script>",
	"<script>var c = {{{config}}}; var u = '{{baseUrl}}/x'; {{#s}}a(){{/s}}</script>",
	"<script>var c = {{ no close",
	"{{{raw}} {{{raw}} <script>{{{a}}</script>",
	"<p>{{=<% %>=}}</p><script>{{! a\n b }}c()</script>",
	"<script type=\"{{scriptType}}\">x()</script><script type=text/template>y</script>",
	strings.Repeat("a", 8<<10) + "<script>\x00x\x00.y('\x00')</script>",
	"<script>a\rb\r/re/.test(c)\r</script>",
	"<script>a\u2028/re/.test(b)\u2029c; '\u2028'</script>",
	"<script>var \xff\xfe = '\xc3'; x\xf0\x28\x8c\x28</script>",
	"\xef\xbb\xbf<script>\xef\xbb\xbfa()</script>",
	"<script>(((([[[[{{{{ ))))]]]]</script>",
	"<script>a = b\n/hi/g.exec(c); 1a; #x; x.#y; 0x; 1_; .5e</script>",
	"<script><!--\nx()\n--> y\n</script>",
	"<!-- <script>res.session.token</script> --><script src=a.js>b()</script>",
	"<div id=a =b c='d' e=\"f\" g = h / i=>j</div><div id",
	"<script/><script\v>x</script><SCRIPT TYPE=MODULE>y</SCRIPT >",
	"<textarea><script>x()</script></textarea><title><script>y()</script>",
	"<script>x()</script",
	"<script>a #</script><script>#",
	"<script>x()</scrip",
	"<script",
}

// fuzzFixtures returns the template fixtures, the realistic seeds.
func fuzzFixtures(f *testing.F) [][]byte {
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "templates", "*.html"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no fixtures found (%v)", err)
	}
	var seeds [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	return seeds
}

func FuzzScanHTML(f *testing.F) {
	for _, b := range fuzzFixtures(f) {
		f.Add(b)
	}
	for _, s := range fuzzSnippets {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := ScanHTML(src)
		if err != nil {
			if !(errors.Is(err, ErrBinary) || errors.Is(err, ErrWideEncoding)) || !looksBinary(src) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if looksBinary(src) {
			t.Fatal("binary content accepted")
		}
		checkDocument(t, src, doc)
	})
}

func FuzzScanScript(f *testing.F) {
	for _, b := range fuzzFixtures(f) {
		f.Add(b)
	}
	for _, s := range fuzzSnippets {
		f.Add([]byte(strings.TrimSuffix(strings.TrimPrefix(s, "<script>"), "</script>")))
	}
	f.Fuzz(func(t *testing.T, code []byte) {
		tags := ScanMustache(code)
		checkMustache(t, code, tags)
		checkScript(t, code, ScanScript(code, 0, nil, tags))
		// The same bytes as a script that starts inside the file, with
		// tags that may begin before it.
		cut := len(code) / 3
		s := ScanScript(code[cut:], cut, nil, tags)
		if s.Start != cut || s.End != len(code) {
			t.Fatalf("script span %v, want [%d,%d)", s.Span, cut, len(code))
		}
		checkScript(t, code, s)
		checkAgainstLexer(t, code, tags)
	})
}

// checkAgainstLexer compares the tokens of code with those of the plainest
// use of the lexer: every error through the lexer, no error budget.
func checkAgainstLexer(t *testing.T, code []byte, tags []MustacheTag) {
	t.Helper()
	s := ScanScript(code, 0, nil, tags)
	ref := &Script{Span: s.Span, Code: s.Code}
	in := parse.NewInputBytes(bytes.Clone(s.Code))
	l := js.NewLexer(in)
	// ScanScript reads a hashbang line at the start of a script file as a
	// comment (ES2023); the lexer alone does not know it.
	if s.Element == nil && s.Start == 0 && bytes.HasPrefix(s.Code, []byte("#!")) {
		n := len(s.Code)
		if i := bytes.IndexAny(s.Code, "\r\n"); i >= 0 {
			n = i
		}
		in.Move(n)
		in.Skip()
	}
	newline := false
	for in.Offset() < len(s.Code) {
		start := in.Offset()
		tt, text := l.Next()
		if (tt == js.DivToken || tt == js.DivEqToken) && ref.regexpAllowed() {
			tt, text = l.RegExp()
		}
		switch tt {
		case js.ErrorToken:
			if in.Offset() <= start {
				in.Move(start + 1 - in.Offset())
			}
			in.Skip()
			ref.LexErrors++
			ref.add(Token{Span: Span{start, min(in.Offset(), len(s.Code))}, Kind: Invalid, NewlineBefore: newline})
		case js.WhitespaceToken, js.CommentToken:
			continue
		case js.LineTerminatorToken, js.CommentLineTerminatorToken:
			newline = true
			continue
		default:
			ref.add(Token{Span: Span{start, start + len(text)}, Kind: kindOf(tt), NewlineBefore: newline})
		}
		newline = false
	}
	tokens := s.Tokens
	if len(tokens) < len(ref.Tokens) && s.LexErrors < ref.LexErrors {
		// The error budget ran out: the rest of the script is one token.
		last := tokens[len(tokens)-1]
		if last.Kind != Invalid || last.End != s.End {
			t.Fatalf("%d tokens, lexer alone %d, and the last is %+v", len(tokens), len(ref.Tokens), last)
		}
		tokens = tokens[:len(tokens)-1]
	} else if s.LexErrors != ref.LexErrors || len(tokens) != len(ref.Tokens) {
		t.Fatalf("%d tokens and %d errors, lexer alone %d and %d", len(s.Tokens), s.LexErrors, len(ref.Tokens), ref.LexErrors)
	}
	for i, tok := range tokens {
		r := ref.Tokens[i]
		tok.Templated = false
		if tok != r {
			t.Fatalf("token %d: %+v %q, lexer alone %+v %q", i, tok, s.Text(tok), r, ref.Text(r))
		}
	}
}

func checkDocument(t *testing.T, src []byte, doc *Document) {
	t.Helper()
	checkMustache(t, src, doc.Mustache)
	// The HTML tokenizer reads the page with its server tags masked.
	tokSrc := maskMarkup(src, doc.ServerTags)
	if len(tokSrc) != len(src) {
		t.Fatalf("masked page has %d bytes, page %d", len(tokSrc), len(src))
	}
	elements := append(append(append([]*Element(nil), doc.OtherScripts...), doc.ExternalScripts...), doc.IDs...)
	for _, s := range doc.Scripts {
		if s.Element == nil {
			t.Fatal("inline script without element")
		}
		if s.Element.End != s.Start {
			t.Fatalf("script content at %d does not follow its start tag %v", s.Start, s.Element.Span)
		}
		if s.Element.Tag != "script" {
			t.Fatalf("script element is <%s>", s.Element.Tag)
		}
		elements = append(elements, s.Element)
		checkScript(t, src, s)
	}
	for _, el := range elements {
		checkElement(t, src, tokSrc, el)
	}
	checkAgainstTokenizer(t, src, tokSrc, elements)
	for i, c := range doc.Comments {
		if c.Start < 0 || c.End > len(src) || c.Start >= c.End || i > 0 && c.Start < doc.Comments[i-1].End {
			t.Fatalf("comment %d span %v out of bounds or order", i, c)
		}
		if src[c.Start] != '<' {
			t.Fatalf("comment %d at %v starts with %q", i, c, src[c.Start])
		}
	}
}

func checkElement(t *testing.T, src, tokSrc []byte, el *Element) {
	t.Helper()
	if el.Start < 0 || el.End > len(src) || el.End-el.Start < 2 || src[el.Start] != '<' || src[el.End-1] != '>' {
		t.Fatalf("element <%s> span %v is not a tag", el.Tag, el.Span)
	}
	prev := el.Start
	for _, a := range el.Attrs {
		if a.KeySpan.Start < prev || a.KeySpan.Start >= a.KeySpan.End || a.ValSpan.Start < a.KeySpan.End ||
			a.ValSpan.Start > a.ValSpan.End || a.ValSpan.End > el.End {
			t.Fatalf("attribute %q of <%s> %v: key %v value %v out of order or outside the element", a.Key, el.Tag, el.Span, a.KeySpan, a.ValSpan)
		}
		if !a.HasVal && (a.ValSpan.Len() != 0 || a.Val != "") {
			t.Fatalf("attribute %q has no value but value span %v", a.Key, a.ValSpan)
		}
		if a.Key != foldASCII(tokSrc[a.KeySpan.Start:a.KeySpan.End]) {
			t.Fatalf("attribute key %q, raw %q", a.Key, tokSrc[a.KeySpan.Start:a.KeySpan.End])
		}
		prev = max(a.KeySpan.End, a.ValSpan.End)
	}
}

// checkAgainstTokenizer tokenizes tokSrc (src with its server tags masked)
// again with golang.org/x/net/html and checks that every element jsscan
// reports is a start tag there, with the same name and the same attributes;
// values are compared where no server tag was masked.
func checkAgainstTokenizer(t *testing.T, src, tokSrc []byte, elements []*Element) {
	t.Helper()
	type attr struct{ key, val string }
	type tag struct {
		name  string
		attrs []attr
	}
	tags := map[int]tag{}
	z := html.NewTokenizer(bytes.NewReader(tokSrc))
	offset := 0
	for {
		tt := z.Next()
		start := offset
		offset += len(z.Raw())
		if tt == html.ErrorToken {
			if !errors.Is(z.Err(), io.EOF) {
				t.Fatalf("tokenizer: %v", z.Err())
			}
			break
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, more := z.TagName()
			tg := tag{name: string(name)}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				tg.attrs = append(tg.attrs, attr{string(k), string(v)})
			}
			tags[start] = tg
		}
	}
	if offset != len(src) {
		t.Fatalf("raw tokens cover %d bytes of %d", offset, len(src))
	}
	for _, el := range elements {
		tg, ok := tags[el.Start]
		if !ok {
			t.Fatalf("element <%s> at %d is no start tag for the tokenizer", el.Tag, el.Start)
		}
		// The tokenizer lower-cases ASCII letters only.
		if foldASCII([]byte(tg.name)) != el.Tag || len(tg.attrs) != len(el.Attrs) {
			t.Fatalf("element at %d: jsscan <%s> with %d attributes, tokenizer <%s> with %d", el.Start, el.Tag, len(el.Attrs), tg.name, len(tg.attrs))
		}
		for i, a := range el.Attrs {
			raw := src[a.ValSpan.Start:a.ValSpan.End]
			if foldASCII([]byte(tg.attrs[i].key)) != a.Key {
				t.Fatalf("element at %d attribute %d: jsscan %q, tokenizer %q", el.Start, i, a.Key, tg.attrs[i].key)
			}
			// Character references decode differently inside attributes
			// ("&amp=" stays); compare values without references only.
			masked := !bytes.Equal(raw, tokSrc[a.ValSpan.Start:a.ValSpan.End])
			if !masked && !bytes.ContainsRune(raw, '&') && tg.attrs[i].val != a.Val {
				t.Fatalf("element at %d attribute %q: jsscan value %q, tokenizer %q", el.Start, a.Key, a.Val, tg.attrs[i].val)
			}
		}
	}
}

func checkMustache(t *testing.T, src []byte, tags []MustacheTag) {
	t.Helper()
	prev := 0
	for i, tag := range tags {
		if tag.Start < prev || tag.End > len(src) || tag.End-tag.Start < 2 {
			t.Fatalf("mustache tag %d span %v out of bounds or order (previous ends at %d)", i, tag.Span, prev)
		}
		if !bytes.HasPrefix(src[tag.Start:], []byte("{{")) {
			t.Fatalf("mustache tag %d at %v starts with %q", i, tag.Span, src[tag.Start:tag.End])
		}
		if tag.Unclosed && tag.End != len(src) {
			t.Fatalf("unclosed mustache tag %d at %v does not run to the end", i, tag.Span)
		}
		if !tag.Unclosed && !bytes.HasSuffix(src[tag.Start:tag.End], []byte("}}")) {
			t.Fatalf("closed mustache tag %d at %v is %q", i, tag.Span, src[tag.Start:tag.End])
		}
		prev = tag.End
	}
}

func checkScript(t *testing.T, src []byte, s *Script) {
	t.Helper()
	if s.Start < 0 || s.End > len(src) || s.Start > s.End {
		t.Fatalf("script span %v outside [0,%d)", s.Span, len(src))
	}
	if len(s.Code) != s.Len() {
		t.Fatalf("script %v: code has %d bytes", s.Span, len(s.Code))
	}
	prev := s.Start
	for i, tok := range s.Tokens {
		if tok.Start < prev || tok.Start >= tok.End || tok.End > s.End {
			t.Fatalf("token %d %v (%s) overlaps the previous one (ends at %d) or leaves script %v", i, tok.Span, tok.Kind, prev, s.Span)
		}
		prev = tok.End
		if !tok.Templated && !bytes.Equal(src[tok.Start:tok.End], s.Bytes(tok)) {
			t.Fatalf("token %d %v: file has %q, token text %q", i, tok.Span, src[tok.Start:tok.End], s.Text(tok))
		}
		text := s.Text(tok)
		switch tok.Kind {
		case String:
			if len(text) < 2 || text[0] != text[len(text)-1] || text[0] != '"' && text[0] != '\'' {
				t.Fatalf("token %d: string %q", i, text)
			}
		case Template, TemplateHead:
			if text[0] != '`' {
				t.Fatalf("token %d: %s %q", i, tok.Kind, text)
			}
		case TemplateMiddle, TemplateTail:
			if text[0] != '}' {
				t.Fatalf("token %d: %s %q", i, tok.Kind, text)
			}
		case Regexp:
			if len(text) < 2 || text[0] != '/' {
				t.Fatalf("token %d: regexp %q", i, text)
			}
		}
	}
	prev = s.Start
	for i, c := range s.Comments {
		if c.Start < prev || c.Start >= c.End || c.End > s.End {
			t.Fatalf("comment %d %v out of order or outside script %v", i, c, s.Span)
		}
		prev = c.End
	}
	checkMatch(t, s)
}

func checkMatch(t *testing.T, s *Script) {
	t.Helper()
	closer := map[string]string{"(": ")", "[": "]", "{": "}"}
	var stack []int
	for i, tok := range s.Tokens {
		j := s.Match(i)
		if j < -1 || j >= len(s.Tokens) || j == i {
			t.Fatalf("token %d matches %d", i, j)
		}
		if tok.Kind != Punct {
			continue
		}
		text := s.Text(tok)
		if c, ok := closer[text]; ok && j >= 0 {
			if j < i || s.Match(j) != i || s.Text(s.Tokens[j]) != c {
				t.Fatalf("%q at token %d matches %d (%q), which matches %d", text, i, j, s.Text(s.Tokens[j]), s.Match(j))
			}
			stack = append(stack, i)
		}
		if text == ")" || text == "]" || text == "}" {
			if j >= 0 && (j > i || s.Match(j) != i) {
				t.Fatalf("%q at token %d matches %d, which matches %d", text, i, j, s.Match(j))
			}
			if j >= 0 {
				if len(stack) == 0 || stack[len(stack)-1] != j {
					t.Fatalf("pair %d-%d crosses another pair", j, i)
				}
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) != 0 {
		t.Fatalf("%d matched openers never closed", len(stack))
	}
}

func TestFuzzSnippets(t *testing.T) {
	for _, s := range fuzzSnippets {
		doc, err := ScanHTML([]byte(s))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		checkDocument(t, []byte(s), doc)
	}
}

// foldASCII lower-cases ASCII letters byte by byte; strings.ToLower would
// also turn invalid UTF-8 into U+FFFD, which the tokenizer does not.
func foldASCII(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return string(out)
}

// dialectSnippets are inputs at the edges of the dialect readers: JSX,
// TypeScript, and server tags in markup and in code.
var dialectSnippets = []string{
	reactComponent,
	"const f = () => <div a=\"b\" c='d' {...e} f={<g/>} h=<i/>>text {j} <k.l m:n=\"o\"/></div> / 2",
	"x = <a>{`${<b>{c}</b>}`}</a>; y = <>{/* c */}</>",
	"x = <a><b></a></b> <c",
	"x = <a b={",
	"x = <a b=\"",
	"x = <a>{{{{",
	"x = <a>}}}}</a>",
	"x = <a /* c",
	"x = <a // c",
	"x = <a></a b",
	"x = <p>a < b</p>",
	"const id = <T,>(x: T) => x; const g = <T extends U>(y: T) => y; let h: <T>(a: T) => T;",
	"@Injectable({providedIn: 'root'}) export class A { private readonly x!: Foo<Bar[]>; @Input() y = this.z! / 2; }",
	"var cfg = <%- JSON.stringify(c) %>; <% if (a) { %>b()<% } %> <%# c %> <%% d %%> <%= e",
	"var t = /*[[${token}]]*/ 'x', u = [[${u}]], v = [(${v})], w = [[${w}",
	"<% if (x) { %><script>res.session.token</script><% } %><div <%- a > b %> id=c>",
	"{% if a > b %}<script>{# c #}d{%e</script>{% endif %}{#f}",
	"<template><p v-on:click=\"a()\">{{ b }}</p></template><script setup lang=\"ts\">const c = <D>e!;</script><script lang=\"tsx\">f = <g/> / 2</script>",
	"<script type=\"text/babel\">ReactDOM.render(<A/>, b)</script>",
	"<!-- c -->\n<script>a()</script>",
	"<!-- c -->\na()",
	"\uFEFF<App/>",
	"<a<a<a<a<a",
	"<%",
	"[[${",
	"{#",
}

// FuzzScan reads any bytes as every kind of file.
func FuzzScan(f *testing.F) {
	for _, b := range fuzzFixtures(f) {
		f.Add(b, uint8(LangHTML))
	}
	for _, s := range fuzzSnippets {
		f.Add([]byte(s), uint8(LangHTML))
	}
	for _, s := range dialectSnippets {
		for _, l := range Langs() {
			f.Add([]byte(s), uint8(l))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, kind uint8) {
		lang := Lang(kind % uint8(len(Langs())))
		doc, err := Scan(src, lang)
		if err != nil {
			if !(errors.Is(err, ErrBinary) || errors.Is(err, ErrWideEncoding)) || !looksBinary(src) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if looksBinary(src) {
			t.Fatal("binary content accepted")
		}
		checkServerTags(t, src, doc.ServerTags)
		for _, s := range doc.Scripts {
			checkJSXSpans(t, s)
			checkServerTagsMasked(t, src, s)
		}
		if !doc.Lang.IsScript() {
			checkDocument(t, src, doc)
			return
		}
		if len(doc.Scripts) != 1 {
			t.Fatalf("script file read as %d scripts", len(doc.Scripts))
		}
		s := doc.Scripts[0]
		if s.Start != 0 || s.End != len(src) || s.Element != nil {
			t.Fatalf("script file read as script %v", s.Span)
		}
		checkScript(t, src, s)
		if len(doc.Mustache) != 0 || len(doc.ServerTags) != len(s.ServerTags) {
			t.Fatalf("script file with %d Mustache tags, %d server tags (script: %d)", len(doc.Mustache), len(doc.ServerTags), len(s.ServerTags))
		}
		// Without the bytes that JSX, decorators, server tags and the
		// non-null assertion start with, a script file is plain
		// JavaScript.
		if !bytes.ContainsAny(src, "<@[!") {
			plain := ScanScript(src, 0, nil, nil)
			if tokens(plain) != tokens(s) || plain.LexErrors != s.LexErrors || len(plain.Comments) != len(s.Comments) {
				t.Fatalf("as %s:\n%s\nas plain JavaScript:\n%s", lang, tokens(s), tokens(plain))
			}
		}
	})
}

// checkServerTagsMasked checks that a script's code is the file's bytes
// outside template tags, that the bytes of each server tag are masked, and
// that tokens overlapping a server tag are templated.
func checkServerTagsMasked(t *testing.T, src []byte, s *Script) {
	t.Helper()
	if len(s.Code) != s.Len() {
		t.Fatalf("script %v: code has %d bytes", s.Span, len(s.Code))
	}
	checkServerTags(t, src, s.ServerTags)
	masked := make([]bool, s.Len())
	for _, tag := range s.ServerTags {
		if tag.End <= s.Start || tag.Start >= s.End {
			t.Fatalf("server tag %v outside script %v", tag.Span, s.Span)
		}
		for i := max(tag.Start, s.Start); i < min(tag.End, s.End); i++ {
			masked[i-s.Start] = true
			if c := s.Code[i-s.Start]; c != '_' && c != ' ' && c != '\n' && c != '\r' {
				t.Fatalf("byte %d of server tag %v is %q in the code", i, tag.Span, c)
			}
		}
	}
	if s.Element == nil { // a script file has no Mustache tags
		for i, c := range s.Code {
			if !masked[i] && c != src[s.Start+i] {
				t.Fatalf("code byte %d is %q, file %q, outside any tag", s.Start+i, c, src[s.Start+i])
			}
		}
	}
	for _, tok := range s.Tokens {
		for i := tok.Start; i < tok.End; i++ {
			if masked[i-s.Start] && !tok.Templated {
				t.Fatalf("token %v %q overlaps a server tag and is not templated", tok.Span, s.Text(tok))
			}
		}
	}
}
