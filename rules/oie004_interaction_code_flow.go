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
	Triggers: []string{"OktaSignIn", "okta-signin-widget", "useInteractionCodeFlow", "useClassicEngine", "clientId"}, // a widget created or imported (mentionsWidget), or a module with the widget's option shape (configuration modules another file imports run every rule)
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
const Signin = require('@okta/okta-signin-widget'), import * as ns ... new ns.default(...)). Its
configuration is the first argument: an object literal, or a name (a variable resolved through scopes,
so that a parameter of the same name is another name; this.x; a class field) assigned exactly one
object literal in the file (package jsmodel, Widgets). Spreads of such names ({ ...base, el }) are
followed, and config.useInteractionCodeFlow = v anywhere in the file counts as setting it, as does a
key of a literal copied in with Object.assign(config, { ... }). A value that is a name, a call or a shorthand key counts
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
not reported. A configuration the file does not show (a function's result, a parameter, an import of a
package, a spread of one, or an object handed to other code such as Object.assign(config, other) with
other not a literal of the file) is not reported: it may set the option.

A configuration imported from another module of the repository is followed when tmpllint check or fix
lints the repository: an import of a relative path (import { oktaConfig } from './oktaConfig', a
default or namespace import, require, and a key of the imported literal such as config.widget), or of a
path alias the nearest tsconfig.json or jsconfig.json declares (compilerOptions.paths and baseUrl, also
through extends: import config from '@/config/okta'; https://www.typescriptlang.org/tsconfig/#paths), or of
a package of the repository's own workspaces (https://docs.npmjs.com/cli/using-npm/workspaces) by its
exports, module or main, through re-exports (export { x } from './y', export * from './y'),
to the module that exports the object literal (not when that module does anything with the object but
export it: config.x = v, Object.assign(config, ...), a call it is passed to, a second exports write,
make its options unknown). Its options count while the creating file is linted, so nothing it sets is reported missing there; what is missing is reported at new OktaSignIn, with a fix only
into a literal of that file.
What an option in the imported literal says (useInteractionCodeFlow on 7.x,
set to false, useClassicEngine, pkce: false) is reported while the module that writes it is linted, once
however many widgets are created from it, and the message names the line of each; removing an option
there is an unsafe fix, as a creating file may read it. A module that no linted file using the widget or
an Okta SDK imports, whose exported literal has the widget's option shape (baseUrl or issuer with clientId and redirectUri, or useInteractionCodeFlow or
useClassicEngine, and no clientSecret, which only a server's OAuth client has), is checked for what its
options say, never for what it lacks.

From 7.0, every useInteractionCodeFlow key of an object literal and every assignment to it is
reported (warning), with a fix that deletes the entry (or the statement) and its line; the fix is
safe unless other code in the file reads the option or the value could have an effect (a call).
From 7.0, and when the version is unknown, useClassicEngine: true is reported at its key (warning,
no fix). From 7.0, a configuration literal the file shows in full with neither clientId, stateToken
nor proxyIdxResponse is reported at new OktaSignIn (warning): the widget's router factory
(src/router/default.ts at okta-signin-widget 7.0.0 and 7.20.0) then loads the Classic (v1) router.

authParams.pkce set to false is reported at pkce (error) where the widget throws a ConfigError when it
is created: on 7.x when the configuration has clientId and useClassicEngine is not true (the widget tests
options.useClassicEngine !== true), on 6.x when it
sets useInteractionCodeFlow (src/widget/OktaSignIn.ts at okta-signin-widget 7.20.0 and 6.9.0). An
implicit responseType ('token', 'id_token') is not reported: the constructor's only ConfigError about
the auth client reads authClient.isPKCE() alone, and responseType is an authorize parameter, handed to
the auth client in authParams (src/widget/getAuthClient.ts) and picked for render options and Classic
token requests (src/widget/buildRenderOptions.js, src/util/OAuth2Util.js), at both tags.`,
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
	if hostedPage(f) {
		return
	}
	w := jsmodel.WidgetsOf(f)
	mcs := moduleConfigsOf(f)
	own := w.ImportsWidget() || len(w.Constructions()) > 0
	if !own && len(mcs) == 0 {
		return
	}
	v, known := widgetVersion(pass)
	reportModuleConfigs(pass, w, own, mcs, v, known)
	if !own {
		return
	}
	switch {
	case known && !v.AtLeast(5, 2, 0):
		for _, c := range w.Constructions() {
			start, end := c.ByteSpan()
			pass.Reportf(start, end, "the Sign-In Widget before 5.2.0 cannot sign in with Identity Engine's interaction code flow (%s); upgrade the widget to 5.2.0 or later (7.x recommended) and set useInteractionCodeFlow: true", versionNote(v))
		}
	case known && v.AtLeast(7, 0, 0):
		reportObsoleteInteractionCodeFlow(pass, w, v, nil, "")
		reportClassicRouter(pass, w, v)
	default:
		reportMissingInteractionCodeFlow(pass, w, v, known)
	}
	if !known || v.AtLeast(7, 0, 0) {
		reportClassicEngine(pass, w, v, known, nil, "")
	}
	if known && v.AtLeast(6, 0, 0) {
		reportPKCEOff(pass, w, v)
	}
}

// reportModuleConfigs reports what the file's configuration modules
// (moduleConfigsOf) say, at their bytes in this file, each message naming
// the widget the literal configures. What is missing from a configuration
// is reported where the widget is created, never here; a shaped module
// nothing imports is checked for what it says only.
func reportModuleConfigs(pass *lint.Pass, own *jsmodel.Widgets, ownFile bool, mcs []moduleConfig, v lint.WidgetVersion, known bool) {
	f := pass.File
	mine := map[jsmodel.Object]bool{}
	for _, c := range own.Constructions() {
		for _, lit := range c.Config.Objects {
			mine[lit] = true
		}
	}
	// A literal several widgets are created from is read once for what
	// it says, and each finding of a widget's reading is reported once.
	scanned, reported := map[jsmodel.Object]bool{}, map[int]bool{}
	once := func(s *script, tok int) bool {
		start := s.Tokens[tok].Start
		if reported[start] || !jsmodel.Owns(f, s) {
			return false
		}
		reported[start] = true
		return true
	}
	for _, mc := range mcs {
		if mine[mc.lit] {
			continue // this file creates a widget from it too: read as its own
		}
		lit := mc.lit
		scan := !ownFile && !scanned[lit]
		scanned[lit] = true
		switch {
		case known && !v.AtLeast(5, 2, 0):
		case known && v.AtLeast(7, 0, 0):
			if scan {
				reportObsoleteInteractionCodeFlow(pass, own, v, &lit, mc.note)
			}
		default:
			if r := mc.w.Option(mc.c, "useInteractionCodeFlow"); r.State == jsmodel.Off && r.Value.From >= 0 && once(r.S, r.Value.From) {
				reportFlagOff(pass, r, v, known, mc.note)
			}
		}
		if (!known || v.AtLeast(7, 0, 0)) && scan {
			reportClassicEngine(pass, own, v, known, &lit, mc.note)
		}
		if known && v.AtLeast(6, 0, 0) {
			if pkce, ok := pkceOff(mc.w, mc.c, v); ok && once(pkce.S, pkce.Key) {
				reportPKCE(pass, pkce, v, mc.note)
			}
		}
	}
}

// reportPKCEOff reports authParams.pkce set to false where the widget
// throws a ConfigError at construction: on 7.x whenever the configuration
// has clientId and useClassicEngine is not true ("OAuth2 with
// interaction code flow requires PKCE to be enabled on the authClient.",
// src/widget/OktaSignIn.ts at okta-signin-widget 7.20.0); on 6.x when it
// sets useInteractionCodeFlow (the same file at 6.9.0).
func reportPKCEOff(pass *lint.Pass, w *jsmodel.Widgets, v lint.WidgetVersion) {
	for _, c := range w.Constructions() {
		// An imported configuration's pkce is reported in its module.
		if pkce, ok := pkceOff(w, c, v); ok && jsmodel.Owns(pass.File, pkce.S) {
			reportPKCE(pass, pkce, v, "")
		}
	}
}

// pkceOff returns the pkce option of a construction's configuration when
// it is off where the widget throws for it.
func pkceOff(w *jsmodel.Widgets, c *jsmodel.Construction, v lint.WidgetVersion) (jsmodel.Option, bool) {
	if v.AtLeast(7, 0, 0) {
		// The widget tests options.useClassicEngine !== true, so false
		// (or null) throws like a missing option.
		classic := w.Option(c, "useClassicEngine").State
		if w.Option(c, "clientId").State != jsmodel.Set || (classic != jsmodel.Missing && classic != jsmodel.Off) {
			return jsmodel.Option{}, false
		}
	} else if w.Option(c, "useInteractionCodeFlow").State != jsmodel.Set {
		return jsmodel.Option{}, false
	}
	pkce := w.Option(c, "authParams.pkce")
	return pkce, pkce.State == jsmodel.Off && pkce.Key >= 0
}

func reportPKCE(pass *lint.Pass, pkce jsmodel.Option, v lint.WidgetVersion, note string) {
	t := pkce.S.Tokens[pkce.Key]
	pass.Reportf(t.Start, t.End, "authParams.pkce is off, so new OktaSignIn throws a ConfigError (\"requires PKCE to be enabled on the authClient\") with the interaction code flow (src/widget/OktaSignIn.ts; %s); remove pkce: false%s", versionNote(v), note)
}

func reportMissingInteractionCodeFlow(pass *lint.Pass, w *jsmodel.Widgets, v lint.WidgetVersion, known bool) {
	f := pass.File
	seenOff := map[int]bool{}
	for _, c := range w.Constructions() {
		r := w.Option(c, "useInteractionCodeFlow")
		if !known && r.State == jsmodel.Missing && w.Option(c, "useClassicEngine").State != jsmodel.Missing {
			// useClassicEngine exists from 7.0, where nothing is missing.
			continue
		}
		switch r.State {
		case jsmodel.Missing:
			d := lint.Diagnostic{}
			d.Start, d.End = c.ByteSpan()
			// Unsafe: the flag belongs after the org is upgraded, and needs
			// the Interaction Code grant on the app and the authorization
			// server, PKCE, clientId and redirectUri. Without clientId in
			// the configuration it cannot work, so no fix is offered.
			fix := lint.Fix{Message: "set useInteractionCodeFlow: true in the widget's configuration; only once the org runs Identity Engine and the app and its authorization server allow the Interaction Code grant"}
			// The literal may be another module's: no edit there.
			if w.Option(c, "clientId").State != jsmodel.Missing && jsmodel.Owns(f, c.Config.Objects[0].S) {
				if e, ok := insertOptionEdit(f, c.Config.Objects[0], "useInteractionCodeFlow", "true"); ok {
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
		case jsmodel.Off:
			start, _ := r.ByteSpan()
			if seenOff[start] || !jsmodel.Owns(f, r.S) {
				continue // an imported configuration's value: reported in its module
			}
			seenOff[start] = true
			reportFlagOff(pass, r, v, known, "")
		}
	}
}

// reportFlagOff reports useInteractionCodeFlow set to a false value.
func reportFlagOff(pass *lint.Pass, r jsmodel.Option, v lint.WidgetVersion, known bool, note string) {
	f, s := pass.File, r.S
	start, end := r.ByteSpan()
	d := lint.Diagnostic{Start: start, End: end}
	if !templateTagIn(f, s, start, end) {
		d.Fixes = []lint.Fix{{Message: "set useInteractionCodeFlow to true", Edits: []lint.Edit{{Start: start, End: end, New: "true"}}}}
	}
	text := string(f.Content[start:end])
	if known {
		d.Message = fmt.Sprintf("useInteractionCodeFlow is set to %s: the widget runs the Classic authentication flow, not Identity Engine's interaction code flow (%s); set it to true%s", text, versionNote(v), note)
	} else {
		d.Severity = lint.Warning
		d.Message = fmt.Sprintf("useInteractionCodeFlow is set to %s: a 5.x or 6.x widget runs the Classic authentication flow, not Identity Engine's interaction code flow (widget version unknown); set it to true, or %s%s", text, howToTellVersion, note)
	}
	pass.Report(d)
}

// reportObsoleteInteractionCodeFlow reports every useInteractionCodeFlow
// the file sets, or only those inside within (a configuration module's
// literal; the fix is then unsafe, as the creating file may read the
// option), with note at the end of the message.
func reportObsoleteInteractionCodeFlow(pass *lint.Pass, w *jsmodel.Widgets, v lint.WidgetVersion, within *jsmodel.Object, note string) {
	f := pass.File
	sites, read := optionSites(f, w, "useInteractionCodeFlow")
	for _, site := range sites {
		s := site.script
		if within != nil && (site.assign || !holds(*within, s, site.key)) {
			continue
		}
		read = read || within != nil
		t := s.Tokens[site.key]
		d := lint.Diagnostic{Start: t.Start, End: t.End, Severity: lint.Warning,
			Message: fmt.Sprintf("useInteractionCodeFlow was removed in widget 7.0, where Identity Engine is the default, so it does nothing (%s); remove it%s", versionNote(v), note)}
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
			safe := !read && (site.prop.Shorthand || effectFree(s, site.value))
			d.Fixes = []lint.Fix{{Message: "remove useInteractionCodeFlow", Safe: safe, Edits: []lint.Edit{e}}}
		}
		pass.Report(d)
	}
}

// reportClassicEngine reports useClassicEngine: true wherever the file
// sets it, or only inside within, with suffix at the end of the message.
func reportClassicEngine(pass *lint.Pass, w *jsmodel.Widgets, v lint.WidgetVersion, known bool, within *jsmodel.Object, suffix string) {
	note := "widget version unknown; the option exists from 7.0"
	if known {
		note = versionNote(v)
	}
	sites, _ := optionSites(pass.File, w, "useClassicEngine")
	for _, site := range sites {
		s := site.script
		if within != nil && (site.assign || !holds(*within, s, site.key)) {
			continue
		}
		if site.prop.Shorthand || !(site.value.To-site.value.From == 1 && s.Is(site.value.From, "true") ||
			site.value.To-site.value.From == 2 && s.Is(site.value.From, "!") && s.Is(site.value.From+1, "0")) {
			continue
		}
		t := s.Tokens[site.key]
		pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Severity: lint.Warning,
			Message: fmt.Sprintf("useClassicEngine: true opts this widget out of Identity Engine into the Classic Engine, which Okta is removing from the widget (%s); remove it and sign in with Identity Engine%s", note, suffix)})
	}
}

// reportClassicRouter reports a 7.x widget whose configuration has neither
// clientId nor stateToken nor proxyIdxResponse: the widget's router
// factory (src/router/default.ts in okta-signin-widget 7.0.0 and 7.20.0)
// then loads the Classic (v1) router.
func reportClassicRouter(pass *lint.Pass, w *jsmodel.Widgets, v lint.WidgetVersion) {
	for _, c := range w.Constructions() {
		if len(c.Config.Objects) == 0 || !c.Config.Known {
			continue
		}
		missing := true
		for _, opt := range []string{"clientId", "stateToken", "proxyIdxResponse"} {
			if w.Option(c, opt).State != jsmodel.Missing {
				missing = false
			}
		}
		if !missing {
			continue
		}
		start, end := c.ByteSpan()
		pass.Report(lint.Diagnostic{Start: start, End: end, Severity: lint.Warning, Message: fmt.Sprintf(
			"this widget's configuration has no clientId (nor stateToken or proxyIdxResponse), so the widget loads its Classic router, not Identity Engine's (src/router/default.ts; %s); set clientId and redirectUri of an OIDC app that allows the Interaction Code grant", versionNote(v))})
	}
}
