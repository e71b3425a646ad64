package rules

import (
	"fmt"
	"github.com/tmpllint/tmpllint/jsmodel"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// Gen3DOMCustomization is OIE012.
var Gen3DOMCustomization = &lint.Rule{
	ID:       "OIE012",
	Name:     "gen3-dom-customization",
	Severity: lint.Warning,
	Check:    checkGen3DOMCustomization,
	Triggers: []string{"useSiwGen3", "afterTransform"}, // where the page runs Gen3
	Doc: lint.Doc{
		Summary: "Where the page runs the third-generation widget, afterRender DOM edits are reverted and Gen2 classes match nothing.",
		Why: `The third generation (Gen3) of the Sign-In Widget is built on Preact and renders other markup than the
second (Gen2). Okta's Gen3 migration guide (developer.okta.com/docs/guides/custom-widget-migration-gen3,
"About afterTransform and afterRender"): "In Gen3, if you use afterRender for DOM manipulations, the
Okta Sign-In Widget reverts any customizations to default settings. ... The afterTransform function
is the recommended way to apply DOM customizations in Gen3", or a MutationObserver, as the guide's
example does. The same guide ("CSS and design tokens"): Gen3 "doesn't use fixed CSS class names",
so "you can't reliably style widget elements with className-based overrides"; the Gen3 styling guide
(developer.okta.com/docs/guides/custom-widget-gen3) points to design tokens.

The Gen2 classes this rule knows (auth-container, main-container, okta-sign-in-header, auth-header,
auth-content, auth-content-inner, auth-org-logo, auth-footer, okta-form-title, okta-form-subtitle,
button-primary, siw-main-view, siw-main-header, siw-main-body, siw-main-footer, beacon-container and
every o-form-... class) are classes in Gen2's markup (src/v2, src/v1/views/shared and the courage
forms at okta-signin-widget tag okta-signin-widget-7.48.2) and no class in Gen3's (src/v3/src at that
tag), where a few survive only as data-se attributes (data-se="auth-container main-container",
data-se="o-form-head"). Gen3 still renders the id okta-sign-in and the class o-form (its <form>):
those are not reported.

Gen3 is switched on in the brand's settings, not by the template. A page runs Gen3 where it says so:
in {{#useSiwGen3}} ... {{/useSiwGen3}} sections, which the server renders only for Gen3, and
everywhere on a page that calls oktaSignIn.afterTransform(...) without a guard (the method exists
only in Gen3, so such a page cannot run on Gen2).`,
		Detect: `On an Okta-hosted page, unless the widget version is known to be before 7.8 (then Gen3 cannot run;
OIE009 reports its code):

- afterRender handlers (x.on('afterRender', fn), fn inline or a function the page declares) that edit
  the DOM: assignments to textContent, innerHTML, innerText, outerHTML, placeholder, className and
  style.*, and calls of appendChild, insertBefore, insertAdjacentHTML/Element/Text, removeChild,
  replaceChild, replaceWith, setAttribute, removeAttribute, prepend, classList.add/remove/toggle/replace,
  remove() on anything but an Okta value (oktaSignIn.remove() is the widget's own method, which takes
  the widget off the page; see package jsmodel), and jQuery's addClass, removeClass, toggleClass, html(x), text(x), val(x), attr(name, value)
  and css(name, value) or css({...}). A handler that starts a MutationObserver (calls .observe(...)),
  as in Okta's guide, is not reported; handlers that only log or read are not either.
- Gen2 class selectors (the list above) in <style> blocks and in selector strings of code
  (querySelector, $, getElementsByClassName, ...).

Each only where the page runs Gen3: inside a {{#useSiwGen3}} section, or anywhere but a
{{^useSiwGen3}} section on a page with an unguarded afterTransform call (no ?.() and no test of
the method anywhere in the file). Okta's default template, whose {{#useSiwGen3}} section sets a font
size, is not reported, nor is Gen2 code on pages that may run either generation.`,
		Bad: []lint.Example{
			{Code: `{{{SignInWidgetResources}}}
{{#useSiwGen3}}
<style nonce="{{nonceValue}}">
  #okta-sign-in.auth-container .okta-sign-in-header { border-bottom: 0; }
</style>
{{/useSiwGen3}}`},
			{Code: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.afterTransform('identify', ({ formBag }) => {
    formBag.uischema.elements = formBag.uischema.elements.filter(ele => ele.type !== 'Divider');
  });
  oktaSignIn.on('afterRender', function (context) {
    document.querySelector('[data-type="save"]').textContent = 'Continue';
  });
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
		},
		Good: []lint.Example{
			{Code: `{{{SignInWidgetResources}}}
<style nonce="{{nonceValue}}">
  {{#useSiwGen3}}
  html { font-size: 87.5%; }
  #okta-sign-in .o-form { gap: 8px; }
  {{/useSiwGen3}}
  {{^useSiwGen3}}
  #okta-sign-in.auth-container .okta-sign-in-header { border-bottom: 0; }
  {{/useSiwGen3}}
</style>`},
			{Code: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.on('afterRender', function (context) {
    document.querySelector('.okta-form-title').textContent = 'Welcome';
  });
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
		},
	},
}

// gen2Classes are classes of the second generation's markup that the third
// does not render (okta-signin-widget-7.48.2: src/v2, src/v1/views/shared,
// courage forms; absent as classes from src/v3/src). Every o-form-... class
// counts too (Gen3's only o-form class is o-form itself).
var gen2Classes = map[string]bool{
	"auth-container": true, "main-container": true, "okta-sign-in-header": true, "auth-header": true,
	"auth-content": true, "auth-content-inner": true, "auth-org-logo": true, "auth-footer": true,
	"okta-form-title": true, "okta-form-subtitle": true, "button-primary": true,
	"siw-main-view": true, "siw-main-header": true, "siw-main-body": true, "siw-main-footer": true,
	"beacon-container": true,
}

func isGen2Class(name string) bool {
	return gen2Classes[name] || strings.HasPrefix(name, "o-form-") && len(name) > len("o-form-")
}

// gen3Scope says where a hosted page runs the third generation.
type gen3Scope struct {
	sections, inverted spanSet
	// gen3Only is the line of an unguarded afterTransform call outside the
	// sections (0 when none): the whole page then runs Gen3.
	gen3Only int
}

// reason returns why offset runs Gen3, or "" when it may run Gen2.
func (g gen3Scope) reason(offset int) string {
	switch {
	case g.sections.contains(offset):
		return "this {{#useSiwGen3}} section renders only for Gen3"
	case g.gen3Only > 0 && !g.inverted.contains(offset):
		return fmt.Sprintf("this page calls afterTransform without a guard on line %d, so it runs only on Gen3", g.gen3Only)
	}
	return ""
}

func checkGen3DOMCustomization(pass *lint.Pass) {
	f := pass.File
	if !hostedPage(f) {
		return
	}
	if v, ok := widgetVersion(pass); ok && !v.AtLeast(7, 8, 0) {
		return
	}
	scope := gen3Scope{sections: spanSet(gen3Sections(f)), inverted: invertedGen3Sections(f), gen3Only: unguardedAfterTransform(f)}
	if len(scope.sections) == 0 && scope.gen3Only == 0 {
		return
	}
	for _, use := range selectorUses(f) {
		for _, p := range use.parts {
			if p.kind != '.' || !isGen2Class(p.name) {
				continue
			}
			why := scope.reason(p.start)
			if why == "" {
				continue
			}
			pass.Report(lint.Diagnostic{Start: p.start, End: p.end,
				Message: fmt.Sprintf("%s is a class of the second-generation widget that the third generation (Gen3) does not render, so it matches nothing there (%s); style Gen3 with design tokens (config.theme.tokens)", describeSelector(use, p), why)})
		}
	}
	afterRenderEdits(pass, scope)
}

// afterRenderEdits reports the DOM edits of afterRender handlers registered
// where the page runs Gen3.
func afterRenderEdits(pass *lint.Pass, scope gen3Scope) {
	for _, s := range pass.File.Doc.Scripts {
		for i := range s.Tokens {
			// x.on('afterRender', handler)
			if !jsmodel.IsName(s, i, "on") || !jsmodel.IsProperty(s, i) || !s.Is(i+1, "(") {
				continue
			}
			if v, ok := jsmodel.StringValue(s, i+2); !ok || v != "afterRender" || !s.Is(i+3, ",") {
				continue
			}
			why := scope.reason(s.Tokens[i].Start)
			if why == "" {
				continue
			}
			hs, body, ok := afterRenderHandler(pass.File, s, i+4)
			if !ok || hasObserveCall(hs, body) {
				continue
			}
			m := jsmodel.Of(pass.File)
			for j := body.From; j < body.To; j++ {
				if text, ok := domEdit(m, hs, j); ok {
					t := hs.Tokens[j]
					pass.Report(lint.Diagnostic{Start: t.Start, End: t.End,
						Message: fmt.Sprintf("%s in an afterRender handler edits the DOM, which the third generation (Gen3) re-renders and reverts (%s); use afterTransform, or a MutationObserver as Okta's Gen3 guide shows", text, why)})
				}
			}
		}
	}
}

// afterRenderHandler returns the body of the handler passed at token k: an
// inline function or arrow, or the name of a function the page declares.
func afterRenderHandler(f *lint.File, s *script, k int) (*script, span, bool) {
	if fn, _, ok := jsmodel.FunctionFrom(s, k); ok {
		return s, fn.Body, true
	}
	if jsmodel.IsAuthorIdent(s, k) && (s.Is(k+1, ")") || s.Is(k+1, ",")) {
		if d, ok := jsmodel.Of(f).FunctionNamed(s.Text(s.Tokens[k])); ok {
			return d.S, d.Fn.Body, true
		}
	}
	return nil, span{}, false
}

// hasObserveCall reports whether the body calls x.observe(...): a handler
// that (re)starts a MutationObserver, the pattern Okta's Gen3 guide gives.
func hasObserveCall(s *script, body span) bool {
	for j := body.From; j < body.To; j++ {
		if jsmodel.IsName(s, j, "observe") && jsmodel.IsProperty(s, j) && s.Is(j+1, "(") {
			return true
		}
	}
	return false
}

var (
	// domAssigned are properties whose assignment changes the page.
	domAssigned = map[string]bool{"textContent": true, "innerHTML": true, "innerText": true, "outerHTML": true, "placeholder": true, "className": true}
	// domMethods are methods that change the page whatever their arguments.
	domMethods = map[string]bool{
		"appendChild": true, "insertBefore": true, "insertAdjacentHTML": true, "insertAdjacentElement": true,
		"insertAdjacentText": true, "removeChild": true, "replaceChild": true, "replaceWith": true,
		"setAttribute": true, "removeAttribute": true, "prepend": true,
		"addClass": true, "removeClass": true, "toggleClass": true,
	}
	// jQuerySetters change the page when called with a value (html(x)),
	// and only read it without one.
	jQuerySetters = map[string]int{"html": 1, "text": 1, "val": 1, "attr": 2, "css": 2}
)

// domEdit reports whether the property at token j edits the DOM, and the
// code as written up to it: el.textContent = ..., el.style.color = ...,
// el.setAttribute(...), $(sel).text(...). A zero-argument remove() counts
// unless its receiver holds an Okta value: the widget's remove() takes the
// widget off the page, which is no edit Gen3 reverts.
func domEdit(m *jsmodel.Model, s *script, j int) (string, bool) {
	if !jsmodel.IsAuthorIdent(s, j) || !jsmodel.IsProperty(s, j) {
		return "", false
	}
	name := s.Text(s.Tokens[j])
	assigned := func(k int) bool { return s.Is(k, "=") || s.Is(k, "+=") }
	switch {
	case domAssigned[name] && assigned(j+1):
		return editText(s, j, j) + " = ...", true
	case name == "style":
		if at, next := jsmodel.Member(s, j+1); at >= 0 && assigned(next) {
			return editText(s, j, at) + " = ...", true
		}
		return "", false
	}
	if !s.Is(j+1, "(") {
		return "", false
	}
	args, ok := jsmodel.CallArgs(s, j+1)
	if !ok {
		return "", false
	}
	switch {
	case domMethods[name]:
	case name == "remove" && len(args) == 0 && m.RootValue(s, j-2) == jsmodel.None:
	case (name == "add" || name == "remove" || name == "toggle" || name == "replace") && jsmodel.IsName(s, j-2, "classList") && jsmodel.IsProperty(s, j-2):
	case jQuerySetters[name] > 0 && len(args) >= jQuerySetters[name]:
	case name == "css" && len(args) == 1 && s.Is(args[0].From, "{"):
	default:
		return "", false
	}
	return editText(s, j, j) + "(...)", true
}

// maxEditChainParts bounds the walk back over a chain quoted in a message.
const maxEditChainParts = 8

// editText returns the member chain that ends at token last, whose
// property is at token prop, as written (white space collapsed,
// shortened): from its first name through calls and brackets.
func editText(s *script, prop, last int) string {
	start := prop - 1 // the dot before prop
	for steps := 0; steps < maxEditChainParts && start > 0; steps++ {
		k := start - 1
		if s.Is(k, ")") || s.Is(k, "]") {
			if m := s.Match(k); m >= 0 && m < k {
				k = m - 1
			}
		}
		if k < 0 || s.Tokens[k].Kind != jsscan.Ident && !s.Is(k, "this") {
			break
		}
		start = k
		if !jsmodel.IsDot(s, k-1) {
			break
		}
		start = k - 1
	}
	if jsmodel.IsDot(s, start) {
		start++
	}
	from, to := s.Tokens[start].Start, s.Tokens[last].End
	text := strings.Join(strings.Fields(string(s.Code[from-s.Start:to-s.Start])), " ")
	if len(text) > 80 {
		cut := 80
		for cut > 0 && text[cut]&0xC0 == 0x80 {
			cut--
		}
		text = "..." + text[len(text)-cut:]
	}
	return text
}

// invertedGen3Sections returns the byte ranges of the {{^useSiwGen3}}
// sections, which render only for the second generation.
func invertedGen3Sections(f *lint.File) spanSet {
	return mustacheSections(f, "useSiwGen3", jsscan.MustacheInverted)
}

// unguardedAfterTransform returns the line of the first x.afterTransform(...)
// call outside {{#useSiwGen3}} sections when the file never guards the
// method (x.afterTransform?.(...), typeof x.afterTransform, if
// (x.afterTransform)), or 0. Gen2 has no afterTransform, so such a call
// throws there: the page is written for Gen3 only.
func unguardedAfterTransform(f *lint.File) int {
	if !fileHasName(f, "afterTransform") {
		return 0
	}
	sections := spanSet(gen3Sections(f))
	line := 0
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if !jsmodel.IsName(s, i, "afterTransform") || !jsmodel.IsProperty(s, i) {
				continue
			}
			if !s.Is(i+1, "(") || s.Is(i-1, "?.") {
				return 0 // a guard or a test: the page may run Gen2
			}
			if line == 0 && !sections.contains(s.Tokens[i].Start) {
				line = f.Line(s.Tokens[i].Start)
			}
		}
	}
	return line
}
