package jsmodel

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestProjectAliasReads: a run over the fixture repository of imports
// reads each configuration file once, however many files and specifiers
// ask, and a relative run names an alias's target relatively.
func TestProjectAliasReads(t *testing.T) {
	fixture := filepath.Join("..", "testdata", "imports")
	var inputs []string
	err := filepath.WalkDir(fixture, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && scriptInput(path) {
			inputs = append(inputs, path)
		}
		return err
	})
	if err != nil || len(inputs) < 20 {
		t.Fatalf("fixture: %d inputs (%v)", len(inputs), err)
	}
	p := NewProject(inputs, os.ReadFile)
	for _, in := range inputs {
		for _, spec := range []string{"@/config/okta", "~okta/brand", "src/okta/hosted", "@/okta/options", "@acme/okta-config", "react", "@/missing"} {
			p.Resolve(in, spec)
		}
	}
	// tsconfig.json, tsconfig.app.json, tsconfig.base.json; and
	// vue/tsconfig.json with the two projects it references.
	if got := p.aliases.Reads(); got != 6 {
		t.Errorf("%d configuration files read, want 6", got)
	}
	from := filepath.Join(fixture, "src", "pages", "AliasLogin.tsx")
	got, ok := p.Resolve(from, "@/config/okta")
	if want := filepath.Join(fixture, "src", "config", "okta.ts"); !ok || got != want {
		t.Errorf("Resolve(%q) = %q, %v; want %q", "@/config/okta", got, ok, want)
	}
}
