package rules

import (
	"fmt"
	"github.com/tmpllint/tmpllint/jsmodel"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// RequestContextTarget is OIE007.
var RequestContextTarget = &lint.Rule{
	ID:       "OIE007",
	Name:     "request-context-target",
	Severity: lint.Error,
	Fixable:  true,
	Check:    checkRequestContextTarget,
	Triggers: []string{"getRequestContext"},
	Doc: lint.Doc{
		Summary: "OktaUtil.getRequestContext().target is Classic Engine only; read the app from .app.value as well.",
		Why: `On the Classic Engine, OktaUtil.getRequestContext() describes the app a user signs in to as
target (target.clientId, target.label, target.name), and the SAML app through
authentication.issuer.id. Identity Engine returns another shape: the app is app.value (app.value.id,
app.value.label, app.value.name) and the issuer sits under authentication.value. So on Identity Engine
requestContext.target is undefined: requestContext.target.clientId throws, and per-app branding or
routing written for Classic silently stops applying. Okta's upgrade testing guide lists "target is
undefined" errors among the common failures after an Identity Engine upgrade, and the sign-in page
guide gives OktaUtil.getRequestContext().app.value.id as the Identity Engine way to get the app's ID.

Read the Identity Engine shape, keeping the Classic one as a fallback while both engines may serve the
page: requestContext.target?.clientId || requestContext.app?.value?.id. getRequestContext() returns
undefined outside an app's sign-in flow, so guard the context itself too.`,
		Detect: `Reads of target, and of the Classic paths authentication.issuer, authentication.request and
authentication.client, on the request context:
OktaUtil.getRequestContext().target (window.OktaUtil, a parameter named oktaUtil), a variable or
parameter holding the context (var ctx = OktaUtil.getRequestContext(); ctx.target.clientId, also
through || {} and aliases, and through arguments passed to a function the page declares by name), dot,
optional chaining and bracket access (ctx?.target, ctx['target']), and destructuring
(const { target } = ctx). Each read is reported at target (or at issuer, request, client).

A read is left alone when the same function also reads .app.value (or .app?.value, or destructures app
from the context): that is the dual-engine pattern. "The same function" is the innermost function
around the read; code outside any function counts as one scope for the whole page, as its scripts
share one global scope. A function that reads app.value elsewhere than around the read is trusted to
choose the right branch. The exception is a Classic read that must run before the fallback in the same
expression, ctx.target.clientId || ctx.app.value.id: it throws on Identity Engine before the fallback
is reached, so it is reported, and the fix makes the target read optional (ctx.target?.clientId), which
changes nothing on Classic.

target on anything else (event.target, a link's target) is not the request context and is not
reported; nor is anything in comments or strings.`,
		Bad: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  function getAppId() {
    var requestContext = OktaUtil.getRequestContext();
    if (requestContext && requestContext.target && requestContext.target.clientId) {
      return requestContext.target.clientId;
    }
  }
</script>`},
			{Code: `{{{OktaUtil}}}
<script>
  var ctx = OktaUtil.getRequestContext() || {};
  var appId = ctx.target.clientId || ctx.app.value.id;
</script>`,
				Fixed: `{{{OktaUtil}}}
<script>
  var ctx = OktaUtil.getRequestContext() || {};
  var appId = ctx.target?.clientId || ctx.app.value.id;
</script>`},
		},
		Good: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  function getAppId() {
    var requestContext = OktaUtil.getRequestContext();
    if (!requestContext) return undefined;
    // Classic Engine, then Identity Engine
    return requestContext.target?.clientId || requestContext.app?.value?.id;
  }
</script>`},
			{Code: `{{{OktaUtil}}}
<script>
  var requestContext = OktaUtil.getRequestContext();
  if (requestContext && requestContext.app && requestContext.app.value.id === '0oa1b2c3d4e5f6g7h8i9') {
    document.body.classList.add('partner-portal');
  }
</script>`},
		},
	},
}

