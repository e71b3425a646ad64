package jsscan

import (
	"strings"
	"testing"
)

// tokens renders a script's tokens as "kind:text" for compact comparison.
func tokens(s *Script) string {
	var b strings.Builder
	for i, t := range s.Tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Kind.String() + ":" + s.Text(t))
	}
	return b.String()
}

func TestScanScriptTokens(t *testing.T) {
	tests := []struct {
		name, code, want string
	}{
		{"member call", "res.session.setCookieAndRedirect(url);",
			"ident:res punct:. ident:session punct:. ident:setCookieAndRedirect punct:( ident:url punct:) punct:;"},
		{"comments dropped", "a // sessionToken\n/* setCookieAndRedirect */ b",
			"ident:a ident:b"},
		{"regexp after =", "var r = /sessionToken/g; x = a / b / c",
			"keyword:var ident:r punct:= regexp:/sessionToken/g punct:; ident:x punct:= ident:a punct:/ ident:b punct:/ ident:c"},
		{"regexp after return", "return /a\\/b/.test(s)",
			"keyword:return regexp:/a\\/b/ punct:. ident:test punct:( ident:s punct:)"},
		{"template", "`a ${x.sessionToken} b ${`c`}`",
			"template-head:`a ${ ident:x punct:. ident:sessionToken template-middle:} b ${ template:`c` template-tail:}`"},
		{"keyword as property", "x.new.default; var of = 1",
			"ident:x punct:. ident:new punct:. ident:default punct:; keyword:var ident:of punct:= number:1"},
		{"optional chain", "res?.session?.token",
			"ident:res punct:?. ident:session punct:?. ident:token"},
		{"unterminated string", "var a = 'oops\nres.session.token",
			"keyword:var ident:a punct:= invalid:'oops ident:res punct:. ident:session punct:. ident:token"},
		{"unterminated comment", "a /* never closed", "ident:a invalid:/* never closed"},
		{"bad character", "a # b", "ident:a invalid:#  ident:b"},
		{"html comment markers", "<!--\nfoo()\n-->", "ident:foo punct:( punct:)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ScanScript([]byte(tt.code), 0, nil, nil)
			if got := tokens(s); got != tt.want {
				t.Errorf("tokens of %q:\n got %s\nwant %s", tt.code, got, tt.want)
			}
		})
	}
}

func TestScanScriptOffsetsAreFileOffsets(t *testing.T) {
	src := "<p>é</p><script>\r\n\tres.session.token;\r\n</script>"
	doc, err := ScanHTML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Scripts) != 1 {
		t.Fatalf("got %d scripts, want 1", len(doc.Scripts))
	}
	s := doc.Scripts[0]
	if got := src[s.Start:s.End]; got != "\r\n\tres.session.token;\r\n" {
		t.Errorf("script content %q", got)
	}
	for _, tok := range s.Tokens {
		if got, want := src[tok.Start:tok.End], s.Text(tok); got != want {
			t.Errorf("token at %d: file has %q, token text %q", tok.Start, got, want)
		}
	}
}

func TestMustacheMasking(t *testing.T) {
	src := "<script>var config = {{{config}}}; var u = '{{baseUrl}}/x';\n{{#useSiwGen3}}config.a = 1;{{/useSiwGen3}} {{! note }}b()</script>"
	doc, err := ScanHTML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Scripts[0]
	want := "keyword:var ident:config punct:= ident:____________ punct:; keyword:var ident:u punct:= string:'___________/x' punct:; ident:config punct:. ident:a punct:= number:1 punct:; ident:b punct:( punct:)"
	if got := tokens(s); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var templated []string
	for _, tok := range s.Tokens {
		if tok.Templated {
			templated = append(templated, src[tok.Start:tok.End])
		}
	}
	if got := strings.Join(templated, " "); got != "{{{config}}} '{{baseUrl}}/x'" {
		t.Errorf("templated tokens: %s", got)
	}
	if len(s.Code) != s.Len() {
		t.Errorf("masked code has %d bytes, script %d", len(s.Code), s.Len())
	}
}

