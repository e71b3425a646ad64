package rules

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/export"
	"github.com/tmpllint/tmpllint/internal/corpus"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// withoutTriggers returns copies of rules that declare no triggers, so the
// runner's pre-check skips none of them.
func withoutTriggers(rules []*lint.Rule) []*lint.Rule {
	out := make([]*lint.Rule, len(rules))
	for i, r := range rules {
		c := *r
		c.Triggers = nil
		out[i] = &c
	}
	return out
}

// diagText renders diagnostics with everything an output format shows.
func diagText(diags []lint.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%s %s [%d,%d) %q\n", d.Rule.ID, d.Severity, d.Start, d.End, d.Message)
		for _, fix := range d.Fixes {
			fmt.Fprintf(&b, "  fix %q safe=%v\n", fix.Message, fix.Safe)
			for _, e := range fix.Edits {
				fmt.Fprintf(&b, "    [%d,%d) %q\n", e.Start, e.End, e.New)
			}
		}
	}
	return b.String()
}

// precheckVersions are the widget versions every input is linted with:
// none, and one on each side of the versions rules compare against.
var precheckVersions = []string{"", "5.1.0", "6.9.0", "7.8.0", "7.22.0", "7.30.0"}

// lintBoth lints one input with the rules as declared and with every
// trigger removed, and fails unless the diagnostics are the same.
func lintBoth(t *testing.T, name string, content []byte) {
	t.Helper()
	triggered, all := All(), withoutTriggers(All())
	for _, version := range precheckVersions {
		opts := lint.Options{}
		if version != "" {
			v, _ := lint.ParseVersionRange(version)
			opts.Widget = &lint.WidgetVersion{Version: v, Origin: "--widget-version " + version, Explicit: true}
		}
		run := func(rules []*lint.Rule) string {
			if lint.IsExportExample(name) {
				pages, err := export.Read(name, content)
				if err != nil {
					return "error: " + err.Error()
				}
				diags, err := lint.LintEmbedded(lint.NewSource(name, content), export.Embedded(pages), rules, opts)
				if err != nil {
					return "error: " + err.Error()
				}
				return diagText(diags)
			}
			f, err := lint.Parse(lint.NewSource(name, content))
			if err != nil {
				return "error: " + err.Error()
			}
			return diagText(lint.RunWith(f, rules, opts))
		}
		if got, want := run(triggered), run(all); got != want {
			t.Errorf("%s, widget version %q: with the pre-check\n%s\nwithout it\n%s", name, version, got, want)
		}
	}
}

