package rules

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/tmpllint/tmpllint/internal/lazy"
	"github.com/tmpllint/tmpllint/jsmodel"
	"github.com/tmpllint/tmpllint/lint"
)

// ClassicTranslationKey is OIE011.
var ClassicTranslationKey = &lint.Rule{
	ID:       "OIE011",
	Name:     "classic-translation-key",
	Severity: lint.Warning,
	Check:    checkClassicTranslationKey,
	Triggers: []string{"i18n"},
	Doc: lint.Doc{
		Summary: "i18n overrides of Classic Engine keys change nothing on Identity Engine.",
		Why: `The widget's i18n option overrides its texts by key: i18n: { en: { 'primaryauth.submit': 'Log in' } }.
Identity Engine's views read other keys, most of them prefixed oie. (the sign-in button is
oie.primaryauth.submit), so an override of a key only the Classic views read is silently ignored
after the upgrade and the default text shows. Okta's test guide lists the symptom: "i18n strings
show raw keys | Classic Engine property keys are removed in Identity Engine | Map them to the new
Identity Engine property keys" (developer.okta.com/docs/guides/oie-upgrade-test-widget-custom,
"Fix issues found during testing"); the i18n guide (developer.okta.com/docs/guides/oie-upgrade-sign-in-widget-i18n)
shows overrides with oie. keys and points to login.properties for the list. (The quote is from the
test guide, not from the i18n guide some notes credit it to; and the Classic keys are not removed
from the widget's login.properties, the Identity Engine views just do not read them.)

The Classic keys are listed in classic_i18n_keys.txt, taken from the widget's
packages/@okta/i18n/src/properties/login.properties at tag okta-signin-widget-7.48.2: keys without
the oie. prefix that the Classic views' code (src/v1) writes and no other code of the widget does,
at that tag and at 5.11.0, 6.0.0, 7.0.0 and 7.20.0; keys of families Identity Engine builds at run
time or receives from the server are left out. The file's header gives the exact derivation.

Override the Identity Engine key instead (where the list knows it, the message names it; otherwise
look up the text's oie. key in login.properties).`,
		Detect: `Keys of a language object inside a widget configuration's i18n object, in files about Okta (a
hosted page, or code that names OktaSignIn or imports the widget): i18n: { en: { ... } } in an
object literal, x.i18n = { en: { ... } }, x.i18n.en = { ... } (or x.i18n['en']), and
x.i18n.en['key'] = .... A key is reported when it is in the list, as written (quoted or not).
In a module that holds another file's widget configuration (see OIE004: an imported literal, or an
unimported one with the widget's option shape), the i18n object of that literal is read, and the
message names the line that creates the widget.

Not reported: oie. keys and the Classic keys that Identity Engine still reads (such as
primaryauth.title and primaryauth.username.placeholder), keys in other objects, computed keys,
spreads, and files without the widget.`,
		Bad: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  config.i18n = { en: { 'primaryauth.submit': 'Log in to Acme', remember: 'Stay signed in' } };
  new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
		},
		Good: []lint.Example{
			{Code: `{{{OktaUtil}}}
<script>
  var config = OktaUtil.getSignInWidgetConfig();
  config.i18n = { en: { 'oie.primaryauth.submit': 'Log in to Acme', 'primaryauth.title': 'Acme' } };
  new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
</script>`},
			{File: "messages.js", Code: `export const i18n = { en: { 'primaryauth.submit': 'Submit', remember: 'Remember me' } };`},
		},
	},
}

//go:embed classic_i18n_keys.txt
var classicI18nKeysData string

// classicI18nKeys maps each Classic-only i18n key to the oie. key Identity
// Engine uses for the same text, or "" when the list does not name one.
var classicI18nKeys = lazy.Value("rules.classicI18nKeys", func() map[string]string { return parseClassicI18nKeys(classicI18nKeysData) })

func parseClassicI18nKeys(data string) map[string]string {
	keys := map[string]string{}
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		key, renamed, _ := strings.Cut(line, "\t")
		keys[key] = renamed
	}
	return keys
}

func checkClassicTranslationKey(pass *lint.Pass) {
	f := pass.File
	if !fileHasName(f, "i18n") {
		return
	}
	// A configuration module (no widget of its own, but widgets of other
	// files are created from its literals): only those literals are read,
	// and each message names the widget.
	var mcs []moduleConfig
	if !hostedPage(f) && !jsmodel.MentionsWidget(f) {
		if mcs = moduleConfigsOf(f); len(mcs) == 0 {
			return
		}
	}
	note := ""
	report := func(s *script, k int) {
		renamed, ok := classicI18nKeys()[jsmodel.MemberName(s, k)]
		if !ok {
			return
		}
		t := s.Tokens[k]
		advice := "override its oie. key instead (look the text up in the widget's login.properties)"
		if renamed != "" {
			advice = "override " + renamed + " instead"
		}
		pass.Report(lint.Diagnostic{Start: t.Start, End: t.End,
			Message: fmt.Sprintf("%s is a Classic Engine i18n key that Identity Engine's views do not read, so this override changes nothing after the upgrade; %s%s", s.Text(t), advice, note)})
	}
	// language reports the keys of a language object { 'key': text }.
	language := func(s *script, brace int) {
		items, _ := jsObjectItems(s, brace)
		for _, it := range items {
			if it.key >= 0 && !it.spread {
				report(s, it.key)
			}
		}
	}
	// languages reads an i18n object { en: {...}, 'fr': {...} }.
	languages := func(s *script, brace int) {
		items, _ := jsObjectItems(s, brace)
		for _, it := range items {
			if it.key >= 0 && !it.spread && objectAt(s, it.value) {
				language(s, it.value.From)
			}
		}
	}
	read := map[jsmodel.Object]bool{}
	for _, mc := range mcs {
		if read[mc.lit] {
			continue // one literal, several widgets: its note names them all
		}
		read[mc.lit] = true
		s := mc.lit.S
		note = mc.note
		items, _ := jsObjectItems(s, mc.lit.Open)
		for _, it := range items {
			if it.key >= 0 && !it.spread && jsmodel.KeyIs(s, it.key, "i18n") && objectAt(s, it.value) {
				languages(s, it.value.From)
			}
		}
	}
	if mcs != nil {
		return
	}
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			// { i18n: { ... } }
			if (jsmodel.IsAuthorIdent(s, i) || jsmodel.IsStringKey(s, i, "i18n")) && jsmodel.KeyIs(s, i, "i18n") &&
				(s.Is(i-1, "{") || s.Is(i-1, ",")) && s.Is(i+1, ":") && s.Is(i+2, "{") && s.Match(i+2) > i+2 {
				languages(s, i+2)
				continue
			}
			// x.i18n = {...}, x.i18n.en = {...}, x.i18n.en['key'] = ...
			at, next := jsmodel.Member(s, i)
			if !jsmodel.KeyIs(s, at, "i18n") {
				continue
			}
			if s.Is(next, "=") && s.Is(next+1, "{") && s.Match(next+1) > next+1 {
				languages(s, next+1)
				continue
			}
			lang, next := jsmodel.Member(s, next)
			if lang < 0 {
				continue
			}
			if s.Is(next, "=") && s.Is(next+1, "{") && s.Match(next+1) > next+1 {
				language(s, next+1)
				continue
			}
			if key, next := jsmodel.Member(s, next); key >= 0 && s.Is(next, "=") {
				report(s, key)
			}
		}
	}
}

// objectAt reports whether the span is exactly one object literal.
func objectAt(s *script, sp span) bool {
	return !sp.Empty() && s.Is(sp.From, "{") && s.Match(sp.From) == sp.To-1
}