// ctxRead is one read of a Classic-only part of the request context.
type ctxRead struct {
	s *script
	// at is the token of target (or issuer); next the index after it.
	at, next int
	scope    int32
	// auth is the Classic authentication path read ("issuer", "request",
	// "client"), or "" for target.
	auth string
	// base is the expression the read starts from, for messages.
	base string
}

func checkRequestContextTarget(pass *lint.Pass) {
	f := pass.File
	if !fileHasName(f, "getRequestContext") {
		return
	}
	fx := jsmodel.Of(f)
	fallback := map[int32]bool{}
	var reads []ctxRead
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if at, next := jsmodel.Member(s, i); at >= 0 {
				switch {
				case jsmodel.KeyIs(s, at, "app"):
					if v, _ := jsmodel.Member(s, next); jsmodel.KeyIs(s, v, "value") {
						fallback[fx.Scope(s, i)] = true
					}
				case jsmodel.KeyIs(s, at, "target") && fx.ValueBefore(s, i-1) == jsmodel.RequestContext:
					reads = append(reads, ctxRead{s: s, at: at, next: next, scope: fx.Scope(s, at), base: ctxBaseText(s, i-1)})
				case jsmodel.KeyIs(s, at, "authentication") && fx.ValueBefore(s, i-1) == jsmodel.RequestContext:
					if is, after := jsmodel.Member(s, next); classicAuthPaths[jsmodel.MemberName(s, is)] {
						reads = append(reads, ctxRead{s: s, at: is, next: after, scope: fx.Scope(s, is), auth: jsmodel.MemberName(s, is), base: ctxBaseText(s, i-1)})
					}
				}
			}
			// { target, app } = ctx
			if s.Is(i, "{") && s.Match(i) > i && s.Is(s.Match(i)+1, "=") {
				if v, end := fx.ValueExpr(s, s.Match(i)+2); v == jsmodel.RequestContext && jsmodel.EndsExpression(s, end) {
					base := "OktaUtil.getRequestContext()"
					if call, _ := jsmodel.OktaUtilCall(s, s.Match(i)+2); call == jsmodel.None && jsmodel.IsAuthorIdent(s, s.Match(i)+2) {
						base = s.Text(s.Tokens[s.Match(i)+2])
					}
					reads = ctxPattern(s, i, fx.Scope(s, i), base, reads, fallback)
				}
			}
		}
	}
	for _, r := range reads {
		if d, ok := ctxDiagnostic(fx, r, fallback); ok {
			pass.Report(d)
		}
	}
}

// classicAuthPaths are the Classic Engine paths under the request
// context's authentication: the SAML issuer, the request and the client.
var classicAuthPaths = map[string]bool{"issuer": true, "request": true, "client": true}

// ctxPattern reads the keys of an object pattern destructuring the request
// context: target and authentication: { issuer } are reads, app is the
// Identity Engine fallback.
func ctxPattern(s *script, brace int, scope int32, base string, reads []ctxRead, fallback map[int32]bool) []ctxRead {
	items, ok := jsObjectItems(s, brace)
	if !ok {
		return reads
	}
	for _, it := range items {
		switch jsmodel.MemberName(s, it.key) {
		case "app":
			fallback[scope] = true
		case "target":
			reads = append(reads, ctxRead{s: s, at: it.key, next: it.key + 1, scope: scope, base: base})
		case "authentication":
			if s.Is(it.value.From, "{") && s.Match(it.value.From) > it.value.From {
				if inner, ok := jsObjectItems(s, it.value.From); ok {
					for _, in := range inner {
						if name := jsmodel.MemberName(s, in.key); classicAuthPaths[name] {
							reads = append(reads, ctxRead{s: s, at: in.key, next: in.key + 1, scope: scope, auth: name, base: base})
						}
					}
				}
			}
		}
	}
	return reads
}

