package rules

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rewrite"
)

// FuzzLintKinds lints and fixes arbitrary content as every file kind, with
// and without a widget version: no rule may crash, report outside the file
// or offer an invalid fix, and fixing must settle (a second fix changes
// nothing). FuzzLint and FuzzFix cover HTML templates in more depth.
func FuzzLintKinds(f *testing.F) {
	for _, p := range fixturePaths(f) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		lang, _ := jsscan.LangOf(p)
		f.Add(b, uint8(lang), uint8(0))
	}
	for _, r := range All() {
		for _, ex := range append(append([]lint.Example(nil), r.Doc.Bad...), r.Doc.Good...) {
			f.Add([]byte(ex.Code), uint8(ex.Lang()), uint8(6))
		}
	}
	f.Fuzz(func(t *testing.T, content []byte, kind, major uint8) {
		langs := jsscan.Langs()
		lang := langs[int(kind)%len(langs)]
		name := "fuzz." + lang.String()
		var opts lint.Options
		if major%9 != 0 {
			opts.Widget = &lint.WidgetVersion{Version: lint.Version{Major: int(major % 9), Minor: int(major / 9 % 25)}, Origin: "fuzz", Explicit: major%2 == 0}
		}
		file, err := lint.Parse(lint.NewSource(name, content))
		if err != nil {
			return
		}
		if file.Doc.Lang != lang && !(lang.IsScript() && file.Doc.Lang == jsscan.LangHTML) {
			t.Fatalf("%s read as %s", name, file.Doc.Lang)
		}
		diags := lint.RunWith(file, All(), opts)
		// The pre-check skips only rules that could not have reported.
		if again, err := lint.Parse(lint.NewSource(name, content)); err == nil {
			if got, want := diagText(diags), diagText(lint.RunWith(again, withoutTriggers(All()), opts)); got != want {
				t.Fatalf("the pre-check changed the result:\n%s\nwithout it:\n%s", got, want)
			}
		}
		for _, d := range diags {
			if strings.Contains(d.Message, "internal error") {
				t.Fatalf("%s", d.Message)
			}
			checkSpan(t, content, d)
			for _, fx := range d.Fixes {
				if err := rewrite.Validate(len(content), fx.Edits); err != nil {
					t.Fatalf("%s fix invalid: %v", d.Rule.ID, err)
				}
			}
		}
		res, err := lint.FixSourceWith(lint.NewSource(name, content), All(), true, opts)
		if err != nil {
			t.Fatalf("fix: %v", err)
		}
		again, err := lint.FixSourceWith(lint.NewSource(name, res.Content), All(), true, opts)
		if err != nil {
			t.Fatalf("second fix: %v", err)
		}
		if res.Warning == "" && !bytes.Equal(again.Content, res.Content) {
			t.Fatalf("fix is not idempotent:\nfirst:  %q\nsecond: %q", res.Content, again.Content)
		}
	})
}
