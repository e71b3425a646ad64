package rules

import (
	"bytes"
	"github.com/tmpllint/tmpllint/jsmodel"
	"sort"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// Selectors a page aims at the widget's markup, for the rules about DOM the
// widget no longer renders (OIE010 for the Classic widget, OIE012 for the
// second generation under Gen3). Two places hold them: the selectors of
// <style> blocks, and string literals passed to the DOM and jQuery
// functions that take a selector, an id or class names.

// selectorUse is one selector as the file writes it.
type selectorUse struct {
	// text is the selector as written: the complex selector of a style
	// rule (white space runs collapsed), or the string's value in code.
	text string
	// parts are its #id and .class simple selectors.
	parts []simpleSelector
	// kind is how a string in a script is read: 's' as a selector, '#' as
	// an element id, '.' as class names; 0 for a style rule.
	kind byte
}

// simpleSelector is an #id or a .class with the byte range it covers.
type simpleSelector struct {
	kind       byte // '#' or '.'
	name       string
	start, end int
}

func (p simpleSelector) String() string { return string(p.kind) + p.name }

var selectorUsesKey = lint.NewKey[[]selectorUse]("selector uses")

// selectorUses returns the selectors of the file's <style> blocks and of
// its scripts' selector strings, in file order per source, built once.
func selectorUses(f *lint.File) []selectorUse {
	return lint.Cached(f, selectorUsesKey, func(f *lint.File) []selectorUse {
		out := styleSelectors(f)
		for _, s := range f.Doc.Scripts {
			out = append(out, codeSelectors(s)...)
		}
		return out
	})
}

// selectorFuncs are the functions whose first argument is a selector (the
// DOM's querySelector family and jQuery's $ and find), an element id
// (getElementById) or class names (getElementsByClassName).
var selectorFuncs = map[string]byte{
	"querySelector": 's', "querySelectorAll": 's', "closest": 's', "matches": 's',
	"$": 's', "jQuery": 's', "find": 's',
	"getElementById":         '#',
	"getElementsByClassName": '.',
}

// codeSelectors reads the string literals passed as the first argument to
// a selector function: document.querySelector('#id'), $('.cls'),
// getElementById('id'). A string built by concatenation or a template
// literal with substitutions is not read.
func codeSelectors(s *script) []selectorUse {
	var out []selectorUse
	for i := range s.Tokens {
		t := s.Tokens[i]
		if t.Templated || t.Kind != jsscan.String && t.Kind != jsscan.Template {
			continue
		}
		if !s.Is(i-1, "(") || !(s.Is(i+1, ")") || s.Is(i+1, ",")) || i < 2 {
			continue
		}
		name := s.Tokens[i-2]
		if name.Kind != jsscan.Ident || name.Templated {
			continue
		}
		kind, ok := selectorFuncs[s.Text(name)]
		if !ok {
			continue
		}
		text := s.Bytes(t)
		if len(text) < 2 {
			continue
		}
		body := text[1 : len(text)-1]
		value, exact := string(body), true
		if bytes.IndexByte(body, '\\') >= 0 {
			// Offsets inside an escaped string do not map to the value:
			// the parts then cover the whole literal.
			if t.Kind != jsscan.String {
				continue
			}
			v, ok := jsmodel.StringValue(s, i)
			if !ok {
				continue
			}
			value, exact = v, false
		}
		base := t.Start + 1
		var parts []simpleSelector
		switch kind {
		case 's':
			parts = simpleSelectors([]byte(value), base)
		case '#':
			if isCSSName(value) {
				parts = []simpleSelector{{'#', value, base, base + len(value)}}
			}
		case '.':
			for _, field := range fieldsWithOffsets(value) {
				if isCSSName(field.text) {
					parts = append(parts, simpleSelector{'.', field.text, base + field.at, base + field.at + len(field.text)})
				}
			}
		}
		if !exact {
			for k := range parts {
				parts[k].start, parts[k].end = t.Start, t.End
			}
		}
		if len(parts) > 0 {
			out = append(out, selectorUse{text: value, parts: parts, kind: kind})
		}
	}
	return out
}

type field struct {
	text string
	at   int
}

// fieldsWithOffsets splits s at white space, keeping each field's offset.
func fieldsWithOffsets(s string) []field {
	var out []field
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' {
			if start >= 0 {
				out = append(out, field{s[start:i], start})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

// styleSelectors returns the selectors of the style rules in the file's
// <style> elements. A <style> inside a Mustache comment never reaches the
// browser and is skipped; HTML comments hold no elements.
func styleSelectors(f *lint.File) []selectorUse {
	var out []selectorUse
	src := f.Doc.Src
	dropped := mustacheComments(f)
	for _, el := range f.Doc.Elements {
		if el.Tag != "style" || dropped.contains(el.Start) {
			continue
		}
		// A <style> element's text runs to the first </style, as in the
		// HTML tokenizer (it is raw text: no comments, no markup).
		end := indexFold(src[el.End:], "</style")
		if end < 0 {
			end = len(src) - el.End
		}
		css := maskTemplateTags(f, el.End, el.End+end)
		for _, prelude := range cssRulePreludes(css) {
			for _, sel := range splitSelectorList(css, prelude) {
				parts := simpleSelectors(css[sel.Start:sel.End], el.End+sel.Start)
				if len(parts) > 0 {
					text := strings.Join(strings.Fields(string(src[el.End+sel.Start:el.End+sel.End])), " ")
					out = append(out, selectorUse{text: text, parts: parts})
				}
			}
		}
	}
	return out
}

// indexFold returns the index of the first ASCII case-insensitive match of
// lower (a lower-case string starting with '<') in b, or -1.
func indexFold(b []byte, lower string) int {
	for i := 0; i+len(lower) <= len(b); i++ {
		k := bytes.IndexByte(b[i:], lower[0])
		if k < 0 {
			return -1
		}
		i += k
		if i+len(lower) <= len(b) && strings.EqualFold(string(b[i:i+len(lower)]), lower) {
			return i
		}
	}
	return -1
}

// maskTemplateTags returns a copy of src[start:end] with the Mustache and
// server tags in it blanked to spaces (line breaks kept): a
// {{#useSiwGen3}} in a style block is no CSS, and its braces are no
// blocks.
func maskTemplateTags(f *lint.File, start, end int) []byte {
	out := append([]byte(nil), f.Doc.Src[start:end]...)
	blank := func(sp jsscan.Span) {
		for i := max(sp.Start, start); i < min(sp.End, end); i++ {
			if out[i-start] != '\n' && out[i-start] != '\r' {
				out[i-start] = ' '
			}
		}
	}
	for _, t := range mustacheIn(f, jsscan.Span{Start: start, End: end}) {
		blank(t.Span)
	}
	tags := f.Doc.ServerTags
	for i := sort.Search(len(tags), func(i int) bool { return tags[i].End > start }); i < len(tags) && tags[i].Start < end; i++ {
		blank(tags[i].Span)
	}
	return out
}

// cssGroupingRules are the at-rules whose blocks hold style rules; the
// blocks of other at-rules (@font-face, @keyframes, @page) hold none.
var cssGroupingRules = map[string]bool{
	"media": true, "supports": true, "layer": true, "container": true,
	"document": true, "-moz-document": true, "scope": true, "starting-style": true,
}

// cssRulePreludes returns the selector lists (preludes) of the style rules
// of a style sheet, as spans of css, at the top level and in grouping
// at-rules. Comments are skipped; declaration blocks and other at-rules'
// blocks are skipped whole (rules nested in a declaration block are not
// read).
func cssRulePreludes(css []byte) []jsscan.Span {
	var out []jsscan.Span
	start := -1 // start of the current prelude
	for i := 0; i < len(css); i++ {
		c := css[i]
		switch {
		case c == '/' && i+1 < len(css) && css[i+1] == '*':
			i = cssCommentEnd(css, i) - 1
		case c == '"' || c == '\'':
			if start < 0 {
				start = i
			}
			i = cssStringEnd(css, i) - 1
		case c == '{':
			if start >= 0 {
				prelude := bytes.TrimSpace(css[start:i])
				if len(prelude) > 0 && prelude[0] == '@' {
					if cssGroupingRules[strings.ToLower(cssAtName(prelude))] {
						start = -1
						continue // read the rules inside
					}
				} else {
					out = append(out, jsscan.Span{Start: start, End: i})
				}
			}
			i = cssBlockEnd(css, i) - 1
			start = -1
		case c == ';' || c == '}':
			start = -1
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
		default:
			if start < 0 {
				start = i
			}
		}
	}
	return out
}

// cssAtName returns the name of an at-rule prelude ("@media screen" → "media").
func cssAtName(prelude []byte) string {
	end := 1
	for end < len(prelude) && (isCSSNameByte(prelude[end]) || prelude[end] == '-') {
		end++
	}
	return string(prelude[1:end])
}

// cssCommentEnd returns the index after the comment starting at i.
func cssCommentEnd(css []byte, i int) int {
	if j := bytes.Index(css[i+2:], []byte("*/")); j >= 0 {
		return i + 2 + j + 2
	}
	return len(css)
}

// cssStringEnd returns the index after the string starting at i; a string
// ends at its quote or at a line break.
func cssStringEnd(css []byte, i int) int {
	q := css[i]
	for j := i + 1; j < len(css); j++ {
		switch css[j] {
		case '\\':
			j++
		case q:
			return j + 1
		case '\n':
			return j
		}
	}
	return len(css)
}

// cssBlockEnd returns the index after the block whose '{' is at i, skipping
// comments and strings, or len(css) when it is not closed.
func cssBlockEnd(css []byte, i int) int {
	depth := 0
	for j := i; j < len(css); j++ {
		switch css[j] {
		case '/':
			if j+1 < len(css) && css[j+1] == '*' {
				j = cssCommentEnd(css, j) - 1
			}
		case '"', '\'':
			j = cssStringEnd(css, j) - 1
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(css)
}

// splitSelectorList splits a prelude into its complex selectors at the
// commas outside brackets, parentheses, strings and comments, trimmed.
func splitSelectorList(css []byte, prelude jsscan.Span) []jsscan.Span {
	var out []jsscan.Span
	add := func(from, to int) {
		for from < to && isCSSSpace(css[from]) {
			from++
		}
		for to > from && isCSSSpace(css[to-1]) {
			to--
		}
		if from < to {
			out = append(out, jsscan.Span{Start: from, End: to})
		}
	}
	depth, from := 0, prelude.Start
	for i := prelude.Start; i < prelude.End; i++ {
		switch css[i] {
		case '/':
			if i+1 < prelude.End && css[i+1] == '*' {
				i = min(cssCommentEnd(css, i), prelude.End) - 1
			}
		case '"', '\'':
			i = min(cssStringEnd(css, i), prelude.End) - 1
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ',':
			if depth == 0 {
				add(from, i)
				from = i + 1
			}
		}
	}
	add(from, prelude.End)
	return out
}

// simpleSelectors returns the #id and .class parts of a selector, with
// offsets from base. Attribute selectors, strings and comments are
// skipped; a name written with a CSS escape is not read (it could be
// anything).
func simpleSelectors(sel []byte, base int) []simpleSelector {
	var out []simpleSelector
	for i := 0; i < len(sel); i++ {
		c := sel[i]
		switch {
		case c == '/' && i+1 < len(sel) && sel[i+1] == '*':
			i = cssCommentEnd(sel, i) - 1
		case c == '"' || c == '\'':
			i = cssStringEnd(sel, i) - 1
		case c == '[':
			for i < len(sel) && sel[i] != ']' {
				if sel[i] == '"' || sel[i] == '\'' {
					i = cssStringEnd(sel, i)
					continue
				}
				i++
			}
		case c == '#' || c == '.':
			j := i + 1
			for j < len(sel) && (isCSSNameByte(sel[j]) || sel[j] == '-') {
				j++
			}
			if j < len(sel) && sel[j] == '\\' {
				i = j
				continue
			}
			if name := string(sel[i+1 : j]); isCSSName(name) {
				out = append(out, simpleSelector{c, name, base + i, base + j})
			}
			i = j - 1
		}
	}
	return out
}

// isCSSName reports whether s is a CSS identifier written without escapes
// (a class name or an id as selectors write them).
func isCSSName(s string) bool {
	if s == "" || s == "-" || s[0] >= '0' && s[0] <= '9' || len(s) > 1 && s[0] == '-' && s[1] >= '0' && s[1] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isCSSNameByte(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

// isCSSNameByte reports whether c may be part of a CSS name (besides '-'):
// an ASCII letter or digit, '_', or a byte of a non-ASCII character.
func isCSSNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

func isCSSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
