package rules

import (
	"github.com/tmpllint/tmpllint/jsmodel"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// CompleteLoginCallback is OIE003.
var CompleteLoginCallback = &lint.Rule{
	ID:       "OIE003",
	Name:     "complete-login-callback",
	Severity: lint.Warning,
	Fixable:  true,
	Check:    checkCompleteLoginCallback,
	Doc: lint.Doc{
		Summary: "On a hosted sign-in page, renderEl's success callback should be OktaUtil.completeLogin.",
		Why: `Every default Okta-hosted sign-in page calls
oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin, onError). On Identity
Engine, OktaUtil.completeLogin is what finishes the sign-in flow; Okta's upgrade guide says it "correctly
handles the authentication flow, and Okta recommends using it". A custom success callback was written
for Classic responses (res.status, res.session, res.type) that Identity Engine does not send, so it
either never runs or fails, and users stay on the sign-in page.

Pass OktaUtil.completeLogin as the second argument of renderEl. Logic that must run before the
redirect belongs in a widget hook (oktaSignIn.before('success-redirect', ...)); where users land is set
by sign-on policy and the app's settings.`,
		Detect: `Only on Okta-hosted pages. A file counts as hosted when it contains the {{{OktaUtil}}} or
{{{SignInWidgetResources}}} Mustache tag (with any braces), or when its JavaScript uses OktaUtil as an
object (OktaUtil.getSignInWidgetConfig(), ...). Embedded widget pages are left to the embedded-widget
rules.

For every call of renderEl in JavaScript (oktaSignIn.renderEl(...), new OktaSignIn(config).renderEl(...),
on any object), the second argument must be OktaUtil.completeLogin or window.OktaUtil.completeLogin.
Anything else is reported at the argument; a call with no second argument is reported at renderEl. A
function (inline, or declared by name anywhere in the page) whose body only forwards its argument to
OktaUtil.completeLogin works, and is reported as info only: it can be simplified.`,
		Bad: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.renderEl({ el: '#okta-login-container' }, function (res) {
    if (res.status === 'SUCCESS') {
      window.location = 'https://acme.example/app';
    }
  });
</script>`,
				Fixed: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
			{Code: `{{{SignInWidgetResources}}}
<script>
  new OktaSignIn(OktaUtil.getSignInWidgetConfig()).renderEl({ el: '#okta-login-container' });
</script>`,
				Fixed: `{{{SignInWidgetResources}}}
<script>
  new OktaSignIn(OktaUtil.getSignInWidgetConfig()).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
		},
		Good: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin, function (error) {
    console.log(error.message, error);
  });
</script>`},
			{Code: `<script src="https://global.oktacdn.com/okta-signin-widget/7.20.0/js/okta-sign-in.min.js"></script>
<script>
  // An embedded widget is not a hosted page: this rule does not apply.
  new OktaSignIn({ issuer: 'https://acme.okta.com' }).renderEl({ el: '#widget' }, function (res) {});
</script>`},
		},
	},
}

func checkCompleteLoginCallback(pass *lint.Pass) {
	const classic = "expects Classic responses that Identity Engine does not send, so sign-in does not complete; pass OktaUtil.completeLogin instead"
	for _, cb := range successCallbacks(pass.File) {
		s := cb.script
		d := lint.Diagnostic{}
		if cb.fix != nil {
			d.Fixes = []lint.Fix{*cb.fix}
		}
		switch cb.kind {
		case callbackCompleteLogin:
			continue
		case callbackMissing:
			d.Start, d.End = s.Tokens[cb.renderEl].Start, s.Tokens[cb.open].End
			d.Message = "renderEl has no success callback, while Okta's default page passes OktaUtil.completeLogin, which finishes the sign-in flow on Identity Engine; pass it as the second argument"
			pass.Report(d)
			continue
		}
		d.Start, d.End = jsmodel.ByteSpan(s, cb.arg)
		switch {
		case cb.kind == callbackForwarder && cb.name != "":
			d.Severity = lint.Info
			d.Message = cb.name + " only forwards to OktaUtil.completeLogin; simplify the success callback to OktaUtil.completeLogin"
		case cb.kind == callbackForwarder:
			d.Severity = lint.Info
			d.Message = "this success callback only forwards to OktaUtil.completeLogin; simplify it to OktaUtil.completeLogin"
		case cb.kind == callbackFunction && cb.name != "":
			d.Message = "the renderEl success callback " + cb.name + " " + classic
		case cb.kind == callbackFunction:
			d.Message = "this renderEl success callback " + classic
		default:
			d.Message = "the renderEl success callback is not OktaUtil.completeLogin, which is what finishes sign-in on Identity Engine; pass OktaUtil.completeLogin instead"
		}
		pass.Report(d)
	}
}

// onlyForwards reports whether a function's body does nothing but pass its
// first parameter to OktaUtil.completeLogin:
//
//	function (res) { OktaUtil.completeLogin(res); }
//	(res) => { return window.OktaUtil.completeLogin(res) }
//	res => OktaUtil.completeLogin(res)
func onlyForwards(s *script, fn jsmodel.Function) bool {
	if fn.Params.Empty() || s.Tokens[fn.Params.From].Kind != jsscan.Ident {
		return false
	}
	param := s.Text(s.Tokens[fn.Params.From])
	i, end := fn.Body.From, fn.Body.To
	if !fn.Expression && s.Is(i, "return") {
		i++
	}
	if !fn.Expression && s.Is(end-1, ";") {
		end--
	}
	// callee ( param )
	if end-i < 4 || !s.Is(end-3, "(") || !jsmodel.IsName(s, end-2, param) || !s.Is(end-1, ")") {
		return false
	}
	return isCompleteLogin(s, span{From: i, To: end - 3})
}
