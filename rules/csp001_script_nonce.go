package rules

import (
	"bytes"
	"fmt"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// ScriptNonce is CSP001.
var ScriptNonce = &lint.Rule{
	ID:         "CSP001",
	Name:       "script-nonce",
	Severity:   lint.Warning,
	Langs:      markupOnly,
	ErrorPages: true,
	Fixable:    true,
	Check:      checkScriptNonce,
	Triggers:   []string{"nonce"}, // only pages that use nonces
	Doc: lint.Doc{
		Summary: `Inline <script> and <style> elements of a page that uses nonces need nonce="{{nonceValue}}".`,
		Why: `On a custom domain, Okta can enforce a Content Security Policy on the sign-in and error pages
(Customizations > Brands > Sign-in page > Settings > Content Security Policy). Both of Okta's current
default sign-in templates, the Identity Engine one and the Classic one (the brand's code editor; kept
verbatim here as testdata/templates/default-oie.html and default-classic.html), put
nonce="{{nonceValue}}" on their inline <style> and <script>; {{nonceValue}} is the nonce of that
response's policy. (The sentence of Okta's custom-widget guide about the nonce sits in a part of the
page that is commented out, so the templates are the published source.) Under a policy with a nonce,
an inline script without it is blocked, and the widget never renders; a style without it is dropped.

A fixed value (nonce="r4nd0m", copied from a rendered page) never matches the next response's
nonce, so it is blocked just the same.

Give every inline <script> and <style> nonce="{{nonceValue}}". Okta's blog post on customizing the
sign-in page adds it to external scripts (<script src>) too: "Loading external resources, like
styles and scripts, requires a CSP nonce".`,
		Detect: `Runs on Okta-hosted sign-in and error pages in HTML templates that already use nonces: a
{{nonceValue}} tag outside comments, or a nonce attribute on a <script> or <style>. Okta served its
older defaults (the Theme-Builder-era and the pre-Theme-Builder template) without any nonce, and
they must keep working where no policy is enforced; a page without any nonce may be one of them, or
written for a brand without an enforced policy, which tmpllint cannot see. On a page that uses
nonces, one missing is a mistake. The current defaults carry the nonce on every inline script and
style, so all four defaults pass.

Reported, at the tag name: an inline <script> of a JavaScript type (no src; not text/template or
application/json, which never run) with content, and a <style>, without a nonce attribute (fix,
safe: insert nonce="{{nonceValue}}" right after the tag name); an external <script src> without
one, as info (fix, safe): whether Okta's policy lets a listed host's script load without the nonce
is not documented, and Okta's own defaults leave the nonce off the theme's <link rel="stylesheet">,
which the policy allows by host. Reported at the value: a nonce attribute whose value is not
exactly {{nonceValue}} (fix, safe: replace the value); a misspelt {{noncevalue}} is left to TPL002,
which renames it.

Left alone: elements inside HTML comments and Mustache comments, <script> text in JavaScript
strings, <link> elements, and a page whose Mustache tags do not parse (TPL002 reports them first).`,
		Bad: []lint.Example{
			{File: "sign-in.html", Code: `<head>
  {{{SignInWidgetResources}}}
  <style nonce="{{nonceValue}}">#okta-login-container { margin-top: 4rem; }</style>
</head>
<body>
  <div id="okta-login-container"></div>
  {{{OktaUtil}}}
  <script type="text/javascript">
    new OktaSignIn(OktaUtil.getSignInWidgetConfig()).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
  </script>
</body>`,
				Fixed: `<head>
  {{{SignInWidgetResources}}}
  <style nonce="{{nonceValue}}">#okta-login-container { margin-top: 4rem; }</style>
</head>
<body>
  <div id="okta-login-container"></div>
  {{{OktaUtil}}}
  <script nonce="{{nonceValue}}" type="text/javascript">
    new OktaSignIn(OktaUtil.getSignInWidgetConfig()).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
  </script>
</body>`},
			{File: "sign-in.html", Code: `<head>
  {{{SignInWidgetResources}}}
  <style nonce="Zm9vYmFy">#okta-login-container { margin-top: 4rem; }</style>
</head>
<body>
  {{{OktaUtil}}}
</body>`,
				Fixed: `<head>
  {{{SignInWidgetResources}}}
  <style nonce="{{nonceValue}}">#okta-login-container { margin-top: 4rem; }</style>
</head>
<body>
  {{{OktaUtil}}}
</body>`},
		},
		Good: []lint.Example{
			{File: "sign-in.html", Code: `<head>
  {{{SignInWidgetResources}}}
  <style nonce="{{nonceValue}}">#okta-login-container { margin-top: 4rem; }</style>
  <script src="https://cdn.example.com/analytics.js" nonce="{{nonceValue}}"></script>
  <script type="text/template" id="help-text"><p>Need help?</p></script>
</head>
<body>
  <div id="okta-login-container"></div>
  {{{OktaUtil}}}
  <script type="text/javascript" nonce="{{nonceValue}}">
    new OktaSignIn(OktaUtil.getSignInWidgetConfig()).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
  </script>
</body>`},
			{File: "sign-in.html", Code: `<head>
  {{{SignInWidgetResources}}}
</head>
<body>
  <div class="login-bg-image" style="background-image: {{bgImageUrl}}"></div>
  <div id="okta-login-container"></div>
  {{{OktaUtil}}}
  <script type="text/javascript">
    new OktaSignIn(OktaUtil.getSignInWidgetConfig()).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
  </script>
</body>`},
		},
	},
}

func checkScriptNonce(pass *lint.Pass) {
	f := pass.File
	p := cspPageOf(f)
	if p == nil || !p.usesNonce {
		return
	}
	for _, el := range p.elements {
		var what string
		severity := lint.Severity(0)
		switch {
		case el.Tag == "style":
			what = "inline <style>"
		case el.Tag != "script":
			continue
		case hasAttr(el, "src"):
			what, severity = "external <script src>", lint.Info
		case !jsscan.IsJavaScriptType(el):
			continue // text/template, application/json: never run
		default:
			s := p.inline[el]
			if s == nil || len(bytes.TrimSpace(f.Content[s.Start:s.End])) == 0 {
				continue // an empty script has nothing to block
			}
			what = "inline <script>"
		}
		a, ok := el.Attr("nonce")
		if !ok {
			start, end := tagNameSpan(el)
			pass.Report(lint.Diagnostic{
				Start: start, End: end, Severity: severity,
				Message: fmt.Sprintf(`this %s has no nonce, so Okta's Content Security Policy blocks it; add nonce="{{nonceValue}}"`, what),
				Fixes: []lint.Fix{{Message: `add nonce="{{nonceValue}}"`, Safe: true,
					Edits: []lint.Edit{{Start: end, End: end, New: ` nonce="{{nonceValue}}"`}}}},
			})
			continue
		}
		if isNonceValue(f, a) || nonceNearMiss(f, a) {
			continue
		}
		d := lint.Diagnostic{
			Severity: severity,
			Message:  fmt.Sprintf(`this %s's nonce is not {{nonceValue}}, so it never matches the nonce of Okta's Content Security Policy and is blocked; use nonce="{{nonceValue}}"`, what),
		}
		if a.HasVal {
			d.Start, d.End = a.ValSpan.Start, a.ValSpan.End
			if d.Start == d.End { // nonce=""
				d.Start, d.End = a.KeySpan.Start, a.KeySpan.End
			}
			d.Fixes = []lint.Fix{{Message: "use {{nonceValue}}", Safe: true,
				Edits: []lint.Edit{{Start: a.ValSpan.Start, End: a.ValSpan.End, New: "{{nonceValue}}"}}}}
		} else {
			d.Start, d.End = a.KeySpan.Start, a.KeySpan.End
			d.Fixes = []lint.Fix{{Message: "use {{nonceValue}}", Safe: true,
				Edits: []lint.Edit{{Start: a.KeySpan.Start, End: a.KeySpan.End, New: `nonce="{{nonceValue}}"`}}}}
		}
		pass.Report(d)
	}
}

func hasAttr(el *jsscan.Element, key string) bool {
	_, ok := el.Attr(key)
	return ok
}
