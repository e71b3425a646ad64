package rules

import (
	"github.com/tmpllint/tmpllint/jsmodel"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// NoSessionToken is OIE002.
var NoSessionToken = &lint.Rule{
	ID:       "OIE002",
	Name:     "no-session-token",
	Severity: lint.Error,
	Fixable:  true,
	Check:    checkSessionToken,
	Triggers: []string{"session"}, // session.token, sessionToken, /login/sessionCookieRedirect
	Doc: lint.Doc{
		Summary: "Identity Engine has no Classic session token.",
		Why: `On the Classic Engine, a successful sign-in gave the page a one-time session token
(res.session.token) that code traded for a session cookie, for example through
/login/sessionCookieRedirect?token=..., or passed to the Auth JS SDK as { sessionToken }. Identity Engine
finishes sign-in with an interaction code instead and returns no session token. Okta's upgrade guide
names sessionToken as one of the things that do not work with Identity Engine
(https://developer.okta.com/docs/guides/oie-upgrade-sign-in-widget/main/).

On an Okta-hosted sign-in page the widget finishes sign-in and redirects by itself: pass
OktaUtil.completeLogin as the renderEl success callback. In embedded and Auth JS code the session token
belongs to the Classic authentication (AuthN) pipeline, which Okta has deprecated and which stops
working when the app moves to the interaction code flow: get tokens with showSignInToGetTokens, or let
showSignInAndRedirect finish sign-in.`,
		Detect: `In JavaScript: res.session.token (any receiver, dot or bracket access); sessionToken as an
identifier, property or object key ({ sessionToken: t }, transaction.sessionToken, x['sessionToken']);
string and template literals holding /login/sessionCookieRedirect (a URL built in code); and
session.token read through an alias (const { session } = res; var s = res.session; const { token } =
res.session). One finding per use, at the use. A bare res.session, and property names that merely
contain the words (session.tokens, tokenX), are not reported; nor is anything in comments, in string
contents other than that URL, or in HTML outside scripts.

A finding needs Okta evidence (package jsmodel): an error when the value flows from an Okta source (the
widget's response, an auth-js client or its signIn/signInWithCredentials transaction, or anything read
from these; an object key counts when the object is passed to such a value's method; the
/login/sessionCookieRedirect URL is Okta's own endpoint); info when only the name ties it to Okta in a
file about Okta (a hosted page, a page loading the widget, code importing an @okta/ module or creating
the widget); nothing in other files: an AWS credentials sessionToken, Express's req.session.token and
NextAuth's sessionToken cookie are not Okta's. Each message quotes the code as written.`,
		Bad: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.renderEl({ el: '#okta-login-container' }, function (res) {
    window.location = '/login/sessionCookieRedirect?token=' + res.session.token + '&redirectUrl=/app';
  });
</script>`,
				Fixed: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
			{Code: `{{{OktaUtil}}}
<script>
  function onSuccess(res) {
    window.location = '/login/sessionCookieRedirect?token=' + res.session.token +
      '&redirectUrl=' + encodeURIComponent('https://acme.example/app');
  }
</script>`},
			{File: "login.js", Code: `import { OktaAuth } from '@okta/okta-auth-js';

const authClient = new OktaAuth({ issuer: 'https://acme.okta.com/oauth2/default', clientId: '0oa1b2c3d4e5f6g7h8i9' });
const transaction = await authClient.signInWithCredentials({ username, password });
authClient.token.getWithRedirect({ sessionToken: transaction.sessionToken });
`},
			{File: "login.js", Code: `const signIn = new OktaSignIn({ baseUrl: 'https://acme.okta.com' });
signIn.renderEl({ el: '#sign-in-widget' }, (res) => {
  const { session } = res;
  fetch('/api/exchange', { method: 'POST', body: session.token });
});
`},
		},
		Good: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn(OktaUtil.getSignInWidgetConfig());
  // The session token is gone in Identity Engine: completeLogin finishes sign-in.
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin, function (error) {
    console.log('no sessionToken here', error);
  });
</script>`},
		},
	},
}

