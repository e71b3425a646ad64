package rules

import (
	"fmt"
	"github.com/tmpllint/tmpllint/jsmodel"

	"github.com/tmpllint/tmpllint/lint"
)

// PreferShowSignIn is OIE005.
var PreferShowSignIn = &lint.Rule{
	ID:       "OIE005",
	Name:     "prefer-show-sign-in",
	Severity: lint.Warning,
	Check:    checkPreferShowSignIn,
	Triggers: []string{"OktaSignIn", "okta-signin-widget"}, // a widget created (mentionsWidget)
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
be before 5.5.0, the message leaves showSignIn out.

The severity follows what the success callback reads and whether the receiver is traced to a new
OktaSignIn(...) (see package jsmodel): a warning when it is and the callback reads the Classic response
(res.session, sessionToken, res.stepUp, res.next, setCookieAndRedirect) or is not shown in the file; info
when the callback reads res.tokens and nothing Classic (Identity Engine's renderEl response carries the
tokens, so that code keeps working: renderEl is then only the older API), when it reads neither, or when
the receiver (this.widget, props.widget) cannot be traced.`,
		Bad: []lint.Example{
			{File: "login.js", Code: `const signIn = new OktaSignIn({
  baseUrl: 'https://acme.okta.com',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: window.location.origin + '/login/callback',
});
signIn.renderEl({ el: '#sign-in-widget' }, function (res) {
  if (res.status === 'SUCCESS') {
    res.session.setCookieAndRedirect('https://acme.example/app');
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
	w := jsmodel.WidgetsOf(f)
	if len(w.Constructions()) == 0 {
		return
	}
	m := jsmodel.Of(f)
	instead := "use showSignInToGetTokens in a single-page app, showSignInAndRedirect in a server-side web app, or showSignIn (widget 5.5.0 and later)"
	if v, ok := widgetVersion(pass); ok && !v.AtLeast(5, 5, 0) {
		instead = fmt.Sprintf("use showSignInToGetTokens in a single-page app or showSignInAndRedirect in a server-side web app (showSignIn needs widget 5.5.0; %s)", versionNote(v))
	}
	for _, call := range w.RenderEls() {
		s := call.S
		t := s.Tokens[call.Name]
		quoted := chainText(s, call.Name)
		ev := jsmodel.Weak
		if m.RootValue(s, objectEnd(s, call.Name)) == jsmodel.Widget {
			ev = jsmodel.Strong
		}
		var cb callbackShape
		if len(call.Args) >= 2 && !call.Args[1].Empty() {
			cb = shapeOfCallback(m, s, call.Args[1])
		}
		switch {
		case cb == callbackTokens:
			pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Severity: lint.Info, Message: fmt.Sprintf(
				"%s's success callback reads res.tokens, which Identity Engine's response carries, so it keeps working; renderEl is the older API: %s, which return a promise", quoted, instead)})
		case ev == jsmodel.Strong && cb != callbackOther:
			pass.Reportf(t.Start, t.End, "%s is the Classic way to start the widget, and Identity Engine gives its success callback no session (res.session, res.session.token), so Classic success code breaks; %s, which return a promise", quoted, instead)
		default:
			pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Severity: lint.Info, Message: fmt.Sprintf(
				"%s: renderEl is the Classic way to start the widget; if its success callback expects a Classic session (res.session, res.session.token), that breaks on Identity Engine; %s, which return a promise", quoted, instead)})
		}
	}
}

// callbackShape says what a renderEl success callback reads of its
// response.
type callbackShape uint8

const (
	callbackUnread  callbackShape = iota // no callback, or one the file does not show
	callbackClassic                      // reads res.session, sessionToken, res.stepUp, res.next, setCookieAndRedirect
	callbackTokens                       // reads res.tokens and nothing Classic
	callbackOther                        // a function that reads neither
)

// maxCallbackScan bounds the callback bodies shapeOfCallback reads: real
// success callbacks are short, and reading every one of thousands of
// nested callbacks in full would be quadratic.
const maxCallbackScan = 2048

// shapeOfCallback reads the success callback at arg (inline, or a function
// the file declares by name).
func shapeOfCallback(m *jsmodel.Model, s *script, arg span) callbackShape {
	s, fn, _, ok := m.FunctionPassed(s, arg)
	if !ok {
		return callbackUnread
	}
	if fn.Body.To-fn.Body.From > maxCallbackScan {
		return callbackUnread
	}
	classic, tokens := false, false
	for i := fn.Body.From; i < fn.Body.To; i++ {
		switch {
		case jsmodel.IsProperty(s, i) && (jsmodel.IsName(s, i, "session") || jsmodel.IsName(s, i, "sessionToken") ||
			jsmodel.IsName(s, i, "stepUp") || jsmodel.IsName(s, i, "next") || jsmodel.IsName(s, i, "setCookieAndRedirect")):
			classic = true
		case jsmodel.IsProperty(s, i) && jsmodel.IsName(s, i, "tokens"):
			tokens = true
		}
	}
	switch {
	case classic:
		return callbackClassic
	case tokens:
		return callbackTokens
	}
	return callbackOther
}
