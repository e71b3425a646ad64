package rules

import (
	"fmt"
	"github.com/tmpllint/tmpllint/jsmodel"

	"github.com/tmpllint/tmpllint/lint"
)

// InteractionCodeFlow is OIE004.
var InteractionCodeFlow = &lint.Rule{
	ID:       "OIE004",
	Name:     "interaction-code-flow",
	Severity: lint.Error,
	Fixable:  true,
	Check:    checkInteractionCodeFlow,
	Triggers: []string{"OktaSignIn", "okta-signin-widget"}, // a widget created or imported (mentionsWidget)
	Doc: lint.Doc{
		Summary: "An embedded Sign-In Widget before 7.0 needs useInteractionCodeFlow: true to sign in with Identity Engine.",
		Why: `An app that embeds the Sign-In Widget (new OktaSignIn({...}) in its own page or bundle) signs in
with Identity Engine only through the interaction code flow. Okta's upgrade guide: the embedded widget
needs version 5.2.0 or later for it, and versions before 7 must enable it with
useInteractionCodeFlow: true. Without it a 5.x or 6.x widget runs the Classic authentication flow, and
before 5.2.0 it cannot run the interaction code flow at all.

From 7.0, Identity Engine is the default: the widget's migration notes say useInteractionCodeFlow was
removed, so it is dead configuration to delete, and a new option, useClassicEngine: true, opts back
into the Classic Engine, which Okta says will be removed from the widget.

What to do depends on the widget version, so every message says which version it assumed and where it
came from: --widget-version, the widget's script src (the Okta CDN or an npm CDN), or the
@okta/okta-signin-widget dependency of package.json. Upgrading to 7.x is the recommended path.`,
		Detect: `Only embedded widgets: a file that is an Okta-hosted page (see OIE003) is left alone, and so is
a file that neither imports nor creates the widget. A widget is a new OktaSignIn(...) call, also
as new window.OktaSignIn(...), and through a name bound to the
widget module (import Signin from '@okta/okta-signin-widget', import { default as Signin } from ...,
const Signin = require('@okta/okta-signin-widget')). Its configuration is the first argument: an
object literal, or a name (a variable, this.x, a class field) assigned exactly one object literal in
the file. Spreads of such names ({ ...base, el }) are followed, and config.useInteractionCodeFlow = v
anywhere in the file counts as setting it. A value that is a name, a call or a shorthand key counts
as set; false, !1, null and undefined count as off.

With the version known and before 5.2.0, each widget is reported (error): upgrade. From 5.2.0 to before
7.0, a widget whose configuration does not set useInteractionCodeFlow is reported at new OktaSignIn
(error), with an unsafe fix that adds useInteractionCodeFlow: true as the first entry of the literal
(its own line, indented like the next entry, in a literal written over several lines). The fix is
unsafe because the flag belongs after the org is upgraded and needs the Interaction Code grant on the
app and its authorization server, PKCE, clientId and redirectUri (Okta's guide to upgrading the
embedded widget, https://developer.okta.com/docs/guides/oie-embedded-sdk-upgrade/main/); a configuration
without clientId gets no fix at all. Before 5.11.0 the message adds the upgrade Okta's guide asks for
(https://developer.okta.com/docs/guides/oie-upgrade-sign-in-widget/main/, "Before you begin").
An option set to false is reported at the value (error, unsafe fix to true). With the version unknown
the same is reported as a warning; a configuration that sets useClassicEngine (a 7.x option) is then
not reported. A configuration the file does not show (a function's result, an import, a parameter, a spread of one, or an object handed
to other code such as Object.assign(config, ...)) is not reported: it may set the option.

From 7.0, every useInteractionCodeFlow key of an object literal and every assignment to it is
reported (warning), with a fix that deletes the entry (or the statement) and its line; the fix is
safe unless other code in the file reads the option or the value could have an effect (a call).
From 7.0, and when the version is unknown, useClassicEngine: true is reported at its key (warning,
no fix). From 7.0, a configuration literal the file shows in full with neither clientId, stateToken
nor proxyIdxResponse is reported at new OktaSignIn (warning): the widget's router factory
(src/router/default.ts at okta-signin-widget 7.0.0 and 7.20.0) then loads the Classic (v1) router.

authParams.pkce set to false is reported at pkce (error) where the widget throws a ConfigError when it
is created: on 7.x when the configuration has clientId and does not set useClassicEngine, on 6.x when it
sets useInteractionCodeFlow (src/widget/OktaSignIn.ts at okta-signin-widget 7.20.0 and 6.9.0).`,
		Bad: []lint.Example{
			{File: "login.js", WidgetVersion: "6.9", Code: `const signIn = new OktaSignIn({
  baseUrl: 'https://acme.okta.com',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: window.location.origin + '/login/callback',
});
signIn.showSignInToGetTokens({ el: '#sign-in-widget' });
`},
			{File: "widget.ts", WidgetVersion: "7.20", Code: `import OktaSignIn from '@okta/okta-signin-widget';

export const signIn = new OktaSignIn({
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  useInteractionCodeFlow: true,
});
`,
				Fixed: `import OktaSignIn from '@okta/okta-signin-widget';

export const signIn = new OktaSignIn({
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
});
`},
			{File: "login.html", Code: `<script src="https://global.oktacdn.com/okta-signin-widget/5.1.0/js/okta-sign-in.min.js"></script>
<div id="widget"></div>
<script>
  new OktaSignIn({ baseUrl: 'https://acme.okta.com', el: '#widget' }).showSignInToGetTokens();
</script>
`},
		},
		Good: []lint.Example{
			{File: "login.js", WidgetVersion: "6.9", Code: `const config = {
  baseUrl: 'https://acme.okta.com',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
};
config.useInteractionCodeFlow = true;
new OktaSignIn(config).showSignInToGetTokens({ el: '#sign-in-widget' });
`},
			{File: "widget.ts", WidgetVersion: "7.20", Code: `import OktaSignIn from '@okta/okta-signin-widget';

export const signIn = new OktaSignIn({
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
});
`},
			{File: "login.js", WidgetVersion: "6.9", Code: `// The configuration comes from the server: tmpllint cannot see it.
const signIn = new OktaSignIn(await fetchWidgetConfig());
`},
		},
	},
}

