package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tmpllint/tmpllint/internal/lazy"
	"github.com/tmpllint/tmpllint/jsmodel"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// HostedConfigOverride is OIE008.
var HostedConfigOverride = &lint.Rule{
	ID:       "OIE008",
	Name:     "hosted-config-override",
	Severity: lint.Warning,
	Fixable:  true,
	Check:    checkHostedConfigOverride,
	Triggers: []string{"getSignInWidgetConfig", "OktaSignIn"},
	Doc: lint.Doc{
		Summary: "Change single options of the hosted page's widget configuration; do not replace features, the app's identity or the state token.",
		Why: `On an Okta-hosted sign-in page, OktaUtil.getSignInWidgetConfig() returns the configuration Okta
renders for this request: the org's base URL, the state token of the sign-in transaction, the default
feature flags, labels and links. The page is meant to change single options on it and pass it to
new OktaSignIn(config).

Assigning a new object to config.features replaces all of it. Okta's sign-in page guide: "Don't
override the entire config.features object. Assigning a new object to config.features (for example,
config.features = { registration: true }) removes all of Okta's default feature settings and can break
flows such as the password-reset email link." Set single flags instead: config.features.registration =
true, or config['features.registration'] = true.

clientId, issuer and redirectUri name the app and authorization server of an embedded widget; the
widget's README says "Okta-hosted widgets should not set these values": on the hosted page the app is
the one the user is signing in to, and setting them sends the widget into another app's flow.
stateToken is the state of the current transaction, provided by Okta; replacing it breaks the flow.
Remove such assignments.

A configuration built by hand (new OktaSignIn({ baseUrl: ..., clientId: ... }), as embedded samples
do) lacks everything Okta renders for the request. Start from OktaUtil.getSignInWidgetConfig().`,
		Detect: `On the configuration from OktaUtil.getSignInWidgetConfig() (a variable holding it, an
alias, a parameter it is passed to, or a copy { ...config } / Object.assign({}, config)), two kinds of
change are reported.

Whole features objects: config.features = { ... } and config['features'] = { ... } when the new object
does not spread the old one ({ ...config.features, x: true } keeps the defaults and is fine), and
features: { ... } after ...config in an object literal or in an object passed to Object.assign after
the configuration; reported at features. A statement config.features = { a: true, b: 'x' }; whose keys
are plain names and whose values are single literals (true, false, null, numbers, strings) is fixed
into one assignment per flag (config.features.a = true; config.features.b = 'x';), which keeps Okta's
defaults. A Classic-only flag that OIE006 asks to remove (a feature flag it lists, not set to false,
such as router: true) is never suggested nor produced: the message names it as one to leave out, and
the fix sets the other flags only, unsafe then, since dropping the flag changes what a Classic org
does; when every flag is Classic-only the message says to remove the statement and the unsafe fix
deletes its lines. An empty object, computed values, comments or Mustache tags inside, and a statement that is
the body of an if or an arrow without braces are reported without a fix.

The app's identity and the state token: assignments of clientId, issuer, redirectUri and stateToken
(config.clientId = ..., config['issuer'] = ...), and those keys after ...config in an object literal or
in an object passed to Object.assign after the configuration; reported at the key. Reading them is
fine.

On a hosted page (as OIE003 defines it), new OktaSignIn(...) whose argument is an object literal, or a
name assigned exactly one object literal and nothing else in the file, that neither spreads nor mentions the hosted
configuration is reported at the argument; its keys are not reported again.

A configuration whose origin cannot be told (a function's result, a Mustache value) is left alone; so
are objects that merely have such keys (analytics.clientId = ...).`,
		Bad: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  config.features = { showIdentifier: false, hideSignOutLinkInMFA: true };
  new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`,
				Fixed: `{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  config.features.showIdentifier = false; config.features.hideSignOutLinkInMFA = true;
  new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
			{Code: `{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  config.clientId = '0oa1b2c3d4e5f6g7h8i9';
  new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
			{Code: `{{{SignInWidgetResources}}}
{{{OktaUtil}}}
<script>
  var oktaSignIn = new OktaSignIn({
    baseUrl: 'https://acme.okta.com',
    clientId: '0oa1b2c3d4e5f6g7h8i9',
    redirectUri: 'https://acme.example/callback'
  });
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
		},
		Good: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  config.features.showIdentifier = false;
  config['features.hideSignOutLinkInMFA'] = true;
  config.i18n = { en: { 'primaryauth.title': 'Sign in to Acme' } };
  new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
			{Code: `{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  var oktaSignIn = new OktaSignIn({ ...config, features: { ...config.features, autoFocus: false } });
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
		},
	},
}

// hostedCredentialKeys are the options an embedded widget sets and a hosted
// page must leave as Okta renders them.
var hostedCredentialKeys = map[string]bool{"clientId": true, "issuer": true, "redirectUri": true, "stateToken": true}

const featuresAdvice = "removes the default feature flags Okta sets on the hosted page, which flows such as the password-reset email link need"

func checkHostedConfigOverride(pass *lint.Pass) {
	f := pass.File
	hasConfig := fileHasName(f, "getSignInWidgetConfig")
	ownConfig := hostedPage(f) && fileHasName(f, "OktaSignIn")
	if !hasConfig && !ownConfig {
		return
	}
	fx := jsmodel.Of(f)
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if hasConfig {
				configAssignment(pass, fx, s, i)
				if s.Is(i, "{") && s.Match(i) > i {
					if sp := fx.SpreadsConfig(s, i); sp >= 0 {
						if items, ok := jsObjectItems(s, i); ok {
							overrideItems(pass, s, itemsAfterToken(s, items, sp))
						}
					}
				}
				if jsmodel.IsName(s, i, "Object") && jsmodel.IsDot(s, i+1) && jsmodel.IsName(s, i+2, "assign") && s.Is(i+3, "(") {
					configAssign(pass, fx, s, i+3)
				}
			}
			if ownConfig && s.Is(i, "new") && jsmodel.IsName(s, i+1, "OktaSignIn") && s.Is(i+2, "(") {
				handBuiltConfig(pass, fx, s, i+2)
			}
		}
	}
}

// configAssignment reports config.features = {...} and config.clientId =
// ..., where the access starts at token i.
func configAssignment(pass *lint.Pass, fx *jsmodel.Model, s *script, i int) {
	at, next := jsmodel.Member(s, i)
	if at < 0 || !s.Is(next, "=") {
		return
	}
	name := jsmodel.MemberName(s, at)
	if name != "features" && !hostedCredentialKeys[name] || fx.ValueBefore(s, i-1) != jsmodel.WidgetConfig {
		return
	}
	t := s.Tokens[at]
	if name != "features" {
		pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Message: credentialMessage(name)})
		return
	}
	base := "config"
	if jsmodel.IsAuthorIdent(s, i-1) {
		base = s.Text(s.Tokens[i-1])
	}
	brace := next + 1
	if !s.Is(brace, "{") || s.Match(brace) < brace || !jsmodel.EndsExpression(s, s.Match(brace)+1) {
		return
	}
	items, ok := jsObjectItems(s, brace)
	if !ok || hasSpreadItem(items) {
		return
	}
	classic := classicFlagsOf(s, items)
	d := lint.Diagnostic{Start: t.Start, End: t.End}
	switch {
	case len(classic) == 0:
		d.Message = "assigning a new object to " + base + ".features " + featuresAdvice + "; set single flags instead: " + flagExample(s, base, items)
	case len(classic) == countKeys(items):
		d.Message = "assigning a new object to " + base + ".features " + featuresAdvice + "; its flags (" + strings.Join(classic, ", ") + ") are Classic-only, which OIE006 asks to remove, so remove the statement"
	default:
		d.Message = "assigning a new object to " + base + ".features " + featuresAdvice + "; set single flags instead: " + flagExample(s, base, items) + " (leave out " + strings.Join(classic, ", ") + ": Classic-only, which OIE006 asks to remove)"
	}
	if fix, ok := featuresFix(pass.File, s, i, brace, items); ok {
		d.Fixes = []lint.Fix{fix}
	}
	pass.Report(d)
}

func credentialMessage(name string) string {
	if name == "stateToken" {
		return "stateToken is the state of this sign-in transaction, rendered by Okta into the hosted page's configuration; overriding it breaks the sign-in flow, so remove this assignment"
	}
	return fmt.Sprintf("%s is set by Okta in the hosted page's configuration for the app being signed in to; Okta-hosted widgets should not set clientId, issuer or redirectUri, so remove this assignment", name)
}

// classicFlagsOf returns the keys of a features literal that OIE006 asks to
// remove (Classic-only flags not turned off), as features.name: no message
// or fix of OIE008 may suggest setting them.
func classicFlagsOf(s *script, items []jsObjectItem) []string {
	var out []string
	for _, it := range items {
		if it.key >= 0 && classicOnlyFlag(s, jsmodel.MemberName(s, it.key), it.value) {
			out = append(out, "features."+jsmodel.MemberName(s, it.key))
		}
	}
	return out
}

// countKeys counts the items of a literal that have a key.
func countKeys(items []jsObjectItem) int {
	n := 0
	for _, it := range items {
		if it.key >= 0 {
			n++
		}
	}
	return n
}

// flagExample shows the single-flag form of the first flag of a features
// literal, for messages.
func flagExample(s *script, base string, items []jsObjectItem) string {
	for _, it := range items {
		if it.key >= 0 && it.value.To-it.value.From == 1 && it.value.From != it.key && !s.Tokens[it.value.From].Templated {
			name := jsmodel.MemberName(s, it.key)
			if _, classic := classicFeatures[name]; classic {
				continue // OIE006 asks to remove it: no example should keep it
			}
			return fmt.Sprintf("%s.features.%s = %s", base, name, s.Text(s.Tokens[it.value.From]))
		}
	}
	return base + ".features.showIdentifier = false"
}

func hasSpreadItem(items []jsObjectItem) bool {
	for _, it := range items {
		if it.spread {
			return true
		}
	}
	return false
}

// itemsAfterToken returns the items of a literal that come after the token sp.
func itemsAfterToken(s *script, items []jsObjectItem, sp int) []jsObjectItem {
	for k, it := range items {
		if it.value.From > sp {
			return items[k:]
		}
	}
	return nil
}

// overrideItems reports the keys of an object that is merged over the
// hosted configuration: a whole features object, and the app's identity.
func overrideItems(pass *lint.Pass, s *script, items []jsObjectItem) {
	for _, it := range items {
		if it.key < 0 {
			continue
		}
		name := jsmodel.MemberName(s, it.key)
		t := s.Tokens[it.key]
		switch {
		case hostedCredentialKeys[name]:
			msg := fmt.Sprintf("%s is set by Okta in the hosted page's configuration for the app being signed in to; Okta-hosted widgets should not set clientId, issuer or redirectUri, so remove this key", name)
			if name == "stateToken" {
				msg = "stateToken is the state of this sign-in transaction, rendered by Okta into the hosted page's configuration; overriding it breaks the sign-in flow, so remove this key"
			}
			pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Message: msg})
		case name == "features" && s.Is(it.value.From, "{") && s.Match(it.value.From) == it.value.To-1:
			if inner, ok := jsObjectItems(s, it.value.From); ok && !hasSpreadItem(inner) {
				pass.Report(lint.Diagnostic{Start: t.Start, End: t.End,
					Message: "this features object replaces config.features and " + featuresAdvice + "; keep them with features: { ...config.features, ... }, or set single flags on config.features"})
			}
		}
	}
}

// configAssign reports the objects passed to Object.assign after the
// hosted configuration, whose keys override it; open is the call's '('.
func configAssign(pass *lint.Pass, fx *jsmodel.Model, s *script, open int) {
	args, ok := jsmodel.CallArgs(s, open)
	if !ok {
		return
	}
	seen := false
	for _, a := range args {
		if a.Empty() {
			continue
		}
		if seen && s.Is(a.From, "{") && s.Match(a.From) == a.To-1 {
			if items, ok := jsObjectItems(s, a.From); ok {
				overrideItems(pass, s, items)
			}
			continue
		}
		if end, ok := fx.ConfigRef(s, a.From); ok && end == a.To {
			seen = true
		}
	}
}

// maxOwnConfigScan bounds the search of a configuration literal for a
// mention of the hosted configuration.
const maxOwnConfigScan = 4096

// handBuiltConfig reports new OktaSignIn(...) on a hosted page whose
// configuration is an object built without the hosted one; open is the
// call's '('.
func handBuiltConfig(pass *lint.Pass, fx *jsmodel.Model, s *script, open int) {
	args, ok := jsmodel.CallArgs(s, open)
	if !ok || len(args) == 0 || args[0].Empty() {
		return
	}
	a := args[0]
	const msg = "this widget configuration is built by hand, not from OktaUtil.getSignInWidgetConfig(), so it lacks what Okta renders into the hosted page for the request (state token, base URL, feature flags, labels); start from var config = OktaUtil.getSignInWidgetConfig() and change single options on it"
	switch {
	case s.Is(a.From, "{") && s.Match(a.From) == a.To-1:
		if ownLiteral(fx, s, a.From) {
			start, end := jsmodel.ByteSpan(s, a)
			pass.Report(lint.Diagnostic{Start: start, End: end, Message: msg})
		}
	case a.To == a.From+1 && jsmodel.IsAuthorIdent(s, a.From):
		lit, ok := jsmodel.WidgetsOf(pass.File).ObjectOf(s, a)
		if !ok || !jsmodel.EndsExpression(lit.S, lit.Close()+1) {
			return
		}
		if ownLiteral(fx, lit.S, lit.Open) {
			t := s.Tokens[a.From]
			pass.Report(lint.Diagnostic{Start: t.Start, End: t.End,
				Message: fmt.Sprintf("%s (declared on line %d) %s", s.Text(t), pass.File.Line(lit.S.Tokens[lit.Open].Start), strings.TrimPrefix(msg, "this widget configuration "))})
		}
	}
}

// ownLiteral reports whether the object literal at brace is a configuration
// of its own: no spread, and no mention of the hosted configuration.
func ownLiteral(fx *jsmodel.Model, s *script, brace int) bool {
	items, ok := jsObjectItems(s, brace)
	if !ok || hasSpreadItem(items) {
		return false
	}
	close := s.Match(brace)
	if close-brace > maxOwnConfigScan {
		return false
	}
	for k := brace + 1; k < close; k++ {
		switch {
		case jsmodel.IsName(s, k, "getSignInWidgetConfig"), jsmodel.IsName(s, k, "oktaData"):
			return false
		case jsmodel.IsAuthorIdent(s, k) && !jsmodel.IsProperty(s, k) && !s.Is(k+1, ":") && fx.Bound(fx.Resolve(s, k)) == jsmodel.WidgetConfig:
			return false
		}
	}
	return true
}

// identifierName matches the keys that can follow a dot.
var jsIdentifierName = lazy.Regexp("rules.jsIdentifierName", `^[A-Za-z_$][A-Za-z0-9_$]*$`)

// featuresFix rewrites `config.features = { a: true, b: 'x' };` into one
// assignment per flag, when that is certainly the same flags with Okta's
// defaults kept: a statement of its own, plain keys, single literal values,
// no comments or Mustache tags. dot is the '.' before features; brace the literal's '{'.
func featuresFix(f *lint.File, s *script, dot, brace int, items []jsObjectItem) (lint.Fix, bool) {
	base := dot - 1
	if !s.Is(dot, ".") || !jsmodel.IsAuthorIdent(s, base) || len(items) == 0 || !featuresStatementStart(s, base) {
		return lint.Fix{}, false
	}
	close := s.Match(brace)
	if !featuresStatementEnd(s, close+1) {
		return lint.Fix{}, false
	}
	start, end := s.Tokens[base].Start, s.Tokens[close].End
	if commentOverlaps(s, start, end) || mustacheOverlaps(f, start, end) {
		return lint.Fix{}, false
	}
	var parts, dropped []string
	prefix := s.Text(s.Tokens[base]) + ".features."
	for _, it := range items {
		if it.key < 0 || it.spread || it.value.To-it.value.From != 1 && !flagNegativeNumber(s, it.value) {
			return lint.Fix{}, false
		}
		key := jsmodel.MemberName(s, it.key)
		if !jsIdentifierName().MatchString(key) || s.Tokens[it.key].Templated || it.value.From == it.key {
			return lint.Fix{}, false
		}
		if !flagLiteral(s, it.value.From) && !flagNegativeNumber(s, it.value) {
			return lint.Fix{}, false
		}
		if classicOnlyFlag(s, key, it.value) {
			dropped = append(dropped, key)
			continue
		}
		parts = append(parts, prefix+key+" = "+string(f.Content[s.Tokens[it.value.From].Start:s.Tokens[it.value.To-1].End]))
	}
	if len(parts) == 0 {
		// Every flag is Classic-only: what is left to do is OIE006's
		// advice, removing the statement, which changes a Classic org.
		stmtEnd := close
		if s.Is(close+1, ";") {
			stmtEnd = close + 1
		}
		e, ok := removeLines(f, s, start, s.Tokens[stmtEnd].End)
		if !ok {
			return lint.Fix{}, false
		}
		return lint.Fix{Message: "remove the statement: its flags (" + strings.Join(dropped, ", ") + ") are Classic-only", Edits: []lint.Edit{e}}, true
	}
	sep := "; "
	if membersOnOwnLines(s, brace, close) {
		sep = ";" + lineBreakAfter(f.Content, s.Tokens[brace].End) + lineIndentAt(f.Content, start)
	}
	fix := lint.Fix{
		Message: "set each flag on config.features instead of replacing the object",
		Safe:    true,
		Edits:   []lint.Edit{{Start: start, End: end, New: strings.Join(parts, sep)}},
	}
	if len(dropped) > 0 {
		// Leaving out a Classic-only flag changes a Classic org.
		fix.Message += ", leaving out the Classic-only " + strings.Join(dropped, ", ")
		fix.Safe = false
	}
	return fix, true
}

// featuresStatementStart reports whether token i starts a statement that
// can be replaced by several: after ';', '{', '}' or at the start of the
// script, or on a new line after a token that ends a statement (a name, a
// literal, a call). A statement that is the body of if, else, while or an
// arrow without braces cannot.
func featuresStatementStart(s *script, i int) bool {
	if i == 0 {
		return true
	}
	if s.Is(i-1, ";") || s.Is(i-1, "{") || s.Is(i-1, "}") {
		return true
	}
	if !s.Tokens[i].NewlineBefore {
		return false
	}
	if s.Is(i-1, ")") {
		// A call ends a statement; the condition of if, for, while or with
		// is followed by the statement it governs.
		open := s.Match(i - 1)
		return open > 0 && s.Tokens[open-1].Kind != jsscan.Keyword
	}
	prev := s.Tokens[i-1].Kind
	return prev == jsscan.Ident || prev == jsscan.Number || prev == jsscan.String || s.Is(i-1, "]")
}

// featuresStatementEnd reports whether the statement ends before token i: a ';',
// the end of the script or block, or a new line that cannot continue it.
func featuresStatementEnd(s *script, i int) bool {
	if i >= len(s.Tokens) || s.Is(i, ";") || s.Is(i, "}") {
		return true
	}
	t := s.Tokens[i]
	return t.NewlineBefore && (t.Kind == jsscan.Ident || t.Kind == jsscan.Keyword)
}

// flagLiteral reports whether token i is a literal the fix may copy.
func flagLiteral(s *script, i int) bool {
	t := s.Tokens[i]
	if t.Templated {
		return false
	}
	switch t.Kind {
	case jsscan.Number, jsscan.String:
		return true
	case jsscan.Keyword, jsscan.Ident:
		return s.Is(i, "true") || s.Is(i, "false") || s.Is(i, "null") || s.Is(i, "undefined")
	}
	return false
}

func flagNegativeNumber(s *script, sp span) bool {
	return sp.To-sp.From == 2 && s.Is(sp.From, "-") && s.Tokens[sp.From+1].Kind == jsscan.Number && !s.Tokens[sp.From+1].Templated
}

// commentOverlaps reports whether a comment of s overlaps [start, end).
func commentOverlaps(s *script, start, end int) bool {
	k := sort.Search(len(s.Comments), func(k int) bool { return s.Comments[k].End > start })
	return k < len(s.Comments) && s.Comments[k].Start < end
}

// mustacheOverlaps reports whether a Mustache tag overlaps [start, end): a fix
// that rewrote the span would drop it.
func mustacheOverlaps(f *lint.File, start, end int) bool {
	tags := f.Doc.Mustache
	k := sort.Search(len(tags), func(k int) bool { return tags[k].End > start })
	return k < len(tags) && tags[k].Start < end
}

// membersOnOwnLines reports whether a literal's members start on lines of their own.
func membersOnOwnLines(s *script, open, close int) bool {
	for k := open + 1; k <= close; k++ {
		if s.Tokens[k].NewlineBefore {
			return true
		}
		if m := s.Match(k); m > k {
			k = m
		}
	}
	return false
}

// lineBreakAfter returns the line break used after offset: "\r\n" or "\n".
func lineBreakAfter(src []byte, offset int) string {
	for k := offset; k < len(src); k++ {
		if src[k] == '\n' {
			if k > 0 && src[k-1] == '\r' {
				return "\r\n"
			}
			return "\n"
		}
	}
	return "\n"
}

// lineIndentAt returns the spaces and tabs that start the line of offset.
func lineIndentAt(src []byte, offset int) string {
	start := offset
	for start > 0 && src[start-1] != '\n' && src[start-1] != '\r' {
		start--
	}
	end := start
	for end < offset && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}