// ctxDiagnostic decides what to report about one read.
func ctxDiagnostic(fx *jsmodel.Model, r ctxRead, fallback map[int32]bool) (lint.Diagnostic, bool) {
	s := r.s
	t := s.Tokens[r.at]
	d := lint.Diagnostic{Start: t.Start, End: t.End}
	if r.auth != "" {
		if fallback[r.scope] {
			return d, false
		}
		d.Message = fmt.Sprintf("%s.authentication.%s is the Classic Engine request context (Identity Engine's authentication holds value, as in authentication.value.issuer), so this fails after the upgrade; identify the app with the Identity Engine shape too: %s.app?.value?.id", r.base, r.auth, r.base)
		return d, true
	}
	prop := ""
	if at, _ := jsmodel.Member(s, r.next); at >= 0 {
		prop = jsmodel.MemberName(s, at)
	}
	if fix, ok := throwsBeforeFallback(fx, r); ok {
		d.Message = fmt.Sprintf("%s.target.%s throws on Identity Engine, where target is undefined, before the app.value fallback after it is reached; read it with optional chaining: %s.target?.%s", r.base, prop, r.base, prop)
		d.Fixes = []lint.Fix{fix}
		return d, true
	}
	if fallback[r.scope] {
		return d, false
	}
	d.Message = fmt.Sprintf("%s.target is the Classic Engine request context and is undefined on Identity Engine (\"target is undefined\" after the upgrade); read the Identity Engine shape too: %s", r.base, ctxSuggestion(r.base, prop))
	return d, true
}

// oieAppKeys maps Classic target keys to the Identity Engine app.value keys.
var oieAppKeys = map[string]string{"clientId": "id", "label": "label", "name": "name"}

func ctxSuggestion(base, prop string) string {
	if oie, ok := oieAppKeys[prop]; ok {
		return fmt.Sprintf("%s.target?.%s || %s.app?.value?.%s", base, prop, base, oie)
	}
	return base + ".app?.value (id, label, name)"
}

// maxFallbackScan bounds how far the right operand of || is searched for
// the app.value fallback: a chain of thousands of || would otherwise be
// searched once per operand.
const maxFallbackScan = 1024

// throwsBeforeFallback reports whether a read is ctx.target.X (the member
// access after target not optional) followed by || or ?? whose right operand
// reads app.value in the same function, and returns the fix that makes the
// access optional.
func throwsBeforeFallback(fx *jsmodel.Model, r ctxRead) (lint.Fix, bool) {
	s := r.s
	if !s.Is(r.next, ".") && !s.Is(r.next, "[") {
		return lint.Fix{}, false
	}
	end := r.next
	for steps := 0; steps < jsmodel.MaxExpressionSteps; steps++ {
		if _, next := jsmodel.Member(s, end); next > end {
			end = next
			continue
		}
		break
	}
	if !s.Is(end, "||") && !s.Is(end, "??") {
		return lint.Fix{}, false
	}
	stop, ok := jsmodel.ExpressionEnd(s, end+1, jsmodel.MaxExpressionSteps)
	if !ok {
		return lint.Fix{}, false
	}
	found := false
	for k := end + 1; k < stop && k < end+1+maxFallbackScan; k++ {
		if at, next := jsmodel.Member(s, k); jsmodel.KeyIs(s, at, "app") && fx.Scope(s, k) == r.scope {
			if v, _ := jsmodel.Member(s, next); jsmodel.KeyIs(s, v, "value") {
				found = true
				break
			}
		}
	}
	if !found {
		return lint.Fix{}, false
	}
	t := s.Tokens[r.next]
	edit := lint.Edit{Start: t.Start, End: t.End, New: "?."}
	if s.Is(r.next, "[") {
		edit = lint.Edit{Start: t.Start, End: t.Start, New: "?."}
	}
	return lint.Fix{Message: "read target with optional chaining, so the Identity Engine fallback is reached", Safe: true, Edits: []lint.Edit{edit}}, true
}

// ctxBaseText returns the source of the expression ending at token k that a
// member access reads from, for messages: a name as written, else the
// OktaUtil call.
func ctxBaseText(s *script, k int) string {
	if s.Is(k, "!") {
		k--
	}
	if k >= 0 && k < len(s.Tokens) && s.Tokens[k].Kind == jsscan.Ident {
		return s.Text(s.Tokens[k])
	}
	return "OktaUtil.getRequestContext()"
}
