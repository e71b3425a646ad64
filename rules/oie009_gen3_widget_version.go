package rules

import (
	"fmt"
	"github.com/tmpllint/tmpllint/jsmodel"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// Gen3WidgetVersion is OIE009.
var Gen3WidgetVersion = &lint.Rule{
	ID:       "OIE009",
	Name:     "gen3-widget-version",
	Severity: lint.Error,
	Fixable:  true,
	Check:    checkGen3WidgetVersion,
	Triggers: []string{"afterTransform", "tokens"},
	Doc: lint.Doc{
		Summary: "Third-generation widget code needs widget 7.8 or later, and afterTransform 7.23 or later.",
		Why: `The third generation (Gen3) of the Sign-In Widget is chosen in the brand's settings
(widgetCustomizations.widgetGeneration G3), not by the template; the template only adapts to it, with
{{#useSiwGen3}} ... {{/useSiwGen3}} sections (rendered only when Gen3 is on), design tokens
(config.theme = { tokens: { ... } }) and afterTransform hooks. Okta's release notes: widgetVersion "must
be 7.8 or later if widgetCustomizations.widgetGeneration is set to G3. A value of 7.7 or earlier results
in an invalid request". On an older version the page always runs the second generation: the sections
never render and design tokens are ignored. The afterTransform(formName, fn) method exists from
widget 7.23.0 and only in Gen3; on an older version, oktaSignIn.afterTransform(...) throws a TypeError
and stops the rest of the script, often before renderEl.

Set the sign-in page's widget version to 7.8 or later to use Gen3, and to 7.23 or later for
afterTransform; or remove the Gen3 code.`,
		Detect: `Only when the widget version is known: from --widget-version or the configuration, or, as
for every rule, a widget <script src> or package.json. An Okta-hosted page loads the widget the brand's
settings name, so without a version nothing is reported. A range counts as its lowest version.

With a version before 7.8, on a hosted page: design tokens outside {{#useSiwGen3}} sections
(config.theme.tokens, config.theme = { tokens: ... }, theme: { tokens: ... }), as a warning at tokens
(they are ignored, so the page is not styled as intended). The {{#useSiwGen3}} sections themselves are
not reported: Okta's own default template has one, and on such a version it simply never renders,
which breaks nothing; whether Gen3 is switched on is a setting of the brand, not of the template.

With a version before 7.23: each call x.afterTransform(...), as an error at afterTransform, unless
the same function tests for the method first (typeof x.afterTransform, if (x.afterTransform)), or the
call is inside a {{#useSiwGen3}} section while the version is before 7.8 (the section never renders).
x.afterTransform?.(...) calls the method only where it exists and is not
reported. The fix (safe) inserts ?. before the call's parenthesis.

At 7.23 or later, or with the version unknown, on a hosted page: each such call outside a
{{#useSiwGen3}} section, as a warning with the same fix. The page runs the second generation wherever
the brand has not switched Gen3 on, and the second generation has no afterTransform, so the call throws
there; Okta's Gen3 guide (https://developer.okta.com/docs/guides/custom-widget-gen3/main/) calls it as
oktaSignIn.afterTransform?.(...).

Comments, strings and Mustache comments are not code and are not reported.`,
		Bad: []lint.Example{
			{WidgetVersion: "7.7", Code: `{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  config.theme = { tokens: { PalettePrimaryMain: '#0b5cab' } };
  new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
			{WidgetVersion: "7.20", Code: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.afterTransform('identify', ({ formBag }) => {
    formBag.uischema.elements = formBag.uischema.elements.filter(ele => ele.type !== 'Divider');
  });
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`, Fixed: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.afterTransform?.('identify', ({ formBag }) => {
    formBag.uischema.elements = formBag.uischema.elements.filter(ele => ele.type !== 'Divider');
  });
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
		},
		Good: []lint.Example{
			{WidgetVersion: "7.7", Code: `{{{SignInWidgetResources}}}
<style nonce="{{nonceValue}}">
  {{#useSiwGen3}}
  html { font-size: 87.5%; }
  {{/useSiwGen3}}
</style>
{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
			{WidgetVersion: "7.23", Code: `{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  config.theme = { tokens: { PalettePrimaryMain: '#0b5cab' } };
  var oktaSignIn = new OktaSignIn(config);
  oktaSignIn.afterTransform?.('identify', ({ formBag }) => {
    formBag.uischema.elements = formBag.uischema.elements.filter(ele => ele.type !== 'Divider');
  });
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
			{Code: `{{{SignInWidgetResources}}}
<style nonce="{{nonceValue}}">
  {{#useSiwGen3}}
  html { font-size: 87.5%; }
  {{/useSiwGen3}}
</style>`},
		},
	},
}

func checkGen3WidgetVersion(pass *lint.Pass) {
	v, ok := widgetVersion(pass)
	f := pass.File
	if !ok || v.AtLeast(7, 23, 0) {
		// The version has the method in Gen3, but a hosted page also runs
		// as Gen2, where calls outside {{#useSiwGen3}} throw.
		if hostedPage(f) && fileHasName(f, "afterTransform") {
			afterTransformCalls(pass, nil, gen3Sections(f))
		}
		return
	}
	gen3 := v.AtLeast(7, 8, 0)
	var sections []jsscan.Span
	if !gen3 {
		// Code in {{#useSiwGen3}} sections never renders on this version.
		sections = gen3Sections(f)
	}
	if fileHasName(f, "afterTransform") {
		afterTransformCalls(pass, &v, sections)
	}
	if !gen3 && hostedPage(f) && fileHasName(f, "tokens") {
		themeTokens(pass, v, sections)
	}
}

// afterTransformCalls reports calls of afterTransform a widget before
// 7.23.0 does not have, unless their function tests for it first.
func afterTransformCalls(pass *lint.Pass, v *lint.WidgetVersion, sections []jsscan.Span) {
	fx := jsmodel.Of(pass.File)
	tested := map[int32]bool{}
	var calls []jsmodel.TokenAt
	for _, s := range pass.File.Doc.Scripts {
		for i := range s.Tokens {
			if !jsmodel.IsName(s, i, "afterTransform") || !jsmodel.IsProperty(s, i) {
				continue
			}
			switch {
			case s.Is(i+1, "?.") && s.Is(i+2, "("):
				// x.afterTransform?.(...) calls it only where it exists.
			case s.Is(i+1, "("):
				calls = append(calls, jsmodel.TokenAt{S: s, I: i})
			default:
				// typeof x.afterTransform, if (x.afterTransform): a test
				tested[fx.Scope(s, i)] = true
			}
		}
	}
	for _, c := range calls {
		t := c.S.Tokens[c.I]
		if tested[fx.Scope(c.S, c.I)] || spanSet(sections).contains(t.Start) {
			continue
		}
		// afterTransform?.(...) calls it only where it exists, as Okta's
		// Gen3 guide writes it.
		fix := lint.Fix{Message: "call it as afterTransform?.(...), only where the widget has it", Safe: true,
			Edits: []lint.Edit{{Start: t.End, End: t.End, New: "?."}}}
		if v == nil {
			pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Severity: lint.Warning, Fixes: []lint.Fix{fix},
				Message: "afterTransform exists only in the third-generation widget, and this call is outside {{#useSiwGen3}}, so wherever the page runs the second generation it throws a TypeError and stops the script; call it as afterTransform?.(...), as Okta's Gen3 guide does, or move it into a {{#useSiwGen3}} section"})
			continue
		}
		pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Fixes: []lint.Fix{fix},
			Message: fmt.Sprintf("afterTransform exists only in the third-generation widget from 7.23.0, so this call throws a TypeError and stops the script (assumed %s); set the sign-in page's widget version to 7.23 or later, or call it as afterTransform?.(...)", versionNote(*v))})
	}
}

