package rules

import (
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// cspPage is what the Content Security Policy rules (CSP001, CSP002) read
// from an Okta-hosted page, built once per file.
type cspPage struct {
	// elements are the page's start tags, without those inside Mustache
	// comments (the server drops them).
	elements []*jsscan.Element
	// usesNonce is set when the page carries a nonce somewhere outside
	// comments: a {{nonceValue}} tag or a nonce attribute on a script or
	// style. Such a page has
	// opted into Okta's nonces, so a script or style without one is a
	// mistake rather than a page written before nonces existed.
	usesNonce bool
	// inline maps an inline JavaScript <script> element to its content.
	inline map[*jsscan.Element]*jsscan.Script
}

var cspPageKey = lint.NewKey[*cspPage]("csp page")

// cspPageOf returns the CSP view of an Okta page (sign-in or error page),
// or nil for any other file, and for a page whose Mustache tags do not
// parse (TPL002 reports them): where its attribute values start and end
// after rendering is anybody's guess.
func cspPageOf(f *lint.File) *cspPage {
	return lint.Cached(f, cspPageKey, func(f *lint.File) *cspPage {
		if oktaPage(f) == notOktaPage || mustacheUnreliable(f) {
			return nil
		}
		p := &cspPage{inline: map[*jsscan.Element]*jsscan.Script{}}
		dropped := mustacheComments(f)
		for _, el := range f.Doc.Elements {
			if dropped.contains(el.Start) {
				continue
			}
			p.elements = append(p.elements, el)
			if _, ok := el.Attr("nonce"); ok && (el.Tag == "script" || el.Tag == "style") {
				p.usesNonce = true
			}
		}
		comments := commentSpans(f)
		for _, t := range f.Doc.Mustache {
			if t.Name == "nonceValue" && t.Kind.Outputs() && !comments.contains(t.Start) {
				p.usesNonce = true
			}
		}
		for _, s := range f.Doc.Scripts {
			if s.Element != nil {
				p.inline[s.Element] = s
			}
		}
		return p
	})
}

// tagNameSpan returns the span of an element's tag name.
func tagNameSpan(el *jsscan.Element) (int, int) {
	return el.Start + 1, el.Start + 1 + len(el.Tag)
}

// isNonceValue reports whether an attribute's raw value is exactly one
// Mustache tag that outputs {{nonceValue}}.
func isNonceValue(f *lint.File, a jsscan.Attr) bool {
	tags := mustacheIn(f, a.ValSpan)
	return len(tags) == 1 && tags[0].Span == a.ValSpan && tags[0].Kind.Outputs() && tags[0].Kind != jsscan.MustachePartial && tags[0].Name == "nonceValue"
}

// nonceNearMiss reports whether an attribute's value is one Mustache tag
// whose name is nonceValue in another case ({{noncevalue}}): TPL002 reports
// and fixes the name.
func nonceNearMiss(f *lint.File, a jsscan.Attr) bool {
	tags := mustacheIn(f, a.ValSpan)
	return len(tags) == 1 && tags[0].Span == a.ValSpan && tags[0].Name != "nonceValue" && strings.EqualFold(tags[0].Name, "nonceValue")
}
