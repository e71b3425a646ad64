package rules

import (
	"fmt"
	"strings"

	"github.com/tmpllint/tmpllint/jsmodel"
	"github.com/tmpllint/tmpllint/lint"
)

// ClassicDOMSelector is OIE010.
var ClassicDOMSelector = &lint.Rule{
	ID:       "OIE010",
	Name:     "classic-dom-selector",
	Severity: lint.Warning,
	Check:    checkClassicDOMSelector,
	Triggers: []string{"okta-signin-username", "okta-signin-password", "okta-signin-submit", "help-links-container", "js-help-link"}, // classicDOMNames
	Doc: lint.Doc{
		Summary: "Scripts and CSS aimed at the Classic widget's markup match nothing on Identity Engine.",
		Why: `Custom pages often style or script the Classic Engine widget by its element ids and classes:
#okta-signin-username, #okta-signin-password and #okta-signin-submit (the sign-in form's fields and
button) and the help links under "Need help signing in?" (#help-links-container, .js-help-links,
.js-help-link). Only the Classic widget's views render them: at okta-signin-widget tag
okta-signin-widget-7.48.2 they are written in src/v1/views/primary-auth/PrimaryAuthForm.js (inputId
okta-signin-username and okta-signin-password, saveId okta-signin-submit) and
src/v1/views/shared/Footer.js, and nowhere in the Identity Engine views (src/v2, src/v3) or the code
they share. The same holds at 6.9.0, 7.0.0 and 7.20.0, and at 5.11.0, where the Classic views were
src/views and the Identity Engine views src/v2. After the upgrade such a selector
matches nothing: the style is not applied, querySelector returns null (and the next property access
throws), a jQuery call does nothing.

Okta's upgrade pages say so in general terms: "Unsupported CSS may break after a widget version
update" and "Unsupported CSS customizations beyond the documented styles may break after a widget
version update" (developer.okta.com/docs/guides/oie-upgrade-test-widget-custom, "Identify your
customization types" and the note under "Test your customizations"; and
developer.okta.com/docs/guides/oie-upgrade-sign-in-widget-styling).

Rewrite the selector against the markup Identity Engine renders and test it on an Identity Engine
org; on the third generation, prefer design tokens (OIE012).`,
		Detect: `Selectors that name one of the Classic-only ids or classes above, as an #id or .class part:
in the style rules of <style> blocks (also inside @media and @supports), and in string literals
passed to querySelector, querySelectorAll, closest, matches, jQuery's $, jQuery() and find,
getElementById (the id itself) and getElementsByClassName (class names). The ids
okta-signin-username, okta-signin-password and okta-signin-submit are reported in any file; the
help-link names, which other sites may use too, only in files about Okta (a hosted page, or code
that names OktaSignIn or imports the widget).

Not reported: .js-forgot-password, .js-unlock, .js-help and .js-custom, which the Identity Engine
views render too (src/v2/view-builder/components/Link.js adds js-<name> for the forgot-password,
unlock, help and custom links); selectors built at run time; names in comments, in strings passed
elsewhere, and in <style> blocks inside Mustache comments.`,
		Bad: []lint.Example{
			{Code: `{{{OktaUtil}}}
<style nonce="{{nonceValue}}">
  #okta-signin-submit { background: #0b5cab; }
</style>`},
			{Code: `{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  var oktaSignIn = new OktaSignIn(config);
  oktaSignIn.on('afterRender', function () {
    document.querySelector('#okta-signin-username').setAttribute('autocomplete', 'email');
  });
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
		},
		Good: []lint.Example{
			{Code: `{{{OktaUtil}}}
<style nonce="{{nonceValue}}">
  #okta-login-container { margin-top: 4rem; }
  .js-forgot-password { font-weight: bold; }
</style>`},
			{File: "styles.html", Code: `<style>
  /* #okta-signin-submit was the Classic button */
  .js-help-link { color: teal; }
</style>`},
		},
	},
}

// classicDOMNames are the ids and classes only the Classic widget renders
// (okta-signin-widget-7.48.2: src/v1/views/primary-auth/PrimaryAuthForm.js,
// src/v1/views/shared/Footer.js), with what they are. okta is set for the
// names Okta's prefix makes specific enough to report in any file.
var classicDOMNames = map[string]struct {
	what string
	okta bool
}{
	"#okta-signin-username": {"the Classic sign-in form's username field", true},
	"#okta-signin-password": {"the Classic sign-in form's password field", true},
	"#okta-signin-submit":   {"the Classic sign-in form's Sign In button", true},
	"#help-links-container": {"the Classic \"Need help signing in?\" link list", false},
	".js-help-links":        {"the Classic \"Need help signing in?\" link list", false},
	".js-help-link":         {"the Classic Help link", false},
}

func checkClassicDOMSelector(pass *lint.Pass) {
	f := pass.File
	oktaFile := -1 // unknown until a generic name needs it
	for _, use := range selectorUses(f) {
		for _, p := range use.parts {
			name, ok := classicDOMNames[p.String()]
			if !ok {
				continue
			}
			if !name.okta {
				if oktaFile < 0 {
					oktaFile = 0
					if hostedPage(f) || jsmodel.MentionsWidget(f) {
						oktaFile = 1
					}
				}
				if oktaFile == 0 {
					continue
				}
			}
			pass.Report(lint.Diagnostic{Start: p.start, End: p.end,
				Message: fmt.Sprintf("%s is %s, which only the Classic widget renders: Identity Engine's views never do, so it matches nothing after the upgrade; rewrite it against the Identity Engine markup and test it on an Identity Engine org", describeSelector(use, p), name.what)})
		}
	}
}

// describeSelector names a part of a selector use as the code writes it:
// "'#a'", "#a in 'form #a'", "the id 'a'", "the class a in 'b a'".
func describeSelector(use selectorUse, p simpleSelector) string {
	switch {
	case use.kind == '#':
		return "the id " + quoteSelector(use.text)
	case use.kind == '.' && use.text == p.name:
		return "the class " + quoteSelector(use.text)
	case use.kind == '.':
		return fmt.Sprintf("the class %s in %s", p.name, quoteSelector(use.text))
	case use.text == p.String():
		return quoteSelector(use.text)
	}
	return fmt.Sprintf("%s in %s", p, quoteSelector(use.text))
}

// quoteSelector quotes a selector for a message, shortened when long.
func quoteSelector(s string) string {
	const maxLen = 80
	if len(s) > maxLen {
		cut := maxLen
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = strings.TrimSpace(s[:cut]) + "..."
	}
	return "'" + s + "'"
}