func checkSessionToken(pass *lint.Pass) {
	// The model is built only for a file that has something to report.
	m := lazyModel(pass.File)
	advice := "on Identity Engine the widget finishes sign-in by itself and never returns a Classic session token; pass OktaUtil.completeLogin as the renderEl success callback instead"
	if !jsmodel.ContextOf(pass.File).Hosted() {
		advice = "the session token belongs to the Classic authentication (AuthN) pipeline, which Okta has deprecated and which stops working when the app moves to the interaction code flow (no session token is returned then); get tokens with showSignInToGetTokens, or finish sign-in with showSignInAndRedirect"
	}
	callbacks := successCallbacks(pass.File)
	report := func(ev jsmodel.Evidence, start, end int, quoted, what string) {
		sev, note, ok := evidenceSeverity(ev, pass.Rule.Severity)
		if !ok {
			return
		}
		msg := quoted + " " + what + ": " + advice + note
		reportInCallback(pass, callbacks, lint.Diagnostic{Start: start, End: end, Severity: sev, Message: msg})
	}
	aliases := sessionAliases(m, pass.File, report)
	for _, s := range pass.File.Doc.Scripts {
		for i, t := range s.Tokens {
			switch {
			case jsmodel.IsName(s, i, "sessionToken") && jsmodel.IsProperty(s, i),
				t.Kind == jsscan.String && jsmodel.IsStringKey(s, i, "sessionToken") && s.Is(i-1, "["):
				report(m().EvidenceAt(s, objectEnd(s, i)), t.Start, t.End, chainText(s, i), "reads a Classic session token")
			case jsmodel.IsName(s, i, "sessionToken") && inObjectPattern(s, i) && !s.Is(i+1, "="),
				t.Kind == jsscan.String && jsmodel.IsStringKey(s, i, "sessionToken"):
				if ev, ok := destructuredFrom(m(), s, i); ok {
					report(ev, t.Start, t.End, codeText(s, i, i), "reads a Classic session token")
				} else {
					report(m().KeyEvidence(s, i), t.Start, t.End, codeText(s, i, i), "passes a Classic session token")
				}
			case jsmodel.IsName(s, i, "sessionToken"):
				report(m().FileEvidence(), t.Start, t.End, codeText(s, i, i), "names a Classic session token")
			case t.Kind.IsLiteralText() && t.Kind != jsscan.Regexp && strings.Contains(s.Text(t), "/login/sessionCookieRedirect"):
				// Okta's own endpoint: the URL itself is the evidence.
				lit := templateLiteral(s, i)
				report(jsmodel.Strong, s.Tokens[lit.From].Start, s.Tokens[lit.To-1].End, "/login/sessionCookieRedirect", "trades a Classic session token for a cookie")
			}
			// X.session.token, with dots or brackets.
			if next, at, ok := propertyAt(s, i, "session"); ok {
				if end, tokenAt, ok := propertyAt(s, next, "token"); ok {
					report(m().EvidenceAt(s, objectEnd(s, at)), s.Tokens[at].Start, s.Tokens[end-1].End, chainText(s, tokenAt), "reads the Classic session token")
				}
			}
			// alias.token, where alias holds res.session.
			if t.Kind == jsscan.Ident && aliases[s.Text(t)] && !jsmodel.IsProperty(s, i) {
				if end, tokenAt, ok := propertyAt(s, i+1, "token"); ok {
					report(m().EvidenceAt(s, i), t.Start, s.Tokens[end-1].End, chainText(s, tokenAt), "reads the Classic session token (it holds res.session)")
				}
			}
		}
	}
}

// reportFunc reports a finding with its evidence, the code it quotes and
// what the code does.
type reportFunc func(ev jsmodel.Evidence, start, end int, quoted, what string)

