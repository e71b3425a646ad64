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
	Triggers: []string{"renderEl"},
	Doc: lint.Doc{
		Summary: "On a hosted sign-in page, renderEl's success callback should be OktaUtil.completeLogin.",
		Why: `Every default Okta-hosted sign-in page calls
oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin, onError). On Identity
Engine, OktaUtil.completeLogin is what finishes the sign-in flow; Okta's upgrade guide says it "correctly
handles the authentication flow, and Okta recommends using it". A custom success callback was written
for Classic responses (res.status, res.session, res.type) that Identity Engine does not send. On
Identity Engine the widget finishes sign-in and redirects by itself (its success-redirect view;
src/v2/controllers/FormController.ts and src/v2/view-builder/ViewFactory.ts in okta-signin-widget
7.20.0), so the callback's own redirect is ignored and its other code may never run.

Pass OktaUtil.completeLogin as the second argument of renderEl. Logic that must run before the
redirect belongs in a widget hook (oktaSignIn.before('success-redirect', ...)); where users land is set
by sign-on policy and the app's settings.`,
		Detect: `Only on Okta-hosted pages. A file counts as hosted when it contains the {{{OktaUtil}}} or
{{{SignInWidgetResources}}} Mustache tag (with any braces), or when its JavaScript uses OktaUtil as an
object (OktaUtil.getSignInWidgetConfig(), ...). Embedded widget pages are left to the embedded-widget
rules.

For every call of renderEl in JavaScript (oktaSignIn.renderEl(...), new OktaSignIn(config).renderEl(...),
on any object), the second argument must be OktaUtil.completeLogin: on any receiver the file's model
traces to OktaUtil (window.OktaUtil, window['OktaUtil'], var util = window.OktaUtil), through a name
that holds it (var success = OktaUtil.completeLogin), or bound to it (.bind(OktaUtil)). Anything else is
reported at the argument; a call with no second argument is reported at renderEl. A function (inline,
or declared by name anywhere in the page, async or not) whose body only forwards its argument to
OktaUtil.completeLogin works, and is reported as info only: it can be simplified (safe fix). A function
that runs code of its own (logging, analytics) and then forwards its argument to
OktaUtil.completeLogin, without reading the Classic response, completes sign-in too: info, no fix, and
the message does not say sign-in fails.

The unsafe fix of a callback passed by name also removes the function when nothing else in the file
uses it (its Classic code would otherwise stay behind); when something does, the fix's message names
the line.`,
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
	const classic = "expects Classic responses that Identity Engine does not send; there the widget finishes sign-in and redirects by itself, and this callback's code may never run; pass OktaUtil.completeLogin instead"
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
		case cb.kind == callbackForwardsAfter:
			d.Severity = lint.Info
			d.Message = "this success callback runs code of its own and then forwards to OktaUtil.completeLogin, so sign-in completes; nothing needs to change (code that only observes sign-in can also go in a widget event handler)"
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
func onlyForwards(m *jsmodel.Model, s *script, fn jsmodel.Function) bool {
	if fn.Params.Empty() || s.Tokens[fn.Params.From].Kind != jsscan.Ident {
		return false
	}
	param := s.Text(s.Tokens[fn.Params.From])
	i, end := fn.Body.From, fn.Body.To
	if !fn.Expression && s.Is(i, "return") {
		i++
	}
	if s.Is(i, "await") {
		i++
	}
	if !fn.Expression && s.Is(end-1, ";") {
		end--
	}
	// callee ( param )
	if end-i < 4 || !s.Is(end-3, "(") || !jsmodel.IsName(s, end-2, param) || !s.Is(end-1, ")") {
		return false
	}
	return m.IsCompleteLogin(s, span{From: i, To: end - 3})
}

// forwardsAfter reports whether a block-bodied callback ends by forwarding
// its first parameter to OktaUtil.completeLogin ([return] [await]
// OktaUtil.completeLogin(res)) after code of its own (logging, analytics),
// and reads nothing of the Classic response: it completes sign-in.
func forwardsAfter(m *jsmodel.Model, s *script, fn jsmodel.Function) bool {
	if fn.Expression || fn.Params.Empty() || s.Tokens[fn.Params.From].Kind != jsscan.Ident {
		return false
	}
	param := s.Text(s.Tokens[fn.Params.From])
	last := -1
	for i := fn.Body.From; i < fn.Body.To; {
		if s.Is(i, ";") {
			i++
			continue
		}
		last = i
		i = statementEnd(s, i, fn.Body.To)
	}
	for i := fn.Body.From; i < fn.Body.To; i++ {
		if jsmodel.IsProperty(s, i) && (jsmodel.IsName(s, i, "session") || jsmodel.IsName(s, i, "sessionToken") ||
			jsmodel.IsName(s, i, "setCookieAndRedirect") || jsmodel.IsName(s, i, "stepUp")) {
			return false
		}
	}
	if last < 0 {
		return false
	}
	i, end := last, statementEnd(s, last, fn.Body.To)
	if s.Is(i, "return") {
		i++
	}
	if s.Is(i, "await") {
		i++
	}
	if s.Is(end-1, ";") {
		end--
	}
	if end-i < 4 || !s.Is(end-3, "(") || !jsmodel.IsName(s, end-2, param) || !s.Is(end-1, ")") {
		return false
	}
	return m.IsCompleteLogin(s, span{From: i, To: end - 3})
}