// themeTokens reports design tokens outside {{#useSiwGen3}} sections on a
// widget that cannot run Gen3.
func themeTokens(pass *lint.Pass, v lint.WidgetVersion, sections []jsscan.Span) {
	report := func(s *script, k int) {
		t := s.Tokens[k]
		if spanSet(sections).contains(t.Start) {
			return
		}
		pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Severity: lint.Warning,
			Message: fmt.Sprintf("theme.tokens (design tokens) style only the third-generation widget, which needs widget 7.8 or later, so they are ignored on this page (assumed %s); set the sign-in page's widget version to 7.8 or later", versionNote(v))})
	}
	literalTokens := func(s *script, brace int) {
		if items, ok := jsObjectItems(s, brace); ok {
			for _, it := range items {
				if jsmodel.KeyIs(s, it.key, "tokens") {
					report(s, it.key)
				}
			}
		}
	}
	for _, s := range pass.File.Doc.Scripts {
		for i := range s.Tokens {
			// x.theme.tokens, x.theme = { tokens: ... }
			if at, next := jsmodel.Member(s, i); jsmodel.KeyIs(s, at, "theme") {
				if tk, _ := jsmodel.Member(s, next); jsmodel.KeyIs(s, tk, "tokens") {
					report(s, tk)
				} else if s.Is(next, "=") && s.Is(next+1, "{") && s.Match(next+1) > next+1 {
					literalTokens(s, next+1)
				}
			}
			// { theme: { tokens: ... } }
			if (jsmodel.IsAuthorIdent(s, i) || s.Tokens[i].Kind == jsscan.String && !s.Tokens[i].Templated) && jsmodel.KeyIs(s, i, "theme") &&
				(s.Is(i-1, "{") || s.Is(i-1, ",")) && s.Is(i+1, ":") && s.Is(i+2, "{") && s.Match(i+2) > i+2 {
				literalTokens(s, i+2)
			}
		}
	}
}
