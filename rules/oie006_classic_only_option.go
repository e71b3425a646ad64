package rules

import (
	"github.com/tmpllint/tmpllint/jsmodel"
	"sort"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// ClassicOnlyOption is OIE006.
var ClassicOnlyOption = &lint.Rule{
	ID:       "OIE006",
	Name:     "classic-only-option",
	Severity: lint.Warning,
	Check:    checkClassicOnlyOption,
	Triggers: []string{"OktaSignIn", "okta-signin-widget", "OktaUtil", "SignInWidgetResources", "useInteractionCodeFlow", "useClassicEngine", "clientId"}, // widgetFile, or a module with the widget's option shape
	Doc: lint.Doc{
		Summary: "Sign-In Widget options and response fields that only the Classic Engine knows.",
		Why: `Okta's upgrade guide for the Sign-In Widget lists what Identity Engine no longer supports
(https://developer.okta.com/docs/guides/oie-upgrade-sign-in-widget/main/). The processCreds hook is never
called ("Remove any custom code that depends on it"). The feature flags autoPush, smsRecovery,
callRecovery, webauthn, selfServiceUnlock, multiOptionalFactorEnroll, registration, idpDiscovery,
scrollOnError and skipIdpFactorVerificationBtn "are no longer supported, and you can't configure them":
recovery, unlock, sign-up, enrollment and IdP routing are set by policies in the Admin Console instead.
The security image is not supported. IdP Discovery needs no idpDiscovery setting, only routing rules.
The Classic success response of renderEl (res.type of SESSION_SSO or SESSION_STEP_UP, res.stepUp,
res.next()) is never sent.

The widget's own source (okta-signin-widget 7.20.0) corrects the guide in three places. features.router
is read only by the Classic router (src/v1/BaseLoginRouter.js); Identity Engine's router
(src/v2/BaseLoginRouter.ts) never reads it. features.showPasswordToggleOnSignInPage is read on Identity
Engine, where the toggle is shown unless the option is false (the derived showPasswordToggle in
src/models/Settings.ts), so true is not reported and false is reported at info, as it hides the toggle.
The registration hooks (registration.parseSchema, preSubmit, postSubmit) still run on Identity Engine:
its registration form calls them (postRegistrationSubmit in src/v2/controllers/FormController.ts), so
they are reported at info, as the guide still asks to move sign-up rules to a profile enrollment policy.
The widget's README, written for Identity Engine, still documents features.rememberMe, and its code still
reads features.webauthn and features.skipIdpFactorVerificationBtn: those are info too. The severity
follows the sources: error where all agree something no longer works (processCreds, the security image),
warning where the upgrade guide and the code agree, info where the widget still reads the option.

Remove the options, and move what they did to the Admin Console policies named in each message. No fix
is offered: on a Classic org removing them changes what users see.`,
		Detect: `In files about the widget: an Okta-hosted page (see OIE003) or a file that imports or creates the
widget (see OIE004). Options are read in the configuration object literal of each new OktaSignIn(...)
(also through a name assigned one literal in the file, and spreads of such names), and in assignments
to a configuration name anywhere in the file, and in literals copied into one with
Object.assign(config, { ... }): config.processCreds = fn, config.features.router = true,
config['features.router'] = true (the README's own form), config.features = { ... }, config.registration
= { parseSchema ... }. Configuration names are those passed to new OktaSignIn and those holding
OktaUtil.getSignInWidgetConfig(): assigned it, a copy ({ ...config }, Object.assign({}, config)), an
alias, or a parameter of a function it is passed to, the same names OIE008 reads (package jsmodel). Each finding is at the key (the property name, or the quoted key).
A configuration imported from another module of the repository (see OIE004) is reported in that
module, at its keys, and the message names the line that creates the widget; a module that no linted
file using the widget or an Okta SDK imports is read when its exported literal has the widget's option shape (see OIE004).
An option set to false (or !1, null, undefined) is not reported; registration.click and the features the
upgrade guide keeps (hideSignOutLinkInMFA, showIdentifier, autoFocus, ...) are not reported.
OIE008 reads the flags the same way: where it rewrites config.features = { ... } into single flags,
it leaves out every flag reported here, so the two rules never disagree about one.

Also reported: the strings 'SESSION_SSO' and 'SESSION_STEP_UP' compared in code (===, ==, !==, !=,
case), a warning when the other operand is read from the widget's response (see package jsmodel) and info
otherwise; and, in a renderEl success callback (inline or a function declared in the file), res.stepUp
and res.next() on the callback's parameter. Object literals that are not a widget configuration the file
shows, comments, strings and markup are left alone.`,
		Bad: []lint.Example{
			{File: "login.js", Code: `const signIn = new OktaSignIn({
  baseUrl: 'https://acme.okta.com',
  features: { router: true, securityImage: true, rememberMe: true },
  processCreds(creds, callback) {
    audit(creds.username);
    callback();
  },
});
`},
			{Code: `{{{SignInWidgetResources}}}
{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  config['features.registration'] = true;
  config.registration = {
    parseSchema: function (schema, onSuccess) { onSuccess(schema); }
  };
  var oktaSignIn = new OktaSignIn(config);
  oktaSignIn.renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
			{File: "login.js", Code: `const signIn = new OktaSignIn({ baseUrl: 'https://acme.okta.com' });
signIn.renderEl({ el: '#sign-in-widget' }, function (res) {
  if (res.type === 'SESSION_STEP_UP') {
    res.stepUp.finish();
  }
});
`},
		},
		Good: []lint.Example{
			{File: "login.js", Code: `const signIn = new OktaSignIn({
  baseUrl: 'https://acme.okta.com',
  features: { hideSignOutLinkInMFA: true, router: false },
  registration: { click: () => { window.location.href = '/sign-up'; } },
});
`},
			{Code: `{{{SignInWidgetResources}}}
{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  config.features.hideSignOutLinkInMFA = true;
  new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
		},
	},
}

// classicOption is what a message says about one option: the severity and
// what to do.
type classicOption struct {
	severity lint.Severity
	advice   string
}

const ignoredOnOIE = " is no longer supported on Identity Engine, and the widget ignores it; "

// classicFeatures are the feature flags the upgrade guide lists as no
// longer supported, and the Classic-only ones of the widget's Classic docs.
var classicFeatures = map[string]classicOption{
	"router":                          {lint.Warning, " is read only by the Classic router (src/v1/BaseLoginRouter.js in okta-signin-widget 7.20.0; Identity Engine's router never reads it), so it does nothing on Identity Engine; remove it"},
	"idpDiscovery":                    {lint.Warning, " is not needed on Identity Engine, where IdP routing rules in the Admin Console send users to their identity provider; remove it and set up a routing rule"},
	"registration":                    {lint.Warning, " does not turn on sign-up on Identity Engine, where a profile enrollment policy in the Admin Console does; remove it (the upgrade guide says to; the widget README still mentions registration settings)"},
	"securityImage":                   {lint.Error, ": the security image is not supported on Identity Engine, so users no longer see it; remove it"},
	"autoPush":                        {lint.Warning, ignoredOnOIE + "remove it (Okta Verify push is set up in the authenticator's settings)"},
	"smsRecovery":                     {lint.Warning, ignoredOnOIE + "remove it and choose the recovery authenticators in the password policy"},
	"callRecovery":                    {lint.Warning, ignoredOnOIE + "remove it and choose the recovery authenticators in the password policy"},
	"selfServiceUnlock":               {lint.Warning, ignoredOnOIE + "remove it and allow self-service unlock in the password policy"},
	"multiOptionalFactorEnroll":       {lint.Warning, ignoredOnOIE + "remove it and set enrollment in the authenticator enrollment policy"},
	"scrollOnError":                   {lint.Warning, ignoredOnOIE + "remove it"},
	"prefillUsernameFromIdpDiscovery": {lint.Warning, " is a Classic IdP Discovery option that Identity Engine does not use; remove it"},
	"showSessionRevocation":           {lint.Warning, " is a Classic-only option that Identity Engine does not use; remove it"},
	"webauthn":                        {lint.Info, " is listed as no longer supported on Identity Engine by Okta's upgrade guide, though the widget still reads it; authenticators are offered by the authenticator enrollment policy, so check that and remove the flag"},
	"skipIdpFactorVerificationBtn":    {lint.Info, " is listed as no longer supported on Identity Engine by Okta's upgrade guide, though the widget still reads it; check the sign-in flow and remove the flag if it does nothing"},
	"rememberMe":                      {lint.Info, " works differently on Identity Engine: the upgrade guide lists it as no longer supported, the widget README says it pre-fills the last username, and the Remember me checkbox gives way to Keep me signed in; check the behaviour you expect"},
}

// classicOnlyFlag reports whether the rule asks to remove features.name set
// to value: a flag of classicFeatures that is not turned off. OIE008 asks
// the same, so that neither rule suggests what the other reports.
func classicOnlyFlag(s *script, name string, value span) bool {
	_, ok := classicFeatures[name]
	return ok && !jsmodel.Falsy(s, value)
}

var classicRegistration = map[string]bool{"parseSchema": true, "preSubmit": true, "postSubmit": true}

// optionChecker reports the options of one file, each key once.
type optionChecker struct {
	pass *lint.Pass
	w    *jsmodel.Widgets
	// note ends each message: for a configuration module's literal, the
	// widget it configures.
	note string
	seen map[int]bool
	// read holds the literals already checked: constructions may share
	// one, and spreads may lead back to one.
	read map[jsmodel.Object]bool
}

// maxOptionDepth bounds how deep nested and spread literals are read.
const maxOptionDepth = 16

func checkClassicOnlyOption(pass *lint.Pass) {
	f := pass.File
	w := jsmodel.WidgetsOf(f)
	seen, read := map[int]bool{}, map[jsmodel.Object]bool{}
	if w.WidgetFile() {
		checkOwnOptions(pass, w, seen, read)
	}
	// A configuration module: its literals that widgets of other files
	// are created from, each message naming the widget. A literal this
	// file's own widgets read was checked above.
	for _, mc := range moduleConfigsOf(f) {
		oc := &optionChecker{pass: pass, w: w, note: mc.note, seen: seen, read: read}
		oc.literal(mc.lit, nil, nil, 0)
	}
}

// checkOwnOptions checks the options of the widgets the file creates or
// the hosted page configures.
func checkOwnOptions(pass *lint.Pass, w *jsmodel.Widgets, seen map[int]bool, read map[jsmodel.Object]bool) {
	f := pass.File
	oc := &optionChecker{pass: pass, w: w, seen: seen, read: read}
	refs := map[jsmodel.Ref]bool{}
	for _, c := range w.Constructions() {
		if c.Config.HasRef {
			if refs[c.Config.Ref] {
				continue // read for an earlier construction
			}
			refs[c.Config.Ref] = true
		}
		for _, lit := range c.Config.Objects {
			oc.literal(lit, nil, nil, 0)
		}
	}
	for _, u := range w.Writes() {
		oc.option(u.S, u.Path, u.Toks, u.Value, 0)
	}
	oc.callbacks(f)
	oc.responseTypes(f)
}

// literal checks the entries of an object literal found under path.
func (oc *optionChecker) literal(lit jsmodel.Object, path []string, toks []int, depth int) {
	if depth > maxOptionDepth || oc.read[lit] {
		return
	}
	oc.read[lit] = true
	s := lit.S
	for _, p := range oc.w.Props(lit) {
		if p.Spread {
			if inner, ok := oc.w.ObjectOf(s, p.Value); ok {
				oc.literal(inner, path, toks, depth+1)
			}
			continue
		}
		if p.Key < 0 {
			continue
		}
		names, keyToks := append([]string(nil), path...), append([]int(nil), toks...)
		for _, n := range strings.Split(p.Name, ".") {
			names, keyToks = append(names, n), append(keyToks, p.Key)
		}
		oc.option(s, names, keyToks, p.Value, depth+1)
	}
}

// option checks one option path set to value; toks[i] is the token of
// names[i].
func (oc *optionChecker) option(s *script, names []string, toks []int, value span, depth int) {
	if len(names) == 2 && names[0] == "features" && names[1] == "showPasswordToggleOnSignInPage" {
		// Identity Engine reads it and shows the toggle unless it is false.
		if jsmodel.Falsy(s, value) {
			oc.report(s, toks[1], lint.Info, "features.showPasswordToggleOnSignInPage: false hides the password toggle on Identity Engine, where the widget shows it by default (src/models/Settings.ts in okta-signin-widget 7.20.0); on Classic false was the default, so check that hiding it is what you want")
		}
		return
	}
	if len(names) == 0 || jsmodel.Falsy(s, value) {
		return
	}
	last := len(names) - 1
	switch {
	case names[0] == "processCreds" && len(names) == 1:
		oc.report(s, toks[0], lint.Error, "processCreds is not supported on Identity Engine: the widget never calls it, so this code does not run; remove it and any code that depends on it")
	case names[0] == "idpDiscovery":
		oc.report(s, toks[0], lint.Warning, "idpDiscovery is not needed on Identity Engine, where IdP routing rules in the Admin Console send users to their identity provider; remove it and set up a routing rule")
	case (names[0] == "features" || names[0] == "registration") && len(names) == 1:
		if lit, ok := oc.w.ObjectOf(s, value); ok {
			oc.literal(lit, names, toks, depth)
		}
	case names[0] == "features" && len(names) == 2:
		if classicOnlyFlag(s, names[1], value) {
			opt := classicFeatures[names[1]]
			oc.report(s, toks[last], opt.severity, "features."+names[1]+opt.advice)
		}
	case names[0] == "registration" && len(names) == 2 && classicRegistration[names[1]]:
		oc.report(s, toks[last], lint.Info, "registration."+names[1]+" still runs on Identity Engine, whose registration form calls the hook (src/v2/controllers/FormController.ts in okta-signin-widget 7.20.0), though Okta's upgrade guide says to move sign-up rules to a profile enrollment policy; check that it still does what you expect")
	}
}

func (oc *optionChecker) report(s *script, tok int, sev lint.Severity, msg string) {
	if !jsmodel.Owns(oc.pass.File, s) {
		return // an imported configuration: reported in its module
	}
	t := s.Tokens[tok]
	if oc.seen[t.Start] {
		return
	}
	oc.seen[t.Start] = true
	oc.pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Severity: sev, Message: msg + oc.note})
}

// callbacks reports res.stepUp and res.next() in renderEl success callbacks.
func (oc *optionChecker) callbacks(f *lint.File) {
	type body struct {
		script *script
		order  int
		fn     jsmodel.Function
		param  string
	}
	order := map[*script]int{}
	for i, s := range f.Doc.Scripts {
		order[s] = i
	}
	var bodies []body
	seen := map[[2]int]bool{}
	for _, call := range oc.w.RenderEls() {
		if len(call.Args) < 2 || call.Args[1].Empty() {
			continue
		}
		s, fn, _, ok := jsmodel.Of(f).FunctionPassed(call.S, call.Args[1])
		if !ok || fn.Params.Empty() || s.Tokens[fn.Params.From].Kind != jsscan.Ident {
			continue
		}
		key := [2]int{order[s], fn.Body.From}
		if seen[key] {
			continue
		}
		seen[key] = true
		bodies = append(bodies, body{s, order[s], fn, s.Text(s.Tokens[fn.Params.From])})
	}
	sort.Slice(bodies, func(i, j int) bool {
		if bodies[i].order != bodies[j].order {
			return bodies[i].order < bodies[j].order
		}
		return bodies[i].fn.Body.From < bodies[j].fn.Body.From
	})
	// A callback inside another one's body was read with it: each token is
	// read once.
	done := map[*script]int{}
	for _, b := range bodies {
		s := b.script
		for i := max(b.fn.Body.From, done[s]); i < b.fn.Body.To; i++ {
			if !jsmodel.IsName(s, i, b.param) || jsmodel.IsProperty(s, i) {
				continue
			}
			if _, at, ok := propertyAt(s, i+1, "stepUp"); ok {
				oc.report(s, at, lint.Warning, "res.stepUp exists only in Classic responses, so this code fails on Identity Engine, where sign-on policy handles step-up; remove it")
			}
			if next, at, ok := propertyAt(s, i+1, "next"); ok && s.Is(next, "(") {
				oc.report(s, at, lint.Warning, "res.next() exists only in Classic responses, so this call fails on Identity Engine; remove it")
			}
		}
		done[s] = max(done[s], b.fn.Body.To)
	}
}

// responseTypes reports comparisons with the Classic response types.
func (oc *optionChecker) responseTypes(f *lint.File) {
	for _, s := range f.Doc.Scripts {
		for i, t := range s.Tokens {
			if t.Kind != jsscan.String || t.Templated {
				continue
			}
			v, ok := jsmodel.StringValue(s, i)
			if !ok || v != "SESSION_SSO" && v != "SESSION_STEP_UP" {
				continue
			}
			if !isComparison(s, i-1) && !isComparison(s, i+1) && !s.Is(i-1, "case") {
				continue
			}
			// The other operand: res.type of a widget response is Okta's.
			ev := jsmodel.Of(f).FileEvidence()
			switch {
			case isComparison(s, i-1):
				ev = jsmodel.Of(f).EvidenceAt(s, i-2)
			case isComparison(s, i+1):
				if end := jsmodel.MemberChainEnd(s, i+2); end > i+2 {
					ev = jsmodel.Of(f).EvidenceAt(s, end-1)
				}
			}
			sev, note, ok := evidenceSeverity(ev, lint.Warning)
			if !ok {
				continue
			}
			oc.report(s, i, sev, "'"+v+"' is a Classic response type (res.type) that Identity Engine never sends, so this comparison is never true; on Identity Engine a successful sign-in gives tokens or an interaction code"+note)
		}
	}
}

func isComparison(s *script, i int) bool {
	return s.Is(i, "===") || s.Is(i, "==") || s.Is(i, "!==") || s.Is(i, "!=")
}
