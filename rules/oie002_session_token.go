package rules

import (
	"fmt"
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
	Doc: lint.Doc{
		Summary: "Identity Engine has no Classic session token.",
		Why: `On the Classic Engine, a successful sign-in gave the page a one-time session token
(res.session.token) that code traded for a session cookie, for example through
/login/sessionCookieRedirect?token=..., or passed to the Auth JS SDK as { sessionToken }. Identity Engine
finishes sign-in with an interaction code instead and never returns a session token: res.session is
undefined, so code that reads it throws or redirects with "undefined". Okta's upgrade guide names
sessionToken as one of the things that do not work with Identity Engine.

On an Okta-hosted sign-in page, pass OktaUtil.completeLogin as the renderEl success callback. In an
embedded widget, get tokens with showSignInToGetTokens, or let showSignInAndRedirect finish sign-in.`,
		Detect: `In JavaScript: res.session.token (any receiver, dot or bracket access); sessionToken as an
identifier, property or object key ({ sessionToken: t }, transaction.sessionToken, x['sessionToken']);
string and template literals holding /login/sessionCookieRedirect (a URL built in code); and
session.token read through an alias (const { session } = res; var s = res.session; const { token } =
res.session). One finding per use, at the use. A bare res.session, and property names that merely
contain the words (session.tokens, tokenX), are not reported; nor is anything in comments, in string
contents other than that URL, or in HTML outside scripts.`,
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
			{Code: `<script>
  function onSuccess(res) {
    window.location = '/login/sessionCookieRedirect?token=' + res.session.token +
      '&redirectUrl=' + encodeURIComponent('https://acme.example/app');
  }
</script>`},
			{Code: `<script>
  authClient.token.getWithRedirect({ sessionToken: transaction.sessionToken });
</script>`},
			{Code: `<script>
  const { session } = res;
  fetch('/api/exchange', { method: 'POST', body: session.token });
</script>`},
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

const noToken = "which Identity Engine never returns"

func checkSessionToken(pass *lint.Pass) {
	advice := "pass OktaUtil.completeLogin as the renderEl success callback instead"
	if !hostedPage(pass.File) {
		advice = "get tokens with showSignInToGetTokens, or finish sign-in with showSignInAndRedirect"
	}
	callbacks := successCallbacks(pass.File)
	report := func(start, end int, format string, args ...any) {
		reportInCallback(pass, callbacks, start, end, fmt.Sprintf(format, args...))
	}
	aliases := sessionAliases(pass.File, report)
	for _, s := range pass.File.Doc.Scripts {
		for i, t := range s.Tokens {
			switch {
			case jsmodel.IsName(s, i, "sessionToken"):
				report(t.Start, t.End, "sessionToken is a Classic session token, %s; %s", noToken, advice)
			case t.Kind == jsscan.String && jsmodel.IsStringKey(s, i, "sessionToken"):
				report(t.Start, t.End, "sessionToken is a Classic session token, %s; %s", noToken, advice)
			case t.Kind.IsLiteralText() && t.Kind != jsscan.Regexp && strings.Contains(s.Text(t), "/login/sessionCookieRedirect"):
				lit := templateLiteral(s, i)
				report(s.Tokens[lit.From].Start, s.Tokens[lit.To-1].End, "/login/sessionCookieRedirect needs a Classic session token, %s; %s", noToken, advice)
			}
			// X.session.token, with dots or brackets.
			if next, at, ok := propertyAt(s, i, "session"); ok {
				if end, _, ok := propertyAt(s, next, "token"); ok {
					report(s.Tokens[at].Start, s.Tokens[end-1].End, "res.session.token is the Classic session token, %s; %s", noToken, advice)
				}
			}
			// alias.token, where alias holds res.session.
			if t.Kind == jsscan.Ident && aliases[s.Text(t)] && !jsmodel.IsProperty(s, i) {
				if end, _, ok := propertyAt(s, i+1, "token"); ok {
					report(t.Start, s.Tokens[end-1].End, "%s.token reads the Classic session token (res.session.token), %s; %s", s.Text(t), noToken, advice)
				}
			}
		}
	}
}

// sessionAliases finds the variables that hold a Classic session object,
// and reports the token keys destructured straight out of one
// (const { token } = res.session). Aliases are file-wide: the scripts of a
// page share one global scope.
func sessionAliases(f *lint.File, report func(start, end int, format string, args ...any)) map[string]bool {
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
				readPattern(report, s, i, close, fromSession, aliases)
			}
		}
	}
	return aliases
}

// readPattern walks the top-level keys of the object pattern between the
// braces open and close. A `session` key makes its binding an alias;
// a nested { token } under it, or a `token` key of a pattern whose source
// is a session, is a use of the session token.
func readPattern(report func(start, end int, format string, args ...any), s *script, open, close int, fromSession bool, aliases map[string]bool) {
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
			report(t.Start, t.End, "this reads the Classic session token (res.session.token), %s", noToken)
		case key == "session" && s.Is(i+1, ":") && s.Is(i+2, "{") && s.Match(i+2) > i+2:
			readPattern(report, s, i+2, s.Match(i+2), true, aliases)
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