// sessionAliases finds the variables that hold a Classic session object,
// and reports the token keys destructured straight out of one
// (const { token } = res.session). Aliases are file-wide: the scripts of a
// page share one global scope.
func sessionAliases(m func() *jsmodel.Model, f *lint.File, report reportFunc) map[string]bool {
	aliases := map[string]bool{}
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			// name = <member chain ending in .session>, and nothing more. Only
			// the chain is read, never the rest of the expression, so that
			// a = a = a = ... stays linear.
			if s.Tokens[i].Kind == jsscan.Ident && !jsmodel.IsProperty(s, i) && s.Is(i+1, "=") {
				if end := jsmodel.MemberChainEnd(s, i+2); jsmodel.EndsExpression(s, end) && endsWithProperty(s, span{From: i + 2, To: end}, "session") {
					aliases[s.Text(s.Tokens[i])] = true
				}
			}
			// { ... } = <source>: an object pattern.
			if s.Is(i, "{") && s.Match(i) > i && s.Is(s.Match(i)+1, "=") {
				close := s.Match(i)
				end := jsmodel.MemberChainEnd(s, close+2)
				source := span{From: close + 2, To: end}
				fromSession := jsmodel.EndsExpression(s, end) && (endsWithProperty(s, source, "session") ||
					end == close+3 && aliases[s.Text(s.Tokens[close+2])])
				ev := func() jsmodel.Evidence {
					if end > close+2 {
						return m().EvidenceAt(s, end-1)
					}
					return m().FileEvidence()
				}
				readPattern(report, ev, s, i, close, fromSession, aliases)
			}
		}
	}
	return aliases
}

// readPattern walks the top-level keys of the object pattern between the
// braces open and close. A `session` key makes its binding an alias;
// a nested { token } under it, or a `token` key of a pattern whose source
// is a session, is a use of the session token.
func readPattern(report reportFunc, ev func() jsmodel.Evidence, s *script, open, close int, fromSession bool, aliases map[string]bool) {
	for i := open + 1; i < close; i++ {
		if m := s.Match(i); m > i {
			i = m
			continue
		}
		if !(s.Is(i-1, "{") || s.Is(i-1, ",")) || s.Tokens[i].Kind != jsscan.Ident {
			continue
		}
		key := s.Text(s.Tokens[i])
		switch {
		case key == "token" && fromSession:
			t := s.Tokens[i]
			report(ev(), t.Start, t.End, "token", "destructures the Classic session token out of a session object")
		case key == "session" && s.Is(i+1, ":") && s.Is(i+2, "{") && s.Match(i+2) > i+2:
			readPattern(report, ev, s, i+2, s.Match(i+2), true, aliases)
			i = s.Match(i + 2)
		case key == "session" && s.Is(i+1, ":") && i+2 < close && s.Tokens[i+2].Kind == jsscan.Ident:
			aliases[s.Text(s.Tokens[i+2])] = true
		case key == "session":
			aliases["session"] = true
		}
	}
}

// endsWithProperty reports whether the expression sp ends with a read of
// property name (x.name or x['name']) and is not a call.
func endsWithProperty(s *script, sp span, name string) bool {
	if sp.To-sp.From < 2 {
		return false
	}
	last := sp.To - 1
	if jsmodel.IsName(s, last, name) && jsmodel.IsDot(s, last-1) {
		return true
	}
	return s.Is(last, "]") && jsmodel.IsStringKey(s, last-1, name) && s.Is(last-2, "[")
}

// templateLiteral returns the whole literal that token i belongs to: the
// token itself, or for a piece of a template with substitutions, everything
// from the opening backtick to the closing one (to the end of the script
// when it is never closed).
func templateLiteral(s *script, i int) span {
	from := i
	if k := s.Tokens[i].Kind; (k == jsscan.TemplateMiddle || k == jsscan.TemplateTail) && s.Match(i) >= 0 {
		from = s.Match(i) // every piece links to the head
	}
	if s.Tokens[from].Kind != jsscan.TemplateHead {
		return span{From: i, To: i + 1}
	}
	if tail := s.Match(from); tail > from {
		return span{From: from, To: tail + 1}
	}
	return span{From: from, To: len(s.Tokens)}
}
