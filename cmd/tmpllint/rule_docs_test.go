package main

import (
	"bytes"
	"github.com/tmpllint/tmpllint/report"
	"os"
	"path/filepath"
	"testing"

	"github.com/tmpllint/tmpllint/rules"
)

// docs/rules/ID.md is each rule's published page (SARIF's helpUri and the
// README link to it). It is generated from the rule's Doc, the same text
// `tmpllint explain` prints, and must stay equal to it: after changing a
// rule's docs, run go test ./cmd/tmpllint -update.
func TestRuleDocPages(t *testing.T) {
	dir := filepath.Join("..", "..", "docs", "rules")
	want := map[string]bool{}
	for _, r := range rules.All() {
		name := r.ID + ".md"
		want[name] = true
		page := []byte("# " + r.ID + " " + r.Name + "\n\n" + report.RuleMarkdown(r))
		path := filepath.Join(dir, name)
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, page, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, page) {
			t.Errorf("%s is missing or out of date with the rule's docs (go test ./cmd/tmpllint -update)", path)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("docs/rules/%s documents no rule; remove it", e.Name())
		}
	}
}
