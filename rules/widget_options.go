package rules

import (
	"bytes"
	"github.com/tmpllint/tmpllint/jsmodel"
	"sort"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// optionSite is a place where a file sets a widget option by a name that
// only the widget uses (useInteractionCodeFlow, useClassicEngine): a key of
// an object literal, or an assignment to a property of that name.
type optionSite struct {
	script *script
	// key is the name's token (an identifier or a string).
	key int
	// value is the value's tokens; for a shorthand key, the key itself.
	value span
	// lit and prop are set for a key of an object literal.
	lit  jsmodel.Object
	prop jsmodel.Prop
	// stmt is, for an assignment, the statement's tokens (its target's
	// first token up to and including a ';').
	stmt   span
	assign bool
}

// optionSites finds where the file sets the option name, and whether other
// code reads it (options.name, x['name'], const { name } = options), which
// makes removing it unsafe.
func optionSites(f *lint.File, w *jsmodel.Widgets, name string) (sites []optionSite, read bool) {
	m := jsmodel.Of(f)
	for _, s := range f.Doc.Scripts {
		for i, t := range s.Tokens {
			if t.Templated || !(t.Kind == jsscan.Ident && s.Is(i, name) || t.Kind == jsscan.String && isStringValue(s, i, name)) {
				continue
			}
			// x.name = v and x['name'] = v: an assignment; otherwise a read.
			if t.Kind == jsscan.Ident && jsmodel.IsProperty(s, i) || t.Kind == jsscan.String && s.Is(i-1, "[") && s.Is(i+1, "]") {
				after := i + 1
				if t.Kind == jsscan.String {
					after = i + 2
				}
				accessor := i - 1
				if s.Is(accessor, "[") && s.Is(accessor-1, "?.") {
					accessor--
				}
				if !s.Is(after, "=") {
					read = true
					continue
				}
				end, _ := jsmodel.ExpressionEnd(s, after+1, jsmodel.MaxExpressionSteps)
				site := optionSite{script: s, key: i, value: span{From: after + 1, To: end}, assign: true}
				if head := chainStart(s, accessor); head >= 0 {
					stmtEnd := end
					if s.Is(stmtEnd, ";") {
						stmtEnd++
					}
					site.stmt = span{From: head, To: stmtEnd}
				}
				sites = append(sites, site)
				continue
			}
			// A key: of an object literal (set), or of a destructuring
			// pattern (read). Keys of TypeScript types are neither.
			open := m.Enclosing(s, i)
			if open < 0 || !s.Is(open, "{") || !(s.Is(i-1, "{") || s.Is(i-1, ",")) {
				continue
			}
			if !m.IsObjectLiteral(s, open) {
				if s.Is(s.Match(open)+1, "=") || m.IsParamPattern(s, open) {
					read = true
				}
				continue
			}
			lit := jsmodel.Object{S: s, Open: open}
			if prop, ok := w.PropAt(lit, i); ok && !prop.Method {
				sites = append(sites, optionSite{script: s, key: i, value: prop.Value, lit: lit, prop: prop})
			}
		}
	}
	return sites, read
}

// isStringValue reports whether token i is a string literal whose value is v.
func isStringValue(s *script, i int, v string) bool {
	got, ok := jsmodel.StringValue(s, i)
	return ok && got == v
}

// chainStart returns the first token of the member chain whose last access
// starts at token accessor (a '.', '?.' or '['): config in
// config.features.x, this in this.config.x. It returns -1 when the chain
// does not start with a name or holds a call or a bracket (removing it
// could drop an effect).
func chainStart(s *script, accessor int) int {
	r := jsmodel.ChainRoot(s, accessor-1)
	if r < 0 || s.Tokens[r].Templated {
		return -1
	}
	for k := r + 1; k < accessor; k++ {
		if !jsmodel.IsDot(s, k) && !jsmodel.IsAuthorIdent(s, k) {
			return -1
		}
	}
	return r
}

// effectFree reports whether a value has no effect of its own when
// evaluated: a literal, a name or a member chain, so dropping it drops
// nothing but the option.
func effectFree(s *script, sp span) bool {
	if sp.Empty() {
		return false
	}
	if jsmodel.Falsy(s, sp) || sp.To-sp.From == 2 && s.Is(sp.From, "!") && s.Tokens[sp.From+1].Kind == jsscan.Number {
		return true
	}
	if sp.To-sp.From == 1 {
		switch s.Tokens[sp.From].Kind {
		case jsscan.String, jsscan.Number, jsscan.Template:
			return true
		case jsscan.Keyword:
			return s.Is(sp.From, "true") || s.Is(sp.From, "false") || s.Is(sp.From, "null")
		}
	}
	if !jsmodel.IsAuthorIdent(s, sp.From) && !s.Is(sp.From, "this") {
		return false
	}
	k := sp.From + 1
	for k < sp.To {
		at, next := jsmodel.Member(s, k)
		if at < 0 {
			return false
		}
		k = next
	}
	return k == sp.To
}

// lineStartBefore returns the start of the line holding offset when only
// spaces and tabs stand between them, or -1. It reads back over the blanks
// only, so a one-line (minified) file is not read again for each finding.
func lineStartBefore(src []byte, offset int) int {
	i := offset
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	if i == 0 || src[i-1] == '\n' {
		return i
	}
	return -1
}

// lineEndAfter returns the offset after the line break that ends the line
// holding offset, when only spaces, tabs and a line comment of the script
// stand between them, or -1.
func lineEndAfter(f *lint.File, s *script, offset int) int {
	src := f.Content
	i := offset
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i+1 < len(src) && src[i] == '/' && src[i+1] == '/' {
		// A line comment runs to the line break; it must be one the
		// script read as a comment (not text inside a string).
		k := sort.Search(len(s.Comments), func(k int) bool { return s.Comments[k].Start >= i })
		if k == len(s.Comments) || s.Comments[k].Start != i {
			return -1
		}
		i = s.Comments[k].End
	}
	switch {
	case i == len(src):
		return i
	case src[i] == '\n':
		return i + 1
	case src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n':
		return i + 2
	}
	return -1
}

// removeLines returns the edit deleting the whole lines of [start, end),
// when nothing else stands on them (a trailing line comment goes too).
func removeLines(f *lint.File, s *script, start, end int) (lint.Edit, bool) {
	ls, next := lineStartBefore(f.Content, start), lineEndAfter(f, s, end)
	if ls < 0 || next < 0 || ls < s.Start || next > s.End {
		return lint.Edit{}, false
	}
	return lint.Edit{Start: ls, End: next}, true
}

// removePropEdit returns the edit removing an entry of an object literal,
// with its comma, and its line when it stands alone on it.
func removePropEdit(f *lint.File, lit jsmodel.Object, p jsmodel.Prop) (lint.Edit, bool) {
	s := lit.S
	start := s.Tokens[p.From].Start
	end := s.Tokens[p.To-1].End
	if p.Comma >= 0 {
		end = s.Tokens[p.Comma].End
	}
	if templateTagIn(f, s, start, end) {
		return lint.Edit{}, false
	}
	if e, ok := removeLines(f, s, start, end); ok && !templateTagIn(f, s, e.Start, e.End) {
		return e, true
	}
	switch {
	case p.Comma >= 0:
		for end < s.End && (f.Content[end] == ' ' || f.Content[end] == '\t') {
			end++
		}
		return lint.Edit{Start: start, End: end}, true
	case s.Is(p.From-1, ","):
		// The last entry: take the comma before it.
		return lint.Edit{Start: s.Tokens[p.From-1].Start, End: end}, true
	default:
		// The only entry: leave {}.
		open, close := s.Tokens[lit.Open].End, s.Tokens[lit.Close()].Start
		if templateTagIn(f, s, open, close) {
			return lint.Edit{}, false
		}
		return lint.Edit{Start: open, End: close}, true
	}
}

// insertOptionEdit returns the edit adding `name: value,` as the first entry
// of an object literal, in the literal's style: a line of its own, indented
// like the first entry, in a literal written over several lines; after the
// '{' in a one-line literal ({ a: 1 } gets a space, the minified {a:1}
// none); and { name: value } for an empty literal.
func insertOptionEdit(f *lint.File, lit jsmodel.Object, name, value string) (lint.Edit, bool) {
	s := lit.S
	open, close := lit.Open, lit.Close()
	if close < 0 {
		return lint.Edit{}, false
	}
	openEnd := s.Tokens[open].End
	if close == open+1 {
		if templateTagIn(f, s, openEnd, s.Tokens[close].Start) {
			return lint.Edit{}, false
		}
		return lint.Edit{Start: s.Tokens[open].Start, End: s.Tokens[close].End, New: "{ " + name + ": " + value + " }"}, true
	}
	first := s.Tokens[open+1]
	if first.Templated || templateTagIn(f, s, openEnd, first.Start) {
		return lint.Edit{}, false
	}
	if first.NewlineBefore {
		if ls := lineStartBefore(f.Content, first.Start); ls >= openEnd {
			indent := string(f.Content[ls:first.Start])
			return lint.Edit{Start: ls, End: ls, New: indent + name + ": " + value + "," + lineBreakBefore(f.Content, ls)}, true
		}
	}
	if openEnd < len(f.Content) && (f.Content[openEnd] == ' ' || f.Content[openEnd] == '\t' || f.Content[openEnd] == '\n' || f.Content[openEnd] == '\r') {
		return lint.Edit{Start: openEnd, End: openEnd, New: " " + name + ": " + value + ","}, true
	}
	return lint.Edit{Start: openEnd, End: openEnd, New: name + ":" + value + ","}, true
}

// templateTagIn reports whether the bytes [start, end) of a script hold a
// template tag (Mustache or a server tag): the scanner masks tags in
// Script.Code, so the code differs from the file there. A fix must not cut
// into or move a tag.
func templateTagIn(f *lint.File, s *script, start, end int) bool {
	start, end = max(start, s.Start), min(end, s.End)
	if start >= end {
		return false
	}
	return !bytes.Equal(s.Code[start-s.Start:end-s.Start], f.Content[start:end])
}
