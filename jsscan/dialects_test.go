package jsscan

import (
	"regexp"
	"strings"
	"testing"
)

var placeholders = regexp.MustCompile("__+")

// dialectCase is a file of some kind and what rules must find in it.
type dialectCase struct {
	name string
	lang Lang
	src  string
	// read is the kind the file must be read as (default: lang).
	read *Lang
	// scripts is the number of scripts expected.
	scripts int
	// seqs are token sequences, written as tokens() writes them, that must
	// each appear in one script.
	seqs []string
	// absent are token sequences that must appear in no script.
	absent []string
	// tags are the expected server tags' source texts, in order.
	tags []string
	// jsx is the number of outermost JSX elements expected in all scripts.
	jsx int
	// lexErrors is the number of lexer errors expected in all scripts.
	lexErrors int
}

func langPtr(l Lang) *Lang { return &l }

// checkDialect scans a case and checks it. Beyond what the case lists, no
// token that is not a string-like literal may hold the word "leak" in the
// file (the word marks text inside JSX text, attribute strings, comments,
// strings and template tags), and a templated token's code must not
// either.
func checkDialect(t *testing.T, tc dialectCase) *Document {
	t.Helper()
	doc, err := Scan([]byte(tc.src), tc.lang)
	if err != nil {
		t.Fatal(err)
	}
	want := tc.lang
	if tc.read != nil {
		want = *tc.read
	}
	if doc.Lang != want {
		t.Errorf("read as %s, want %s", doc.Lang, want)
	}
	if len(doc.Scripts) != tc.scripts {
		t.Fatalf("%d scripts, want %d", len(doc.Scripts), tc.scripts)
	}
	src := []byte(tc.src)
	if doc.Lang.IsScript() {
		s := doc.Scripts[0]
		if s.Start != 0 || s.End != len(src) || s.Element != nil {
			t.Errorf("script file read as script %v with element %v", s.Span, s.Element)
		}
	} else {
		checkDocument(t, src, doc)
	}
	checkServerTags(t, src, doc.ServerTags)
	var all []string
	errs, jsx := 0, 0
	for _, s := range doc.Scripts {
		checkScript(t, src, s)
		checkJSXSpans(t, s)
		errs += s.LexErrors
		jsx += len(s.JSX)
		// Placeholders are compared as "__", whatever their length.
		all = append(all, " "+placeholders.ReplaceAllString(tokens(s), "__")+" ")
		for _, tok := range s.Tokens {
			if tok.Templated {
				if strings.Contains(s.Text(tok), "leak") {
					t.Errorf("templated token %q keeps the tag's text", s.Text(tok))
				}
				continue
			}
			if !tok.Kind.IsLiteralText() && strings.Contains(tc.src[tok.Start:tok.End], "leak") {
				t.Errorf("%s token %q at %d comes from text that is no code", tok.Kind, tc.src[tok.Start:tok.End], tok.Start)
			}
		}
	}
	joined := strings.Join(all, "\n")
	for _, seq := range tc.seqs {
		if !strings.Contains(joined, " "+seq+" ") {
			t.Errorf("no script has the tokens\n  %s\nscripts:\n%s", seq, joined)
		}
	}
	for _, seq := range tc.absent {
		if strings.Contains(joined, " "+seq+" ") {
			t.Errorf("a script has the tokens %s", seq)
		}
	}
	var tags []string
	for _, tag := range doc.ServerTags {
		tags = append(tags, tc.src[tag.Start:tag.End])
	}
	if strings.Join(tags, "\n") != strings.Join(tc.tags, "\n") {
		t.Errorf("server tags:\n%s\nwant:\n%s", strings.Join(tags, "\n"), strings.Join(tc.tags, "\n"))
	}
	if jsx != tc.jsx {
		t.Errorf("%d JSX elements, want %d", jsx, tc.jsx)
	}
	if errs != tc.lexErrors {
		t.Errorf("%d lexer errors, want %d\nscripts:\n%s", errs, tc.lexErrors, joined)
	}
	return doc
}

