package rules

import (
	"github.com/tmpllint/tmpllint/jsmodel"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// NoSetCookieAndRedirect is OIE001.
var NoSetCookieAndRedirect = &lint.Rule{
	ID:       "OIE001",
	Name:     "no-set-cookie-and-redirect",
	Severity: lint.Error,
	Fixable:  true,
	Check:    checkSetCookieAndRedirect,
	Triggers: []string{"setCookieAndRedirect"},
	Doc: lint.Doc{
		Summary: "setCookieAndRedirect is the Classic redirect after sign-in; Identity Engine does not use it.",
		Why: `On the Classic Engine, the Sign-In Widget's success response carried a session object, and
res.session.setCookieAndRedirect(url) (or authClient.session.setCookieAndRedirect(token, url) in the
Auth JS SDK) exchanged the session token for a cookie and redirected. Okta's upgrade guide names
setCookieAndRedirect as one of the methods that do not work with Identity Engine
(https://developer.okta.com/docs/guides/oie-upgrade-sign-in-widget/main/).

On an Okta-hosted sign-in page on Identity Engine the widget finishes sign-in and redirects by itself,
so a custom success callback's destination is ignored: pass OktaUtil.completeLogin as the renderEl
success callback, as the default template does, and set where users go after sign-in in the Admin
Console. In embedded and Auth JS code the call belongs to the Classic authentication (AuthN) pipeline,
which Okta has deprecated and which stops working when the app moves to the interaction code flow: use
showSignInAndRedirect, or showSignInToGetTokens and redirect yourself.`,
		Detect: `Every use of setCookieAndRedirect in JavaScript: member calls on any object
(res.session.setCookieAndRedirect, authClient.session.setCookieAndRedirect, an alias of res.session),
bracket access with a string key (res['session']['setCookieAndRedirect']) and destructuring
(const { setCookieAndRedirect } = res.session). Comments, string contents and HTML outside scripts are
not code and are not reported. A function the page itself declares under that name (function
setCookieAndRedirect() {...}) is the author's own, so calls of it are not reported.

A finding needs Okta evidence (package jsmodel): an error when the object flows from an Okta source (the
widget's renderEl, showSignIn or showSignInToGetTokens response, widget.authClient, new OktaAuth(...),
an auth-js transaction, OktaUtil, or anything read from these); info when only the name ties it to Okta
in a file about Okta (a hosted page, a page loading the widget, code importing an @okta/ module or
creating the widget); nothing in other files. Each message quotes the code as written.`,
		Bad: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.renderEl({ el: '#okta-login-container' }, function (res) {
    if (res.status === 'SUCCESS') {
      res.session.setCookieAndRedirect('https://acme.example/app');
    }
  });
</script>`,
				Fixed: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
			{File: "login.js", Code: `import OktaSignIn from '@okta/okta-signin-widget';

const signIn = new OktaSignIn({ baseUrl: 'https://acme.okta.com' });
signIn.renderEl({ el: '#sign-in-widget' }, function (res) {
  var session = res.session;
  session['setCookieAndRedirect']('https://acme.example/app');
});
`},
		},
		Good: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin, function (error) {
    // setCookieAndRedirect was removed: Okta redirects after sign-in.
    console.log(error.message, error);
  });
</script>`},
		},
	},
}

func checkSetCookieAndRedirect(pass *lint.Pass) {
	const name = "setCookieAndRedirect"
	// The model is built only for a file that has something to report.
	m := lazyModel(pass.File)
	advice := "on Identity Engine the widget finishes sign-in and redirects by itself, and a custom success callback's destination is ignored; pass OktaUtil.completeLogin as the renderEl success callback and set where users go in the Admin Console"
	if !jsmodel.ContextOf(pass.File).Hosted() {
		advice = "it belongs to the Classic authentication (AuthN) pipeline, which Okta has deprecated and which stops working when the app moves to the interaction code flow; use showSignInAndRedirect, or showSignInToGetTokens and redirect yourself"
	}
	ownFunction := declaresOwn(pass.File, name)
	callbacks := successCallbacks(pass.File)
	for _, s := range pass.File.Doc.Scripts {
		for i, t := range s.Tokens {
			var ev jsmodel.Evidence
			var quoted string
			switch {
			case jsmodel.IsName(s, i, name) && jsmodel.IsProperty(s, i),
				t.Kind == jsscan.String && jsmodel.IsStringKey(s, i, name) && s.Is(i-1, "["):
				ev, quoted = m().EvidenceAt(s, objectEnd(s, i)), chainText(s, i)
			case jsmodel.IsName(s, i, name) && inObjectPattern(s, i),
				t.Kind == jsscan.String && jsmodel.IsStringKey(s, i, name):
				ev, quoted = patternEvidence(m, s, i), codeText(s, i, i)
			case jsmodel.IsName(s, i, name):
				if ownFunction {
					continue
				}
				ev, quoted = m().EvidenceAt(s, i), codeText(s, i, i)
			default:
				continue
			}
			sev, note, ok := evidenceSeverity(ev, pass.Rule.Severity)
			if !ok {
				continue
			}
			msg := quoted + " is the Classic setCookieAndRedirect: " + advice + note
			reportInCallback(pass, callbacks, lint.Diagnostic{Start: t.Start, End: t.End, Severity: sev, Message: msg})
		}
	}
}

// patternEvidence returns the evidence of a key of the object pattern
// around token key (`const { setCookieAndRedirect } = res.session`): that
// of the pattern's source.
func patternEvidence(m func() *jsmodel.Model, s *script, key int) jsmodel.Evidence {
	if ev, ok := destructuredFrom(m(), s, key); ok {
		return ev
	}
	return m().FileEvidence()
}

// declaresOwn reports whether the file declares a plain function or
// variable called name itself (function name() {...}, var name = ...), which
// makes bare uses of name the author's own code.
func declaresOwn(f *lint.File, name string) bool {
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if !jsmodel.IsName(s, i, name) || jsmodel.IsProperty(s, i) {
				continue
			}
			if s.Is(i-1, "function") || (s.Is(i-1, "var") || s.Is(i-1, "let") || s.Is(i-1, "const")) && s.Is(i+1, "=") {
				return true
			}
		}
	}
	return false
}

// inObjectPattern reports whether token i is a key directly inside braces,
// as in `{ name }` or `{ name: x }` (an object pattern or literal).
func inObjectPattern(s *script, i int) bool {
	return (s.Is(i-1, "{") || s.Is(i-1, ",")) && (s.Is(i+1, "}") || s.Is(i+1, ",") || s.Is(i+1, ":") || s.Is(i+1, "="))
}
