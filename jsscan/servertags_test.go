package jsscan

import (
	"strings"
	"testing"
)

func TestServerTagsInMarkup(t *testing.T) {
	src := `<body class="<%= cls %>" <%- a > b ? 'x' : 'y' %> id="okta">
<script nonce="<%= nonce %>">var cfg = <%- JSON.stringify(c) %>, u = '<%= base %>/x';
<%# res.session.token %>w.render(cfg);</script>
<p>50<%% done %%> <% oops`
	doc, err := Scan([]byte(src), LangEJS)
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, []byte(src), doc)
	var tags []string
	for _, tag := range doc.ServerTags {
		tags = append(tags, src[tag.Start:tag.End])
		if tag.Kind != ServerEJS {
			t.Errorf("tag %q is %s", src[tag.Start:tag.End], tag.Kind)
		}
		if want := strings.HasPrefix(src[tag.Start:], "<%=") || strings.HasPrefix(src[tag.Start:], "<%-"); tag.Output != want {
			t.Errorf("tag %q: output %v", src[tag.Start:tag.End], tag.Output)
		}
		if want := tag.End == len(src); tag.Unclosed != want {
			t.Errorf("tag %q: unclosed %v", src[tag.Start:tag.End], tag.Unclosed)
		}
	}
	want := []string{"<%= cls %>", "<%- a > b ? 'x' : 'y' %>", "<%= nonce %>", "<%- JSON.stringify(c) %>", "<%= base %>",
		"<%# res.session.token %>", "<% oops"}
	if strings.Join(tags, "|") != strings.Join(want, "|") {
		t.Errorf("tags %q\nwant %q", tags, want)
	}
	// The start tag ends at its own '>', not at the one in "%>".
	if len(doc.IDs) != 1 || doc.IDs[0].Tag != "body" {
		t.Fatalf("elements with an id: %v", doc.IDs)
	}
	body := doc.IDs[0]
	if id, _ := body.Attr("id"); id.Val != "okta" {
		t.Errorf("body id %q", id.Val)
	}
	if cls, _ := body.Attr("class"); cls.Val != "<%= cls %>" || src[cls.ValSpan.Start:cls.ValSpan.End] != "<%= cls %>" {
		t.Errorf("body class %q at %v", cls.Val, cls.ValSpan)
	}
	s := doc.Scripts[0]
	if nonce, _ := s.Element.Attr("nonce"); nonce.Val != "<%= nonce %>" {
		t.Errorf("nonce %q", nonce.Val)
	}
	var templated []string
	for _, tok := range s.Tokens {
		if tok.Templated {
			templated = append(templated, src[tok.Start:tok.End])
		}
	}
	if got := strings.Join(templated, " "); got != "<%- JSON.stringify(c) %> '<%= base %>/x'" {
		t.Errorf("templated tokens: %s", got)
	}
	if len(s.ServerTags) != 3 {
		t.Errorf("%d server tags in the script, want 3", len(s.ServerTags))
	}
	if !strings.Contains(tokens(s), "ident:w punct:. ident:render") || strings.Contains(tokens(s), "session") {
		t.Errorf("tokens: %s", tokens(s))
	}
}

