package rules

import (
	"fmt"

	"github.com/tmpllint/tmpllint/lint"
)

// PreferShowSignIn is OIE005.
var PreferShowSignIn = &lint.Rule{
	ID:       "OIE005",
	Name:     "prefer-show-sign-in",
	Severity: lint.Warning,
	Check:    checkPreferShowSignIn,
	Doc: lint.Doc{
		Summary: "An embedded Sign-In Widget should sign in with showSignInToGetTokens, showSignInAndRedirect or showSignIn, not renderEl.",
		Why: `renderEl(options, success, error) is the Classic way to start an embedded widget: its success
callback receives the Classic response, with res.status, res.session.setCookieAndRedirect and
res.session.token. On Identity Engine that response does not exist, and Okta's upgrade guide warns:
"Your code may break if it's calling the renderEl method and expects sessionToken or
session.setCookieAndRedirect on the response object. Instead of renderEl, Okta recommends calling the
showSignInToGetTokens method."

Use showSignInToGetTokens in a single-page app (it resolves with the tokens), showSignInAndRedirect
in a server-side web app (the widget redirects to the app's redirect URI), or showSignIn (widget
5.5.0 and later), which the widget's README recommends for SPAs. They return a promise, so the
success and error callbacks become .then and .catch: there is no automatic fix.`,
		Detect: `Only embedded widgets: a file that is an Okta-hosted page (see OIE003, where
renderEl(..., OktaUtil.completeLogin) is the default and is right) is left alone, and so is a file that
creates no widget (no new OktaSignIn(...), through any alias; see OIE004), since renderEl there may be
anything. In a file that creates one, every renderEl call is reported at the name renderEl, whatever
object it is called on (widget.renderEl, this.widget.renderEl, new OktaSignIn(config).renderEl,
widget['renderEl']): a widget is often passed around under other names. Mentions in comments, strings,
template literals and JSX text are not calls and are not reported. When the widget version is known to
be before 5.5.0, the message leaves showSignIn out.`,
		Bad: []lint.Example{
			{File: "login.js", Code: `const signIn = new OktaSignIn({
  baseUrl: 'https://acme.okta.com',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: window.location.origin + '/login/callback',
  useInteractionCodeFlow: true,
});
signIn.renderEl({ el: '#sign-in-widget' }, function (res) {
  if (res.status === 'SUCCESS') {
    signIn.authClient.handleLoginRedirect(res.tokens);
  }
});
`},
		},
		Good: []lint.Example{
			{File: "login.js", Code: `const signIn = new OktaSignIn({
  baseUrl: 'https://acme.okta.com',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: window.location.origin + '/login/callback',
  useInteractionCodeFlow: true,
});
signIn.showSignInToGetTokens({ el: '#sign-in-widget' })
  .then((tokens) => signIn.authClient.handleLoginRedirect(tokens))
  .catch((err) => console.error(err));
`},
			{Code: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
		},
	},
}

func checkPreferShowSignIn(pass *lint.Pass) {
	f := pass.File
	if hostedPage(f) {
		return
	}
	w := widgetSetupOf(f)
	if len(w.constructions) == 0 {
		return
	}
	instead := "use showSignInToGetTokens in a single-page app, showSignInAndRedirect in a server-side web app, or showSignIn (widget 5.5.0 and later)"
	if v, ok := widgetVersion(pass); ok && !v.AtLeast(5, 5, 0) {
		instead = fmt.Sprintf("use showSignInToGetTokens in a single-page app or showSignInAndRedirect in a server-side web app (showSignIn needs widget 5.5.0; %s)", versionNote(v))
	}
	for _, call := range w.renderElCalls(f) {
		t := call.script.Tokens[call.name]
		pass.Reportf(t.Start, t.End, "renderEl is the Classic way to start the widget, and Identity Engine gives its success callback no session (res.session, res.session.token), so Classic success code breaks; %s, which return a promise", instead)
	}
}
