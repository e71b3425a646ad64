package rules

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

// selectorParts lints nothing: it lists the #id and .class parts the
// selector reader finds in a file, as "part@source-text in 'selector'".
func selectorParts(t *testing.T, name, content string) []string {
	t.Helper()
	f, err := lint.Parse(lint.NewSource(name, []byte(content)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, use := range selectorUses(f) {
		for _, p := range use.parts {
			out = append(out, fmt.Sprintf("%s@%s in '%s'", p, content[p.start:p.end], use.text))
		}
	}
	return out
}

func TestSelectorUses(t *testing.T) {
	for _, tc := range []struct {
		name, file, content string
		want                []string
	}{
		{"style rule", "a.html", `<style>#a .b, c.d > e { x: y }</style>`,
			[]string{"#a@#a in '#a .b'", ".b@.b in '#a .b'", ".d@.d in 'c.d > e'"}},
		{"declarations are no selectors", "a.html", `<style>a { background: url(#x); color: #fff; } .k { content: ".m" }</style>`,
			[]string{".k@.k in '.k'"}},
		{"comments, strings and attribute selectors", "a.html", `<style>/* #c { */ a[href="#d"], a[title='.e'] .f { } </style>`,
			[]string{".f@.f in 'a[title='.e'] .f'"}},
		{"media holds rules, keyframes and font-face do not", "a.html",
			"<style>@media (max-width: 1px) { .g { } } @keyframes k { from { } .h { } } @font-face { src: url(.i) } .j{}</style>",
			[]string{".g@.g in '.g'", ".j@.j in '.j'"}},
		{"mustache tags are blanked", "a.html", "<style>{{#useSiwGen3}} .k { } {{/useSiwGen3}}</style>",
			[]string{".k@.k in '.k'"}},
		{"upper-case end tag, CRLF, multi-line selector", "a.html", "<STYLE>\r\n#l,\r\n  p\r\n  .m { }\r\n</Style>.n { }",
			[]string{"#l@#l in '#l'", ".m@.m in 'p .m'"}},
		{"non-ASCII before the name", "a.html", "<style>.é, .ü-x { }</style>",
			[]string{".é@.é in '.é'", ".ü-x@.ü-x in '.ü-x'"}},
		{"escapes and digits are not read", "a.html", `<style>.a\:b, .1x, #-2 { }</style>`, nil},
		{"mustache comment drops the style", "a.html", "{{! <style>.o { }</style> }}", nil},
		{"unclosed style runs to the end", "a.html", "<style>.q { }", []string{".q@.q in '.q'"}},
		{"code selectors", "a.js",
			"document.querySelector('#r .s'); $(\"#t\"); el.closest(`.u`); document.getElementById('v'); document.getElementsByClassName(' w  x');",
			[]string{"#r@#r in '#r .s'", ".s@.s in '#r .s'", "#t@#t in '#t'", ".u@.u in '.u'", "#v@v in 'v'", ".w@w in ' w  x'", ".x@x in ' w  x'"}},
		{"not a selector argument", "a.js",
			"log('#a'); $('#b' + id); document.querySelector(`#${id}`); x.find(a, '#c'); document.querySelector(sel, '#d');", nil},
		{"escaped string covers the literal", "a.js", `$('\x23y');`, []string{`#y@'\x23y' in '#y'`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := selectorParts(t, tc.file, tc.content); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %s\nwant %s", strings.Join(got, " | "), strings.Join(tc.want, " | "))
			}
		})
	}
}
