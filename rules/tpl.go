package rules

import (
	"bytes"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// Helpers shared by the rules about Okta-hosted page templates (TPL001,
// TPL002, CSP001, CSP002): which kind of Okta page a file is, where its
// comments are, and how a fix inserts a line.

// markupOnly is the Langs value of the template rules: Okta-hosted pages are
// HTML with Mustache tags. An .ejs view (and a Vue component) is rendered by
// an app's own server, which has no {{{OktaUtil}}} and sets its own policy.
var markupOnly = []jsscan.Lang{jsscan.LangHTML}

// oktaPageKind says which of Okta's customizable pages a template is.
type oktaPageKind uint8

const (
	notOktaPage oktaPageKind = iota
	signInPage               // the custom sign-in page (hostedPage)
	errorPage                // the custom error page
)

func (k oktaPageKind) String() string {
	switch k {
	case signInPage:
		return "sign-in page"
	case errorPage:
		return "error page"
	}
	return "page"
}

var oktaPageKey = lint.NewKey[oktaPageKind]("okta page kind")

// oktaPage returns the kind of Okta-hosted page the file is: what the export
// it comes from says, else a sign-in page
// when hostedPage recognises it ({{{OktaUtil}}}, {{{SignInWidgetResources}}}
// or code using OktaUtil.), else an error page when it uses {{errorSummary}}
// or {{{errorDescription}}}, the two variables every error page shows.
func oktaPage(f *lint.File) oktaPageKind {
	return lint.Cached(f, oktaPageKey, func(f *lint.File) oktaPageKind {
		switch f.Page {
		case lint.PageSignIn:
			return signInPage
		case lint.PageError:
			return errorPage
		}
		if hostedPage(f) {
			return signInPage
		}
		for _, t := range f.Doc.Mustache {
			if t.Kind != jsscan.MustacheComment && (t.Name == "errorSummary" || t.Name == "errorDescription") {
				return errorPage
			}
		}
		return notOktaPage
	})
}

// isHandlebarsFile reports whether the file's name says Handlebars
// (.hbs, .handlebars): a view rendered by an app, with helpers and data of
// its own, unless it carries Okta's macros.
func isHandlebarsFile(f *lint.File) bool {
	ext := strings.ToLower(filepath.Ext(f.Name))
	return ext == ".hbs" || ext == ".handlebars"
}

// hasMacroTag reports whether the file holds a Mustache tag naming one of
// Okta's sign-in macros, with any number of braces.
func hasMacroTag(f *lint.File) bool {
	for _, t := range f.Doc.Mustache {
		if t.Kind != jsscan.MustacheComment && (t.Name == "OktaUtil" || t.Name == "SignInWidgetResources") {
			return true
		}
	}
	return false
}

// spanSet is a sorted list of non-overlapping spans.
type spanSet []jsscan.Span

// contains reports whether offset lies inside one of the spans.
func (s spanSet) contains(offset int) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i].End > offset })
	return i < len(s) && s[i].Start <= offset
}

var commentSpansKey = lint.NewKey[spanSet]("comment spans")

// commentSpans returns the HTML comments and the JavaScript comments of the
// file's scripts, in order. A Mustache tag in them renders text nobody
// reads; a tag there is still parsed by the server, though.
func commentSpans(f *lint.File) spanSet {
	return lint.Cached(f, commentSpansKey, func(f *lint.File) spanSet {
		all := append(spanSet(nil), f.Doc.Comments...)
		for _, s := range f.Doc.Scripts {
			all = append(all, s.Comments...)
		}
		sort.Slice(all, func(i, j int) bool { return all[i].Start < all[j].Start })
		return all
	})
}

var mustacheCommentsKey = lint.NewKey[spanSet]("mustache comments")

// mustacheComments returns the spans of the Mustache comments ({{! ... }}):
// the server drops them, so markup inside one never reaches a browser.
func mustacheComments(f *lint.File) spanSet {
	return lint.Cached(f, mustacheCommentsKey, func(f *lint.File) spanSet {
		var out spanSet
		for _, t := range f.Doc.Mustache {
			if t.Kind == jsscan.MustacheComment {
				out = append(out, t.Span)
			}
		}
		return out
	})
}

// mustacheIn returns the Mustache tags that start inside sp.
func mustacheIn(f *lint.File, sp jsscan.Span) []jsscan.MustacheTag {
	tags := f.Doc.Mustache
	i := sort.Search(len(tags), func(i int) bool { return tags[i].Start >= sp.Start })
	j := i
	for j < len(tags) && tags[j].Start < sp.End {
		j++
	}
	return tags[i:j]
}

// mustacheUnreliable reports whether the file's Mustache tags cannot be
// trusted to be where they seem: a tag that is never closed, or one whose
// name holds another tag's braces ({{{x}} ... }}} read as one tag). TPL002
// reports those; the other template rules then keep their fixes out.
func mustacheUnreliable(f *lint.File) bool {
	for _, t := range f.Doc.Mustache {
		if t.Unclosed || t.Kind != jsscan.MustacheComment && (strings.Contains(t.Name, "{{") || strings.Contains(t.Name, "}}")) {
			return true
		}
	}
	return false
}

// lineBreakBefore returns the line break that ends the line before offset,
// or the file's first line break when offset is on the first line, or "\n".
// A CR LF file gets CR LF.
func lineBreakBefore(src []byte, offset int) string {
	lineStart := bytes.LastIndexByte(src[:offset], '\n') + 1
	if lineStart > 0 {
		if lineStart >= 2 && src[lineStart-2] == '\r' {
			return "\r\n"
		}
		return "\n"
	}
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// insertLineBefore returns the edit that puts text on a line of its own
// before the tag starting at offset: at the start of the tag's line with the
// line's indentation when only white space precedes the tag there, or
// right before the tag otherwise (a minified page stays on one line).
func insertLineBefore(src []byte, offset int, text string) lint.Edit {
	lineStart := bytes.LastIndexByte(src[:offset], '\n') + 1
	indent := src[lineStart:offset]
	if len(bytes.Trim(indent, " \t")) != 0 {
		return lint.Edit{Start: offset, End: offset, New: text}
	}
	return lint.Edit{Start: lineStart, End: lineStart, New: string(indent) + text + lineBreakBefore(src, offset)}
}
