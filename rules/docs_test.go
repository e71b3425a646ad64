package rules

import (
	"testing"

	"github.com/tmpllint/tmpllint/export"
	"github.com/tmpllint/tmpllint/lint"
)

// lintExample lints a doc example with every rule, as `tmpllint check`
// would lint a file of its name with its widget version.
func lintExample(t *testing.T, ex lint.Example) []lint.Diagnostic {
	t.Helper()
	if lint.IsExportExample(ex.Name()) {
		pages, err := export.Read(ex.Name(), []byte(ex.Code))
		if err != nil {
			t.Fatalf("%s: %v", ex.Name(), err)
		}
		diags, err := lint.LintEmbedded(lint.NewSource(ex.Name(), []byte(ex.Code)), export.Embedded(pages), All(), exampleOptions(t, ex))
		if err != nil {
			t.Fatalf("%s: %v", ex.Name(), err)
		}
		return diags
	}
	f, err := lint.Parse(lint.NewSource(ex.Name(), []byte(ex.Code)))
	if err != nil {
		t.Fatalf("%s: %v", ex.Name(), err)
	}
	diags := lint.RunWith(f, All(), exampleOptions(t, ex))
	checkFixable(t, ex.Name(), diags)
	return diags
}

func exampleOptions(t *testing.T, ex lint.Example) lint.Options {
	if ex.WidgetVersion == "" {
		return lint.Options{}
	}
	v, ok := lint.ParseVersionRange(ex.WidgetVersion)
	if !ok {
		t.Fatalf("example widget version %q does not parse", ex.WidgetVersion)
	}
	return lint.Options{Widget: &lint.WidgetVersion{Version: v, Origin: "--widget-version " + ex.WidgetVersion, Explicit: true}}
}

// checkFixable fails the test when a rule that does not declare itself
// Fixable offers a fix: `tmpllint rules` would hide a fix users can apply.
func checkFixable(t *testing.T, name string, diags []lint.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if len(d.Fixes) > 0 && !d.Rule.Fixable {
			t.Errorf("%s: %s offers a fix but is not marked Fixable", name, d.Rule.ID)
		}
	}
}

// Rule docs are tested: every bad example must produce its rule and every
// good example must not, so `tmpllint explain` never shows a wrong example.
func TestRuleDocs(t *testing.T) {
	seenID, seenName := map[string]bool{}, map[string]bool{}
	for _, r := range All() {
		if problems := r.Validate(); len(problems) > 0 {
			t.Errorf("%s: %v", r.ID, problems)
		}
		if seenID[r.ID] || seenName[r.Name] {
			t.Errorf("%s %s: duplicate ID or name", r.ID, r.Name)
		}
		seenID[r.ID], seenName[r.Name] = true, true
		for i, ex := range r.Doc.Bad {
			diags := lintExample(t, ex)
			if count(diags, r.ID) == 0 {
				t.Errorf("%s bad example %d (%s) produces no %s:\n%s", r.ID, i+1, ex.Name(), r.ID, ex.Code)
			}
			// The fix shown is what `tmpllint fix` does with this rule alone;
			// other rules' fixes would blur what the example teaches.
			res, err := lint.FixSourceWith(lint.NewSource(ex.Name(), []byte(ex.Code)), []*lint.Rule{r}, false, exampleOptions(t, ex))
			if err != nil {
				t.Fatalf("%s bad example %d: %v", r.ID, i+1, err)
			}
			want := ex.Fixed
			if want == "" {
				want = ex.Code
			}
			if got := string(res.Content); got != want {
				t.Errorf("%s bad example %d: fix gives\n%s\nwant (Fixed)\n%s", r.ID, i+1, got, want)
			}
		}
		for i, ex := range r.Doc.Good {
			if n := count(lintExample(t, ex), r.ID); n > 0 {
				t.Errorf("%s good example %d (%s) produces %d %s:\n%s", r.ID, i+1, ex.Name(), n, r.ID, ex.Code)
			}
		}
	}
}

func TestLookup(t *testing.T) {
	for _, r := range All() {
		if Lookup(r.ID) != r || Lookup(r.Name) != r || Lookup(string(r.ID[0]|0x20)+r.ID[1:]) != r {
			t.Errorf("Lookup does not find %s by ID, name and lower-case ID", r.ID)
		}
	}
	if Lookup("nope") != nil {
		t.Error("Lookup found a rule that does not exist")
	}
}

// Output lists rules in registry order, so the registry stays in ID order.
func TestRegistryInIDOrder(t *testing.T) {
	all := All()
	for i := 1; i < len(all); i++ {
		if all[i-1].ID >= all[i].ID {
			t.Errorf("registry: %s before %s", all[i-1].ID, all[i].ID)
		}
	}
}
