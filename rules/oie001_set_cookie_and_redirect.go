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
	Doc: lint.Doc{
		Summary: "setCookieAndRedirect does not exist in Identity Engine.",
		Why: `On the Classic Engine, the Sign-In Widget's success response carried a session object, and
res.session.setCookieAndRedirect(url) (or authClient.session.setCookieAndRedirect(token, url) in the
Auth JS SDK) exchanged the session token for a cookie and redirected. Identity Engine never produces
res.session, so the call throws and the user is left on the sign-in page. Okta's upgrade guide names
setCookieAndRedirect as one of the methods that do not work with Identity Engine.

On an Okta-hosted sign-in page, pass OktaUtil.completeLogin as the renderEl success callback, as the
default template does; where the user goes after sign-in is set by policy in the Admin Console.
In an embedded widget, use showSignInAndRedirect, or showSignInToGetTokens and redirect yourself.`,
		Detect: `Every use of setCookieAndRedirect in JavaScript: member calls on any object
(res.session.setCookieAndRedirect, authClient.session.setCookieAndRedirect, an alias of res.session),
bracket access with a string key (res['session']['setCookieAndRedirect']) and destructuring
(const { setCookieAndRedirect } = res.session). Comments, string contents and HTML outside scripts are
not code and are not reported. A function the page itself declares under that name (function
setCookieAndRedirect() {...}) is the author's own, so calls of it are not reported.`,
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
			{Code: `<script>
  var session = res.session;
  session['setCookieAndRedirect']('https://acme.example/app');
</script>`},
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
	msg := "setCookieAndRedirect does not exist in Identity Engine; pass OktaUtil.completeLogin as the renderEl success callback and let Okta redirect after sign-in"
	if !hostedPage(pass.File) {
		msg = "setCookieAndRedirect does not exist in Identity Engine; use showSignInAndRedirect, or showSignInToGetTokens and redirect yourself"
	}
	ownFunction := declaresOwn(pass.File, name)
	callbacks := successCallbacks(pass.File)
	for _, s := range pass.File.Doc.Scripts {
		for i, t := range s.Tokens {
			switch {
			case jsmodel.IsName(s, i, name):
				if ownFunction && !jsmodel.IsProperty(s, i) && !inObjectPattern(s, i) {
					continue
				}
				reportInCallback(pass, callbacks, t.Start, t.End, msg)
			case t.Kind == jsscan.String && jsmodel.IsStringKey(s, i, name):
				reportInCallback(pass, callbacks, t.Start, t.End, msg)
			}
		}
	}
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