// howToTellVersion is what a message says when the widget version is unknown.
const howToTellVersion = "tell tmpllint the version with --widget-version, an @okta/okta-signin-widget dependency in package.json, or the widget's CDN script src"

func checkInteractionCodeFlow(pass *lint.Pass) {
	f := pass.File
	w := widgetSetupOf(f)
	if hostedPage(f) || !w.imports && len(w.constructions) == 0 {
		return
	}
	v, known := widgetVersion(pass)
	switch {
	case known && !v.AtLeast(5, 2, 0):
		for _, c := range w.constructions {
			start, end := constructionSpan(c)
			pass.Reportf(start, end, "the Sign-In Widget before 5.2.0 cannot sign in with Identity Engine's interaction code flow (%s); upgrade the widget to 5.2.0 or later (7.x recommended) and set useInteractionCodeFlow: true", versionNote(v))
		}
	case known && v.AtLeast(7, 0, 0):
		reportObsoleteInteractionCodeFlow(pass, w, v)
		reportClassicRouter(pass, w, v)
	default:
		reportMissingInteractionCodeFlow(pass, w, v, known)
	}
	if !known || v.AtLeast(7, 0, 0) {
		reportClassicEngine(pass, w, v, known)
	}
	if known && v.AtLeast(6, 0, 0) {
		reportPKCEOff(pass, w, v)
	}
}

// reportPKCEOff reports authParams.pkce set to false where the widget
// throws a ConfigError at construction: on 7.x whenever the configuration
// has clientId and does not set useClassicEngine: true ("OAuth2 with
// interaction code flow requires PKCE to be enabled on the authClient.",
// src/widget/OktaSignIn.ts at okta-signin-widget 7.20.0); on 6.x when it
// sets useInteractionCodeFlow (the same file at 6.9.0).
func reportPKCEOff(pass *lint.Pass, w *widgetSetup, v lint.WidgetVersion) {
	for _, c := range w.constructions {
		if len(c.config.literals) == 0 || !c.config.known {
			continue
		}
		lit := c.config.literals[0]
		if v.AtLeast(7, 0, 0) {
			if w.optionState(c, "clientId").state != flagSet || w.optionState(c, "useClassicEngine").state != flagMissing {
				continue
			}
		} else if w.optionState(c, "useInteractionCodeFlow").state != flagSet {
			continue
		}
		auth, in, found, unknown := w.findOption(lit, "authParams")
		if !found || unknown {
			continue
		}
		params, ok := w.resolveValue(in.script, auth.value)
		if !ok {
			continue
		}
		pkce, pin, found, unknown := w.findOption(params, "pkce")
		if !found || unknown || !isFalsy(pin.script, pkce.value) || pkce.key < 0 {
			continue
		}
		t := pin.script.Tokens[pkce.key]
		pass.Reportf(t.Start, t.End, "authParams.pkce is off, so new OktaSignIn throws a ConfigError (\"requires PKCE to be enabled on the authClient\") with the interaction code flow (src/widget/OktaSignIn.ts; %s); remove pkce: false", versionNote(v))
	}
}