func TestScanServerTags(t *testing.T) {
	tests := []struct {
		lang Lang
		src  string
		want []string
	}{
		{LangEJS, "<%= a %><%- b %><%# c %><%_ d _%><% e -%><%%= f %><%== g %><%@ page %><%-- h --%><%=%>",
			[]string{"<%= a %>", "<%- b %>", "<%# c %>", "<%_ d _%>", "<% e -%>", "<%== g %>", "<%@ page %>", "<%-- h --%>", "<%=%>"}},
		{LangHTML, "<%= a %>{% if b %}{%- c -%}{# d #}{#e}{#- f -#}{% open", []string{"{% if b %}", "{%- c -%}", "{# d #}", "{#- f -#}"}},
		{LangVue, "<%= a %>{% b %}[[${c}]][(${d})][[#{e}]][[@{f}]][[*{g}]][[~{h}]][[$ {i}]][[${j}", []string{"[[${c}]]", "[(${d})]", "[[#{e}]]", "[[@{f}]]", "[[*{g}]]"}},
		{LangHTML, "{{#a}}{#b}{{/a}}{{! {% c %} }}{% d %}", []string{"{% d %}"}},
		{LangHTML, "[[${a[b[0]]}]] [[${x} + ${y}]]", []string{"[[${a[b[0]]}]]", "[[${x} + ${y}]]"}},
	}
	for _, tt := range tests {
		var got []string
		src := []byte(tt.src)
		tags := scanServerTags(src, serverTagSyntax(tt.lang), ScanMustache(src))
		for _, tag := range tags {
			got = append(got, tt.src[tag.Start:tag.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.lang, tt.src, got, tt.want)
		}
		checkServerTags(t, src, tags)
	}
}

// A statement or comment tag masks an output tag inside it with spaces.
func TestMaskCommentOverOutput(t *testing.T) {
	src := "<script>a({# {{b}} #});</script>"
	doc, err := Scan([]byte(src), LangHTML)
	if err != nil {
		t.Fatal(err)
	}
	if got := tokens(doc.Scripts[0]); got != "ident:a punct:( punct:) punct:;" {
		t.Errorf("tokens %s", got)
	}
}

// ScanScript reads plain JavaScript, as before options existed.
func TestScanScriptIsPlainJavaScript(t *testing.T) {
	code := "x = <div/>; @d class A {}; y = <%= z %>; a[[${b}]]"
	want := "ident:x punct:= punct:< ident:div punct:/ punct:> punct:; invalid:@ ident:d keyword:class ident:A punct:{ punct:} punct:; " +
		"ident:y punct:= punct:< punct:%= ident:z punct:% punct:> punct:; ident:a punct:[ punct:[ ident:$ punct:{ ident:b punct:} punct:] punct:]"
	s := ScanScript([]byte(code), 0, nil, nil)
	if got := tokens(s); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if len(s.JSX) != 0 || len(s.ServerTags) != 0 {
		t.Errorf("JSX %v, server tags %v", s.JSX, s.ServerTags)
	}
}

func TestScriptOptionsFor(t *testing.T) {
	tests := map[Lang]ScriptOptions{
		LangHTML: {},
		LangJS:   {JSX: true, Decorators: true, FindServerTags: true},
		LangJSX:  {JSX: true, Decorators: true, FindServerTags: true},
		LangTS:   {TypeScript: true, Decorators: true, FindServerTags: true},
		LangTSX:  {JSX: true, TypeScript: true, Decorators: true, FindServerTags: true},
	}
	for lang, want := range tests {
		got := ScriptOptionsFor(lang)
		if got.JSX != want.JSX || got.TypeScript != want.TypeScript || got.Decorators != want.Decorators || got.FindServerTags != want.FindServerTags {
			t.Errorf("%s: %+v, want %+v", lang, got, want)
		}
	}
}

// Vue script blocks are read by their lang attribute.
func TestVueScriptLang(t *testing.T) {
	src := `<template><p v-on:click="a()">{{ b }}</p></template>
<script>export default { x: <A/> }</script>
<script lang="ts">const a = <A>b; @C() class D {}</script>
<script lang="tsx">const a = <A>b</A> / 2</script>
<script lang="jsx">const a = <A>b</A> / 2</script>
<script type="text/x-template"><p>x</p></script>`
	doc, err := Scan([]byte(src), LangVue)
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, []byte(src), doc)
	want := []string{
		"keyword:export keyword:default punct:{ ident:x punct:: punct:< ident:A punct:/ punct:> punct:}",
		"keyword:const ident:a punct:= punct:< ident:A punct:> ident:b punct:; punct:@ ident:C punct:( punct:) keyword:class ident:D punct:{ punct:}",
		"keyword:const ident:a punct:= punct:/ number:2",
		"keyword:const ident:a punct:= punct:/ number:2",
	}
	if len(doc.Scripts) != len(want) || len(doc.OtherScripts) != 1 {
		t.Fatalf("%d scripts and %d others", len(doc.Scripts), len(doc.OtherScripts))
	}
	for i, s := range doc.Scripts {
		if got := tokens(s); got != want[i] {
			t.Errorf("script %d:\n got %s\nwant %s", i, got, want[i])
		}
	}
}
