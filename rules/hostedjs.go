package rules

import (
	"github.com/tmpllint/tmpllint/jsmodel"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// This file holds the readers of hosted-page code that the hosted-page
// rules (OIE007 to OIE009) share on top of the file's model (package
// jsmodel): object literal members, the {{#useSiwGen3}} sections.

// jsObjectItem is one top-level member of an object literal: its key token
// (-1 for a spread or a computed key) and the span of its value.
type jsObjectItem struct {
	key   int
	value span
	// spread is set for `...expr`.
	spread bool
}

// jsObjectItems splits the object literal opening at brace into its
// top-level members (see jsmodel.ReadProps). ok is false for a literal it cannot
// read. A member whose key is not a plain name (computed keys, methods,
// accessors, keys made by Mustache tags) gets key -1 and its whole text as
// value: the literal is then not simple.
func jsObjectItems(s *script, brace int) (items []jsObjectItem, ok bool) {
	if s.Match(brace) < brace {
		return nil, false
	}
	for _, p := range jsmodel.ReadProps(jsmodel.Object{S: s, Open: brace}) {
		it := jsObjectItem{key: p.Key, value: p.Value, spread: p.Spread}
		if !p.Spread && (p.Key < 0 || p.Method || p.Key != p.From || s.Tokens[p.Key].Templated) {
			it.key, it.value = -1, span{From: p.From, To: p.To}
		}
		items = append(items, it)
	}
	return items, true
}

// gen3Sections returns the byte ranges of the file's {{#useSiwGen3}} ...
// {{/useSiwGen3}} sections, outermost only; an unclosed section runs to the
// end of the file.
func gen3Sections(f *lint.File) []jsscan.Span {
	return mustacheSections(f, "useSiwGen3", jsscan.MustacheSection)
}

// mustacheSections returns the byte ranges of the file's sections named
// name that open with a tag of kind open ({{#name}} or {{^name}}), outermost
// only; an unclosed section runs to the end of the file.
func mustacheSections(f *lint.File, name string, open jsscan.MustacheKind) []jsscan.Span {
	var out []jsscan.Span
	depth, start := 0, 0
	for _, t := range f.Doc.Mustache {
		if t.Name != name {
			continue
		}
		switch t.Kind {
		case open:
			if depth == 0 {
				start = t.Start
			}
			depth++
		case jsscan.MustacheClose:
			if depth > 0 {
				depth--
				if depth == 0 {
					out = append(out, jsscan.Span{Start: start, End: t.End})
				}
			}
		}
	}
	if depth > 0 {
		out = append(out, jsscan.Span{Start: start, End: len(f.Content)})
	}
	return out
}

// fileHasName reports whether any script of the file has an identifier spelled
// name; rules use it to skip the analysis on files it cannot concern.
func fileHasName(f *lint.File, name string) bool {
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if jsmodel.IsName(s, i, name) {
				return true
			}
		}
	}
	return false
}