// checkServerTags checks that server tags are in order, inside the file,
// and delimited as their kind says.
func checkServerTags(t *testing.T, src []byte, tags []ServerTag) {
	t.Helper()
	prev := 0
	for i, tag := range tags {
		if tag.Start < prev || tag.End > len(src) || tag.End-tag.Start < 2 {
			t.Fatalf("server tag %d span %v out of bounds or order (previous ends at %d)", i, tag.Span, prev)
		}
		text := string(src[tag.Start:tag.End])
		var open, close string
		switch tag.Kind {
		case ServerEJS:
			open, close = "<%", "%>"
		case ServerJinja:
			open, close = "{", "}"
		case ServerThymeleaf:
			open, close = "[", "]"
		}
		if !strings.HasPrefix(text, open) || !tag.Unclosed && (!strings.HasSuffix(text, close) || len(text) < 4) {
			t.Fatalf("%s tag %d is %q", tag.Kind, i, text)
		}
		if tag.Unclosed && (tag.Kind != ServerEJS || tag.End != len(src)) {
			t.Fatalf("unclosed %s tag %d at %v", tag.Kind, i, tag.Span)
		}
		prev = tag.End
	}
}

// checkJSXSpans checks that JSX spans are in order inside the script and
// start with '<'.
func checkJSXSpans(t *testing.T, s *Script) {
	t.Helper()
	prev := s.Start
	for i, j := range s.JSX {
		if j.Start < prev || j.End > s.End || j.Start >= j.End || s.Code[j.Start-s.Start] != '<' {
			t.Fatalf("JSX element %d at %v out of order or outside script %v", i, j, s.Span)
		}
		prev = j.End
	}
}

const reactComponent = `import React, { useEffect, useRef } from 'react';
import OktaSignIn from '@okta/okta-signin-widget';

export default function Login({ config, onSuccess, list, rest, ok }) {
  const widgetRef = useRef(null);
  useEffect(() => {
    const widget = new OktaSignIn({ baseUrl: config.issuer, clientId: config.clientId });
    widget.showSignInAndRedirect({ el: widgetRef.current }).then(res => {
      onSuccess(res.session.token);
    });
    return () => widget.remove();
  }, []);
  const items = list.map(x => <li key={x.id}>{x.name} // leakSlashes</li>);
  const half = items.length / 2;
  return (
    <div ref={widgetRef} className="x leakClass" data-a='leak "quote' {...rest}>
      Don't / sign in leakText // leakComment /* leakStar */
      {/* leakContainerComment */}
      {ok && <Spinner size={3} label='leakLabel' />}
      {ok ? <A/> : <B.C title="leakMember">leakB</B.C>}
      <>leakFragment <svg:rect xlink:href="#leak" /></>
    </div>
  ) / 1;
}
const el = <div/> / 2, re = /x/g;
`