func TestScanMustache(t *testing.T) {
	src := "{{a}} {{{ B }}} {{#s}}{{/s}} {{^i}} {{! c }} {{> p}} {{& r}} {{ #sp }} {{=<% %>=}} {{open"
	var got []string
	for _, tag := range ScanMustache([]byte(src)) {
		got = append(got, tag.Kind.String()+":"+tag.Name+":"+src[tag.Start:tag.End])
	}
	want := []string{"variable:a:{{a}}", "raw:B:{{{ B }}}", "section:s:{{#s}}", "close:s:{{/s}}", "inverted:i:{{^i}}",
		"comment:c:{{! c }}", "partial:p:{{> p}}", "raw:r:{{& r}}", "section:sp:{{ #sp }}", "delimiter:<% %>:{{=<% %>=}}", "variable::{{open"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestScanHTMLElements(t *testing.T) {
	src := `<!-- <script>res.session.token</script> -->
<script type="text/template">sessionToken</script>
<script type='application/json'>{"sessionToken": 1}</script>
<script src="https://cdn.example/okta-sign-in.min.js" nonce="{{nonceValue}}"></script>
<div id=okta-login-container data-x="a&amp;b"></div>
<script type="text/javascript; charset=utf-8">a()</script>
<SCRIPT TYPE="MODULE">b()</SCRIPT>
<script></script>`
	doc, err := ScanHTML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Comments) != 1 || len(doc.OtherScripts) != 2 || len(doc.ExternalScripts) != 1 || len(doc.Scripts) != 2 {
		t.Fatalf("comments %d, other %d, external %d, scripts %d", len(doc.Comments), len(doc.OtherScripts), len(doc.ExternalScripts), len(doc.Scripts))
	}
	ext := doc.ExternalScripts[0]
	nonce, _ := ext.Attr("nonce")
	if got := src[nonce.ValSpan.Start:nonce.ValSpan.End]; got != "{{nonceValue}}" {
		t.Errorf("nonce value span holds %q", got)
	}
	div := doc.IDs[0]
	id, _ := div.Attr("id")
	x, _ := div.Attr("data-x")
	if div.Tag != "div" || id.Val != "okta-login-container" || x.Val != "a&b" || src[x.ValSpan.Start:x.ValSpan.End] != "a&amp;b" {
		t.Errorf("div: %+v", div)
	}
}

func TestScanHTMLRejectsBinary(t *testing.T) {
	if _, err := ScanHTML([]byte("\x7fELF\x00\x00")); err != ErrBinary {
		t.Errorf("got %v, want ErrBinary", err)
	}
}

func TestMatchBrackets(t *testing.T) {
	s := ScanScript([]byte("f(a, [b, {c: `${d}`}]) )"), 0, nil, nil)
	pairs := map[string]string{}
	for i := range s.Tokens {
		if j := s.Match(i); j > i {
			pairs[s.Text(s.Tokens[i])] = s.Text(s.Tokens[j])
		}
	}
	if len(pairs) != 4 || pairs["("] != ")" || pairs["["] != "]" || pairs["{"] != "}" || pairs["`${"] != "}`" {
		t.Errorf("pairs %v", pairs)
	}
	if last := len(s.Tokens) - 1; s.Match(last) != -1 {
		t.Errorf("stray ) matched %d", s.Match(last))
	}
	// A template literal is one group from head to tail; its middles
	// point at the head, so commas inside do not split call arguments.
	s = ScanScript([]byte("f(`a${b, c}d${e}f`, g)"), 0, nil, nil)
	head, mid, tail := 2, 6, 8
	if s.Match(head) != tail || s.Match(tail) != head || s.Match(mid) != head || s.Match(0+1) != len(s.Tokens)-1 {
		t.Errorf("template links: head->%d tail->%d middle->%d", s.Match(head), s.Match(tail), s.Match(mid))
	}

}

// Only ASCII letters are folded in tag and attribute names, as the HTML
// tokenizer folds them.
func TestTagNamesFoldASCIIOnly(t *testing.T) {
	doc, err := ScanHTML([]byte("<SCRİPT>res.session.token</SCRİPT><Script TYPE=module>a()</Script>"))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Scripts) != 1 || doc.Scripts[0].Element.Attrs[0].Key != "type" {
		t.Errorf("%d scripts; want only the ASCII <Script>", len(doc.Scripts))
	}
}

func TestElements(t *testing.T) {
	src := "<!-- <a onclick=x> -->\n<div id=a><A HREF='javascript:x()'>é</a><style nonce=\"{{nonceValue}}\">p{}</style><br/>"
	doc, err := ScanHTML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, el := range doc.Elements {
		tags = append(tags, el.Tag+"="+src[el.Start:el.End])
	}
	want := []string{"div=<div id=a>", "a=<A HREF='javascript:x()'>", `style=<style nonce="{{nonceValue}}">`, "br=<br/>"}
	if strings.Join(tags, "|") != strings.Join(want, "|") {
		t.Errorf("elements %q, want %q", tags, want)
	}
}

func TestNotUTF8Text(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE, '<', 0, 'p', 0, '>', 0}
	utf16be := []byte{0xFE, 0xFF, 0, '<', 0, 'p', 0, '>'}
	utf32be := []byte{0, 0, 0xFE, 0xFF, 0, 0, 0, '<'}
	utf32le := []byte{0xFF, 0xFE, 0, 0, '<', 0, 0, 0}
	noBOM := []byte{'<', 0, 's', 0, 'c', 0, 'r', 0}
	binary := []byte{0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0}
	for _, tt := range []struct {
		src  []byte
		want error
	}{
		{utf16le, ErrWideEncoding}, {utf16be, ErrWideEncoding}, {utf32be, ErrWideEncoding}, {utf32le, ErrWideEncoding},
		{noBOM, ErrWideEncoding}, {binary, ErrBinary}, {[]byte("\xEF\xBB\xBF<p>ok</p>"), nil},
	} {
		for _, lang := range []Lang{LangHTML, LangJS} {
			if _, err := Scan(tt.src, lang); err != tt.want {
				t.Errorf("%s % x: error %v, want %v", lang, tt.src, err, tt.want)
			}
		}
	}
}