// constructionSpan is the `new OktaSignIn` of a construction.
func constructionSpan(c *widgetConstruction) (int, int) {
	return c.script.Tokens[c.newTok].Start, c.script.Tokens[c.calleeEnd-1].End
}

// flagState is what a configuration does with a boolean option.
type flagState uint8

const (
	flagMissing flagState = iota
	flagSet
	flagOff
	flagUnknown
)

// stateKey names a configuration and an option: the configuration by name,
// or by its literal when it has no name.
type stateKey struct {
	key    string
	lit    propsKey
	option string
}

// optionResult is what optionState finds.
type optionResult struct {
	state flagState
	// script and value are, for flagOff, the value turning it off.
	script *script
	value  span
}

// optionState says whether a construction's configuration sets a top-level
// option; for flagOff, where the value turning it off is. Constructions
// that share a configuration share the answer.
func (w *widgetSetup) optionState(c *widgetConstruction, name string) optionResult {
	if c.arg.Empty() {
		return optionResult{state: flagUnknown}
	}
	k := stateKey{key: c.config.key, option: name}
	if k.key == "" && len(c.config.literals) > 0 {
		k.lit = propsKey{c.config.literals[0].script, c.config.literals[0].open}
	}
	if r, ok := w.stateMemo[k]; ok {
		return r
	}
	r := w.computeOptionState(c, name)
	if w.stateMemo == nil {
		w.stateMemo = map[stateKey]optionResult{}
	}
	w.stateMemo[k] = r
	return r
}

func (w *widgetSetup) computeOptionState(c *widgetConstruction, name string) optionResult {
	var off *configRefUse
	if c.config.key != "" {
		for _, i := range w.usesByKey[c.config.key] {
			u := &w.refUses[i]
			if !u.assign {
				continue
			}
			if names, _ := optionPath(*u); len(names) == 1 && names[0] == name {
				if !isFalsy(u.script, u.value) {
					return optionResult{state: flagSet}
				}
				off = u
			}
		}
	}
	if !c.config.known || w.escaped[c.config.key] {
		return optionResult{state: flagUnknown}
	}
	prop, in, found, unknown := w.findOption(c.config.literals[0], name)
	switch {
	case found && !isFalsy(in.script, prop.value):
		return optionResult{state: flagSet}
	case off != nil:
		return optionResult{flagOff, off.script, off.value}
	case found:
		return optionResult{flagOff, in.script, prop.value}
	case unknown:
		return optionResult{state: flagUnknown}
	}
	return optionResult{state: flagMissing}
}

func reportMissingInteractionCodeFlow(pass *lint.Pass, w *widgetSetup, v lint.WidgetVersion, known bool) {
	f := pass.File
	seenOff := map[int]bool{}
	for _, c := range w.constructions {
		r := w.optionState(c, "useInteractionCodeFlow")
		if !known && r.state == flagMissing && w.optionState(c, "useClassicEngine").state != flagMissing {
			// useClassicEngine exists from 7.0, where nothing is missing.
			continue
		}
		s, value := r.script, r.value
		switch r.state {
		case flagMissing:
			d := lint.Diagnostic{}
			d.Start, d.End = constructionSpan(c)
			// Unsafe: the flag belongs after the org is upgraded, and needs
			// the Interaction Code grant on the app and the authorization
			// server, PKCE, clientId and redirectUri. Without clientId in
			// the configuration it cannot work, so no fix is offered.
			fix := lint.Fix{Message: "set useInteractionCodeFlow: true in the widget's configuration; only once the org runs Identity Engine and the app and its authorization server allow the Interaction Code grant"}
			if w.optionState(c, "clientId").state != flagMissing {
				if e, ok := insertOptionEdit(f, c.config.literals[0], "useInteractionCodeFlow", "true"); ok {
					fix.Edits = []lint.Edit{e}
					d.Fixes = []lint.Fix{fix}
				}
			}
			if known {
				d.Message = fmt.Sprintf("this widget does not set useInteractionCodeFlow, so it runs the Classic authentication flow instead of Identity Engine's interaction code flow (%s); once the org is upgraded, set useInteractionCodeFlow: true with clientId and redirectUri, and allow the Interaction Code grant on the app and its authorization server", versionNote(v))
				if !v.AtLeast(5, 11, 0) {
					d.Message += "; Okta's upgrade guide also asks for widget 5.11.0 or later (7.x recommended)"
				}
			} else {
				d.Severity = lint.Warning
				d.Message = "this widget does not set useInteractionCodeFlow, so a 5.x or 6.x widget runs the Classic authentication flow instead of Identity Engine's interaction code flow (widget version unknown; 7.x needs nothing); set useInteractionCodeFlow: true, or " + howToTellVersion
			}
			pass.Report(d)
		case flagOff:
			start, end := jsmodel.ByteSpan(s, value)
			if seenOff[start] {
				continue
			}
			seenOff[start] = true
			d := lint.Diagnostic{Start: start, End: end}
			if !templateTagIn(f, s, start, end) {
				d.Fixes = []lint.Fix{{Message: "set useInteractionCodeFlow to true", Edits: []lint.Edit{{Start: start, End: end, New: "true"}}}}
			}
			text := string(f.Content[start:end])
			if known {
				d.Message = fmt.Sprintf("useInteractionCodeFlow is set to %s: the widget runs the Classic authentication flow, not Identity Engine's interaction code flow (%s); set it to true", text, versionNote(v))
			} else {
				d.Severity = lint.Warning
				d.Message = fmt.Sprintf("useInteractionCodeFlow is set to %s: a 5.x or 6.x widget runs the Classic authentication flow, not Identity Engine's interaction code flow (widget version unknown); set it to true, or %s", text, howToTellVersion)
			}
			pass.Report(d)
		}
	}
}

