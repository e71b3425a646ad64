package rules

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

// FuzzWidgetRules lints arbitrary files of every kind against the widget
// versions the widget rules tell apart: no crash, findings inside the file,
// and a fixed file that a second fix leaves alone.
func FuzzWidgetRules(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "templates", "*"))
	for _, p := range paths {
		name := filepath.Base(p)
		if !strings.HasPrefix(name, "oie00") && !strings.HasPrefix(name, "embedded-") || strings.Contains(name, ".fixed") || strings.HasSuffix(name, ".diff") {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, uint8(0), uint8(0))
		}
	}
	for _, s := range []string{
		"new OktaSignIn({",
		"new OktaSignIn({...a, ...a}); var a = {...a};",
		"class { w = new OktaSignIn(this.c); c = { useInteractionCodeFlow: !1, };",
		"import { default as S } from '@okta/okta-signin-widget'; new S({ 'features.router': 1, features: { router } })",
		"new OktaSignIn({}).renderEl({}, function (r) { r.stepUp; r.next(); switch (x) { case 'SESSION_SSO': } })",
		"c = OktaUtil.getSignInWidgetConfig(); c['features.securityImage'] = c.processCreds = 1; new OktaSignIn(c)",
		"new OktaSignIn({\n  useInteractionCodeFlow: true\n}); x.useInteractionCodeFlow = 1; y.useInteractionCodeFlow",
	} {
		f.Add([]byte(s), uint8(3), uint8(1))
	}
	names := []string{"f.html", "f.hbs", "f.ejs", "f.js", "f.jsx", "f.ts", "f.tsx", "f.vue"}
	versions := []string{"", "5.1", "5.16", "6.9", "7.20"}
	f.Fuzz(func(t *testing.T, content []byte, kind, version uint8) {
		name := names[int(kind)%len(names)]
		opts := lint.Options{}
		if v := versions[int(version)%len(versions)]; v != "" {
			ver, _ := lint.ParseVersionRange(v)
			opts.Widget = &lint.WidgetVersion{Version: ver, Origin: v, Explicit: true}
		}
		file, err := lint.Parse(lint.NewSource(name, content))
		if err != nil {
			return
		}
		for _, d := range lint.RunWith(file, widgetRules, opts) {
			if strings.Contains(d.Message, "internal error") {
				t.Fatalf("%s", d.Message)
			}
			checkSpan(t, content, d)
		}
		for _, unsafe := range []bool{false, true} {
			res, err := lint.FixSourceWith(lint.NewSource(name, content), widgetRules, unsafe, opts)
			if err != nil {
				t.Fatalf("fix: %v", err)
			}
			again, err := lint.FixSourceWith(lint.NewSource(name, res.Content), widgetRules, unsafe, opts)
			if err != nil {
				t.Fatalf("fix: %v", err)
			}
			if res.Warning == "" && !bytes.Equal(again.Content, res.Content) {
				t.Fatalf("a second fix (unsafe=%v) changed\n%q\ninto\n%q", unsafe, res.Content, again.Content)
			}
		}
	})
}
