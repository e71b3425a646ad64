package rules

import (
	"fmt"
	"testing"
)

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
		for i, example := range r.Doc.Bad {
			_, diags := lintFile(t, fmt.Sprintf("%s-bad-%d.html", r.ID, i), []byte(example))
			if count(diags, r.ID) == 0 {
				t.Errorf("%s bad example %d produces no %s:\n%s", r.ID, i, r.ID, example)
			}
		}
		for i, example := range r.Doc.Good {
			_, diags := lintFile(t, fmt.Sprintf("%s-good-%d.html", r.ID, i), []byte(example))
			if n := count(diags, r.ID); n > 0 {
				t.Errorf("%s good example %d produces %d %s:\n%s", r.ID, i, n, r.ID, example)
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