func TestDialects(t *testing.T) {
	tests := []dialectCase{
		{
			name: "react component in .jsx", lang: LangJSX, src: reactComponent, scripts: 1, jsx: 3,
			seqs: []string{
				"keyword:new ident:OktaSignIn punct:( punct:{ ident:baseUrl",
				"ident:res punct:. ident:session punct:. ident:token",
				"ident:widget punct:. ident:showSignInAndRedirect punct:(",
				// Containers are lexed, markup is not.
				"ident:x punct:=> punct:{ ident:x punct:. ident:id punct:} punct:{ ident:x punct:. ident:name punct:} punct:) punct:;",
				"keyword:return punct:( punct:{ ident:widgetRef punct:} punct:{ punct:... ident:rest punct:} punct:{ punct:} punct:{ ident:ok punct:&& punct:{ number:3 punct:} punct:} punct:{ ident:ok punct:? punct:: punct:} punct:) punct:/ number:1",
				"ident:length punct:/ number:2",
				// After an element, '/' divides.
				"ident:el punct:= punct:/ number:2 punct:, ident:re punct:= regexp:/x/g",
			},
		},
		{
			name: "react component in .js", lang: LangJS, src: reactComponent, scripts: 1, jsx: 3,
			seqs: []string{"keyword:new ident:OktaSignIn punct:( punct:{", "ident:res punct:. ident:session punct:. ident:token"},
		},
		{
			name: "react component in .tsx", lang: LangTSX, scripts: 1, jsx: 2,
			src: `import React, { useEffect, useRef, useState } from 'react';
interface Props { issuer: string; onToken?: (t: string) => void }
const id = <T,>(x: T): T => x;
const id2 = <T extends object>(x: T) => x;
const ident: <T>(a: T) => T = (a) => a;
export const Login: React.FC<Props> = ({ issuer }: Props) => {
  const ref = useRef<HTMLDivElement>(null);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    const widget = new OktaSignIn({ issuer, el: ref.current! });
    widget.on('afterRender', (ctx: unknown) => console.log(ctx as string));
    widget.showSignInToGetTokens().then((res: any) => res.session.token);
    return () => widget.remove();
  }, [issuer]);
  if (!err) return <Empty leak="leak" />;
  return <div ref={ref} className="x" style={{color: 'red'}}>Don't / sign in leakText {err!}</div>;
};
`,
			seqs: []string{
				"keyword:new ident:OktaSignIn punct:( punct:{ ident:issuer punct:, ident:el punct:: ident:ref punct:. ident:current punct:! punct:}",
				"ident:res punct:. ident:session punct:. ident:token",
				"punct:= punct:< ident:T punct:, punct:> punct:(",
				"punct:= punct:< ident:T keyword:extends ident:object punct:>",
				"punct:: punct:< ident:T punct:> punct:( ident:a",
				"ident:useRef punct:< ident:HTMLDivElement punct:> punct:( keyword:null punct:)",
				"keyword:return punct:{ ident:ref punct:} punct:{ punct:{ ident:color punct:: string:'red' punct:} punct:} punct:{ ident:err punct:! punct:} punct:;",
			},
		},
		{
			name: "angular service in .ts", lang: LangTS, scripts: 1,
			src: `import { Injectable, Inject, Input } from '@angular/core';
import OktaSignIn from '@okta/okta-signin-widget';

declare const __CONFIG__: { issuer: string };
export enum Mode { Redirect = 'redirect', Popup = 1 << 1 }
export interface Cfg<T = unknown> { issuer?: string; extra: Array<Map<string, T[]>>; }
type Handler = <T>(x: T) => T;

@Injectable({ providedIn: 'root' })
export abstract class AuthService<T extends object = {}> implements OnInit {
  private readonly widget: Foo<Bar[]> | null = null;
  @Input() label!: string;
  #secret = 0;
  protected static defaults: Readonly<Partial<Cfg>> = {} as const;
  constructor(@Inject(OKTA_AUTH) private oktaAuth: OktaAuth, private http: HttpClient) {}
  abstract render(el: HTMLElement): void;
  async login(): Promise<void> {
    const w = new OktaSignIn({ baseUrl: this.cfg!.issuer, el: '#okta' }) satisfies OktaSignIn;
    const res = await (w as any).showSignInToGetTokens<string>();
    const half = this.count! / 2, re = !/leak/.test(x);
    const m = (res?.session?.token ?? '') as string;
    const h = <HTMLElement>document.querySelector('x');
    return res.session.token;
  }
  get value(): T[] { return []; }
}
`,
			seqs: []string{
				"punct:@ ident:Injectable punct:( punct:{ ident:providedIn punct:: string:'root' punct:} punct:)",
				"punct:@ ident:Input punct:( punct:) ident:label punct:! punct:: ident:string",
				"punct:( punct:@ ident:Inject punct:( ident:OKTA_AUTH punct:) ident:private ident:oktaAuth",
				"ident:private ident:readonly ident:widget punct:: ident:Foo punct:< ident:Bar punct:[ punct:] punct:> punct:| keyword:null",
				"keyword:new ident:OktaSignIn punct:( punct:{ ident:baseUrl",
				"punct:) ident:satisfies ident:OktaSignIn",
				"ident:count punct:! punct:/ number:2",
				"punct:= punct:! regexp:/leak/ punct:.",
				"ident:res punct:?. ident:session punct:?. ident:token",
				"ident:res punct:. ident:session punct:. ident:token",
				"punct:= punct:< ident:HTMLElement punct:> ident:document",
			},
		},
		{
			name: "vue component with script setup lang=ts", lang: LangVue, scripts: 2, jsx: 1,
			src: `<template>
  <div id="okta-signin-container" v-on:click="leakVon.session.token = 1" :title="leakBind">{{ leakMustache.session }}</div>
  <p v-if="a < b">{{ a < b }}</p>
</template>

<script setup lang="ts">
import { onMounted, ref } from 'vue';
import OktaSignIn from '@okta/okta-signin-widget';
const props = defineProps<{ issuer: string }>();
const el = ref<HTMLElement | null>(null);
onMounted(() => {
  const widget = new OktaSignIn({ baseUrl: props.issuer, el: '#okta-signin-container' });
  widget.showSignInToGetTokens().then((res) => res.session.token);
  const h = <HTMLElement>el.value!;
});
</script>
<script lang="tsx">
export default { render() { return <div class="a">leakTsx</div>; } }
</script>
<style scoped>.a { color: red }</style>
`,
			seqs: []string{
				"keyword:new ident:OktaSignIn punct:( punct:{ ident:baseUrl",
				"ident:res punct:. ident:session punct:. ident:token",
				"punct:= punct:< ident:HTMLElement punct:> ident:el",
				"keyword:return punct:; punct:} punct:}",
			},
		},
		{
			name: "ejs page", lang: LangEJS, scripts: 1,
			src: `<!DOCTYPE html>
<html>
<head><%- include('head', { title: leakInclude }) %></head>
<body class="<%= leakClass %>" <%- leak > 1 ? 'a' : 'b' %> id="okta">
<%# a comment with <script>leakCommentScript()</script> %>
<% if (useWidget) { %>
<script nonce="<%= nonce %>">
  var cfg = <%- JSON.stringify(leakConfig) %>;
  <%_ if (leakDebug) { _%>
  console.log(cfg);
  <%_ } -%>
  var w = new OktaSignIn(cfg);
  w.showSignInAndRedirect().then(function (res) { res.session.setCookieAndRedirect('<%= leakRedirect %>'); });
</script>
<% } %>
{% if leakJinja %}{# leakJinjaComment #}{% endif %}
<p>50<%% literal</p>
</body>
</html>
`,
			tags: []string{
				"<%- include('head', { title: leakInclude }) %>", "<%= leakClass %>", "<%- leak > 1 ? 'a' : 'b' %>",
				"<%# a comment with <script>leakCommentScript()</script> %>", "<% if (useWidget) { %>", "<%= nonce %>",
				"<%- JSON.stringify(leakConfig) %>", "<%_ if (leakDebug) { _%>", "<%_ } -%>", "<%= leakRedirect %>", "<% } %>",
				"{% if leakJinja %}", "{# leakJinjaComment #}", "{% endif %}",
			},
			seqs: []string{
				"keyword:var ident:cfg punct:= ident:__ punct:; ident:console",
				"keyword:new ident:OktaSignIn punct:( ident:cfg punct:)",
				"ident:res punct:. ident:session punct:. ident:setCookieAndRedirect punct:( string:'__' punct:)",
			},
		},
		{
			name: "thymeleaf page", lang: LangHTML, scripts: 1,
			src: `<html xmlns:th="http://www.thymeleaf.org">
<body>
<div id="okta" th:text="${msg}">[[${leakText}]]</div>
<script th:inline="javascript">
  var t = /*[[${leakToken}]]*/ 'x';
  var u = [[${leakUser.name}]];
  var raw = [(${leakRaw})];
  var arr = a[[0]], b = [[~{}]];
  var m = [[#{leak.title}]] + [[@{/leak}]] + [[*{leak}]];
  new OktaSignIn({ baseUrl: /*[[${leakBaseUrl}]]*/ 'https://example.okta.com' });
</script>
</body>
</html>
`,
			tags: []string{"[[${leakText}]]", "[[${leakToken}]]", "[[${leakUser.name}]]", "[(${leakRaw})]",
				"[[#{leak.title}]]", "[[@{/leak}]]", "[[*{leak}]]", "[[${leakBaseUrl}]]"},
			seqs: []string{
				"keyword:var ident:t punct:= string:'x' punct:;",
				"keyword:var ident:u punct:= ident:__ punct:;",
				"ident:a punct:[ punct:[ number:0 punct:] punct:] punct:, ident:b punct:= punct:[ punct:[ punct:~ punct:{ punct:} punct:] punct:]",
				"keyword:new ident:OktaSignIn punct:( punct:{ ident:baseUrl punct:: string:'https://example.okta.com' punct:} punct:)",
			},
		},
		{
			name: "minified bundle", lang: LangJS, scripts: 1,
			src: `!function(e){var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}n.d=function(e,t,r){n.o(e,t)||Object.defineProperty(e,t,{enumerable:!0,get:r})}}([function(e,t){var a=1<2?/x/g:3/4,b=a<e.length,c=(a)<b;for(var i=0;i<10;i++)b=i<a&&e[i]<t;var s=new OktaSignIn({el:"#w"});s.showSignInAndRedirect().then(function(r){r.session.setCookieAndRedirect(location.href)});var c=_.template("<%= leak %>"),d=/<%([\s\S]+?)%>/g,f={{}}}]);`,
			seqs: []string{
				"punct:! keyword:function punct:( ident:e punct:)",
				"number:1 punct:< number:2 punct:? regexp:/x/g punct:: number:3 punct:/ number:4",
				"ident:b punct:= ident:a punct:< ident:e",
				"punct:) punct:< ident:b punct:;",
				"ident:e punct:[ ident:i punct:] punct:< ident:t punct:;",
				"keyword:new ident:OktaSignIn punct:( punct:{ ident:el punct:: string:\"#w\" punct:} punct:)",
				"ident:r punct:. ident:session punct:. ident:setCookieAndRedirect",
				"string:\"<%= leak %>\"",
				"ident:f punct:= punct:{ punct:{ punct:} punct:}",
			},
		},
		{
			name: "ejs tags in a .js file", lang: LangJS, scripts: 1,
			src: "var cfg = <%- JSON.stringify(leak) %>;\n<% if (leakDebug) { %>\nconsole.log(cfg);\n<% } %>\n" +
				"var t = [[${leakToken}]], s = '<%= inString %>', r = /<%= leak %>/;\n" +
				"<%# leak\ncomment %>var w = new OktaSignIn(cfg);\nif (a <%= leak %> b) {}\n`<%= x %>${<%= leak %>}`",
			tags: []string{"<%- JSON.stringify(leak) %>", "<% if (leakDebug) { %>", "<% } %>", "[[${leakToken}]]",
				"<%# leak\ncomment %>", "<%= leak %>", "<%= leak %>"},
			seqs: []string{
				"keyword:var ident:cfg punct:= ident:__ punct:; ident:console",
				"ident:t punct:= ident:__ punct:, ident:s punct:= string:'<%= inString %>'",
				"ident:r punct:= regexp:/<%= leak %>/ punct:; keyword:var ident:w",
				"ident:a ident:__ ident:b",
				"template-head:`<%= x %>${ ident:__ template-tail:}`",
			},
		},
		{
			name: "unclosed ejs tag in a .js file", lang: LangJS, scripts: 1,
			src:  "a();\n<% leak(); res.session.token",
			tags: []string{"<% leak(); res.session.token"},
			seqs: []string{"ident:a punct:( punct:) punct:;"},
		},
		{
			name: "html fragment saved as .js", lang: LangJS, read: langPtr(LangHTML), scripts: 1,
			src:  "<script>\n  res.session.token;\n</script>\n",
			seqs: []string{"ident:res punct:. ident:session punct:. ident:token"},
		},
		{
			name: "html fragment with a comment saved as .js", lang: LangJS, read: langPtr(LangHTML), scripts: 1,
			src:  "\uFEFF<!-- Okta widget -->\n<!-- leak() -->\n<div id=okta></div>\n<script>res.session.token</script>",
			seqs: []string{"ident:res punct:. ident:session punct:. ident:token"},
		},
		{
			name: "a .js file that is only an html comment", lang: LangJS, read: langPtr(LangHTML), scripts: 0,
			src: "<!--\nleak()\n-->\n",
		},
		{
			name: "a .js file with an html-like comment first", lang: LangJS, scripts: 1,
			src:  "<!-- old browsers -->\nres.session.token;\n",
			seqs: []string{"ident:res punct:. ident:session punct:. ident:token"},
		},
		{
			name: "html fragment saved as .ts", lang: LangTS, read: langPtr(LangHTML), scripts: 1,
			src:  "<div id=okta></div><script>res.session.token</script>",
			seqs: []string{"ident:res punct:. ident:session punct:. ident:token"},
		},
		{
			name: "a .jsx file starting with an element", lang: LangJSX, scripts: 1, jsx: 1,
			src:  "<App leak='leak'>{res.session.token}</App>;\nx / 2",
			seqs: []string{"punct:{ ident:res punct:. ident:session punct:. ident:token punct:} punct:; ident:x punct:/ number:2"},
		},
		{
			name: "a .tsx file starting with an element", lang: LangTSX, scripts: 1, jsx: 1,
			src:  "<script>leak()</script>;\nres.session.token",
			seqs: []string{"punct:; ident:res punct:. ident:session punct:. ident:token"},
		},
		{
			name: "ejs conditional around a script", lang: LangEJS, scripts: 1,
			src:  "<% if (x) { %><script>res.session.token</script><% } %><% leak('</script>') %>",
			tags: []string{"<% if (x) { %>", "<% } %>", "<% leak('</script>') %>"},
			seqs: []string{"ident:res punct:. ident:session punct:. ident:token"},
		},
		{
			name: "jinja conditional around a script", lang: LangHTML, scripts: 1,
			src:  "{% if a > b %}<script>res.session.token {# leak() #}</script>{% endif %}<div {% if leak %}id=\"x\"{% endif %}></div>",
			tags: []string{"{% if a > b %}", "{# leak() #}", "{% endif %}", "{% if leak %}", "{% endif %}"},
			seqs: []string{"ident:res punct:. ident:session punct:. ident:token"},
		},
		{
			name: "jinja inside handlebars and mustache", lang: LangHTML, scripts: 1,
			src:  "{{#each items}}<script>var a = {{{config}}}; class A {#p = 1}</script>{{/each}}{# {{leak}} #}",
			tags: []string{"{# {{leak}} #}"},
			seqs: []string{"keyword:var ident:a punct:= ident:__ punct:; keyword:class ident:A punct:{ private-name:#p"},
		},
		{
			name: "babel script in a page", lang: LangHTML, scripts: 2, jsx: 1,
			src: "<script type=\"text/babel\">ReactDOM.render(<Login leak=\"leak\">leak</Login>, root); res.session.token</script>" +
				"<script type=\"text/template\"><div>leak</div></script><script>a = b\n<c</script>",
			seqs: []string{"ident:render punct:( punct:, ident:root punct:) punct:; ident:res", "ident:b punct:< ident:c"},
		},
		{
			name: "curly braces in a .js file are blocks", lang: LangJS, scripts: 1,
			src:  "function f() {{ res.session.token }}",
			seqs: []string{"punct:{ punct:{ ident:res punct:. ident:session punct:. ident:token punct:} punct:}"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkDialect(t, tc) })
	}
}