// precheckSnippets name what the rules look for in the ways the triggers
// must cover: other letter cases, escapes, references, bracket access,
// imports under another name.
var precheckSnippets = []struct{ ext, code string }{
	{"js", "import Signin from '@okta/okta-signin-widget';\nconst w = new Signin({ baseUrl: 'https://acme.okta.com' });\nw.renderEl({ el: '#x' }, function (res) { res.session.setCookieAndRedirect('/'); });"},
	{"js", "const Signin = require('@okta/okta-signin-widget/dist/js/okta-sign-in.min.js');\nnew Signin({ useInteractionCodeFlow: false }).renderEl({}, () => {});"},
	{"js", "import Signin from '@okta/okta\\x2dsignin-widget';\nnew Signin({ features: { router: true } });"},
	{"ts", "import { OktaSignIn as W } from '@okta/okta-signin-widget';\n@Component({}) class A { w = new W({ clientId: 'x' }); go() { this.w.renderEl({}, (r: any) => r.session.token); } }"},
	{"js", "var w = new window['OktaSignIn']({}); w['renderEl']({}, function (r) { r['session']['setCookieAndRedirect']('/'); r['sessionToken']; });"},
	{"js", "var w = new OktaSignIn({}); w['\\u0072enderEl']({}, function (r) { r['\\x73essionToken']; });"},
	{"html", "{{{OktaUtil}}}<script>var c = OktaUtil.getSignInWidgetConfig(); c.features = { router: true }; c['clientId'] = 'x'; OktaUtil.getRequestContext().target;</script>"},
	{"html", "{{{OKTAUTIL}}}<SCRIPT>var c = oktautil.GetSignInWidgetConfig(); new OKTASIGNIN(c).RENDEREL({}, function () {});</SCRIPT>"},
	{"html", "<p>{{errorSummary}}</p><a href=\"&#106;avascript:alert(1)\" ONCLICK=\"go()\">x</a><script>go()</script>"},
	{"html", "<html>{{{SignInWidgetResources}}}<style>#okta\\-signin-submit { color: red } .js-help-link { x: y }</style><script nonce=\"{{nonceValue}}\">x.afterTransform('identify', f)</script></html>"},
	{"html", "{{{OktaUtil}}}{{#useSiwGen3}}<style>.o-form-head { x: y }</style><script>w.on('afterRender', function () { document.querySelector('.o-form').textContent = 'x'; }); config.theme = { tokens: {} }; config.i18n = { en: { 'primaryauth.title': 'x' } };</script>{{/useSiwGen3}}"},
	{"html", "<script>var w = new OktaSignIn({}); w.renderEl({ el: '#x' }, function (res) { if (res.status === 'SUCCESS') { res.session.setCookieAndRedirect(url); } });</script><style>#okta-signin-username { x: y }</style>"},
	{"vue", "<template><div id=\"okta-signin-container\"></div></template><script lang=\"ts\">import OktaSignIn from '@okta/okta-signin-widget'; export default { mounted() { new OktaSignIn({}).renderEl({ el: '#okta-signin-container' }, () => {}); } }</script>"},
}

// The pre-check never changes a result: every fixture, doc example, edge
// snippet and a sample of the generated corpus lint the same with it and
// without it.
func TestPrecheckChangesNothing(t *testing.T) {
	inputs := 0
	for _, root := range []string{filepath.Join("..", "testdata"), "testdata"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			name := d.Name()
			if _, ok := jsscan.LangOf(name); !ok && !lint.IsExportExample(name) {
				return nil
			}
			content, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			inputs++
			lintBoth(t, path, content)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range All() {
		for i, ex := range append(append([]lint.Example(nil), r.Doc.Bad...), r.Doc.Good...) {
			inputs++
			lintBoth(t, fmt.Sprintf("%s example %d: %s", r.ID, i, ex.Name()), []byte(ex.Code))
		}
	}
	for i, s := range lintSnippets {
		inputs++
		lintBoth(t, fmt.Sprintf("snippet%d.html", i), []byte(s))
	}
	for i, sn := range precheckSnippets {
		inputs++
		lintBoth(t, fmt.Sprintf("precheck%d.%s", i, sn.ext), []byte(sn.code))
	}
	for i := range 200 {
		inputs++
		p := corpus.Template(i)
		lintBoth(t, fmt.Sprintf("corpus%d.html", i), p.Content)
	}
	if inputs < 300 {
		t.Errorf("only %d inputs: fixtures missing?", inputs)
	}
}

// The rules' triggers are valid (Validate checks them with the rest) and
// skip work on the generated corpus: the pre-check is worth having.
func TestPrecheckSkipsRulesOnCorpus(t *testing.T) {
	const pages = 100
	runs := 0
	for i := range pages {
		p := corpus.Template(i)
		f, err := lint.Parse(lint.NewSource("page.html", p.Content))
		if err != nil {
			t.Fatal(err)
		}
		var rules []*lint.Rule
		for _, r := range All() {
			c := *r
			check := c.Check
			c.Check = func(pass *lint.Pass) { runs++; check(pass) }
			rules = append(rules, &c)
		}
		lint.RunWith(f, rules, lint.Options{})
	}
	skipped := pages*len(All()) - runs // every rule checks HTML
	if skipped == 0 {
		t.Errorf("the pre-check skipped no rule on 100 corpus pages (%d runs)", runs)
	}
	t.Logf("%d rule runs, %d skipped", runs, skipped)
}