func reportObsoleteInteractionCodeFlow(pass *lint.Pass, w *widgetSetup, v lint.WidgetVersion) {
	f := pass.File
	sites, read := optionSites(f, w, "useInteractionCodeFlow")
	for _, site := range sites {
		s := site.script
		t := s.Tokens[site.key]
		d := lint.Diagnostic{Start: t.Start, End: t.End, Severity: lint.Warning,
			Message: fmt.Sprintf("useInteractionCodeFlow was removed in widget 7.0, where Identity Engine is the default, so it does nothing (%s); remove it", versionNote(v))}
		var e lint.Edit
		ok := false
		switch {
		case site.assign && !site.stmt.Empty():
			start, end := jsmodel.ByteSpan(s, site.stmt)
			if !templateTagIn(f, s, start, end) && (s.Tokens[site.stmt.From].NewlineBefore || site.stmt.From == 0 || s.Is(site.stmt.From-1, ";") || s.Is(site.stmt.From-1, "{") || s.Is(site.stmt.From-1, "}")) {
				e, ok = removeLines(f, s, start, end)
			}
		case !site.assign:
			e, ok = removePropEdit(f, site.lit, site.prop)
		}
		if ok {
			safe := !read && (site.prop.shorthand || effectFree(s, site.value))
			d.Fixes = []lint.Fix{{Message: "remove useInteractionCodeFlow", Safe: safe, Edits: []lint.Edit{e}}}
		}
		pass.Report(d)
	}
}

func reportClassicEngine(pass *lint.Pass, w *widgetSetup, v lint.WidgetVersion, known bool) {
	note := "widget version unknown; the option exists from 7.0"
	if known {
		note = versionNote(v)
	}
	sites, _ := optionSites(pass.File, w, "useClassicEngine")
	for _, site := range sites {
		s := site.script
		if site.prop.shorthand || !(site.value.To-site.value.From == 1 && s.Is(site.value.From, "true") ||
			site.value.To-site.value.From == 2 && s.Is(site.value.From, "!") && s.Is(site.value.From+1, "0")) {
			continue
		}
		t := s.Tokens[site.key]
		pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Severity: lint.Warning,
			Message: fmt.Sprintf("useClassicEngine: true opts this widget out of Identity Engine into the Classic Engine, which Okta is removing from the widget (%s); remove it and sign in with Identity Engine", note)})
	}
}

// reportClassicRouter reports a 7.x widget whose configuration has neither
// clientId nor stateToken nor proxyIdxResponse: the widget's router
// factory (src/router/default.ts in okta-signin-widget 7.0.0 and 7.20.0)
// then loads the Classic (v1) router.
func reportClassicRouter(pass *lint.Pass, w *widgetSetup, v lint.WidgetVersion) {
	for _, c := range w.constructions {
		if len(c.config.literals) == 0 || !c.config.known {
			continue
		}
		missing := true
		for _, opt := range []string{"clientId", "stateToken", "proxyIdxResponse"} {
			if w.optionState(c, opt).state != flagMissing {
				missing = false
			}
		}
		if !missing {
			continue
		}
		start, end := constructionSpan(c)
		pass.Report(lint.Diagnostic{Start: start, End: end, Severity: lint.Warning, Message: fmt.Sprintf(
			"this widget's configuration has no clientId (nor stateToken or proxyIdxResponse), so the widget loads its Classic router, not Identity Engine's (src/router/default.ts; %s); set clientId and redirectUri of an OIDC app that allows the Interaction Code grant", versionNote(v))})
	}
}
