package baseline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/report"
)

var rule = &lint.Rule{ID: "OIE001", Name: "no-set-cookie-and-redirect"}

func finding(line int, fingerprint string) report.Finding {
	return report.Finding{Rule: rule, Message: "m", Start: report.Position{Line: line}, Fingerprint: fingerprint}
}

// record writes a baseline at path from files (name → fingerprints).
func record(t *testing.T, path string, files map[string][]string) *Recorder {
	t.Helper()
	r := NewRecorder(path)
	for name, fps := range files {
		f := &report.File{Name: name}
		for i, fp := range fps {
			f.Findings = append(f.Findings, finding(i+1, fp))
		}
		if err := r.WriteFile(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
	return r
}

func touch(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRecordThenHide(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.html"), filepath.Join(dir, "b.html")
	touch(t, a)
	touch(t, b)
	path := filepath.Join(dir, ".tmpllint-baseline.json")
	if r := record(t, path, map[string][]string{a: {"f1", "f2"}, b: {"f3"}}); r.Count != 3 {
		t.Fatalf("recorded %d findings, want 3", r.Count)
	}
	set, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	hidden := set.Hidden(a, []report.Finding{finding(1, "f1"), finding(2, "new"), finding(3, "f2")})
	if want := []bool{true, false, true}; !slices.Equal(hidden, want) {
		t.Errorf("Hidden = %v, want %v", hidden, want)
	}
	// The same fingerprint in another file is another finding.
	if got := set.Hidden(b, []report.Finding{finding(1, "f1")}); got != nil {
		t.Errorf("Hidden in b.html = %v, want nil", got)
	}
	// No temporary file is left beside the baseline.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left %s", e.Name())
		}
	}
}

// Recording one file keeps the entries of the others that still exist and
// drops those of files that are gone.
func TestRecordKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.html"), filepath.Join(dir, "b.html"), filepath.Join(dir, "c.html")
	for _, p := range []string{a, b, c} {
		touch(t, p)
	}
	path := filepath.Join(dir, "baseline.json")
	record(t, path, map[string][]string{a: {"f1"}, b: {"f2"}, c: {"f3"}})
	if err := os.Remove(c); err != nil {
		t.Fatal(err)
	}
	if r := record(t, path, map[string][]string{a: {"f4"}}); r.Count != 2 {
		t.Errorf("after recording a.html: %d findings, want 2 (a.html's new one and b.html's)", r.Count)
	}
	set, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, fp string
		hidden   bool
	}{{a, "f1", false}, {a, "f4", true}, {b, "f2", true}, {c, "f3", false}} {
		if got := set.Hidden(tt.name, []report.Finding{finding(1, tt.fp)}) != nil; got != tt.hidden {
			t.Errorf("%s %s hidden = %v, want %v", filepath.Base(tt.name), tt.fp, got, tt.hidden)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tt := range []struct {
		path, want string
	}{
		{filepath.Join(dir, "missing.json"), "does not exist; create it with --update-baseline"},
		{write("bad.json", "{"), "not a tmpllint baseline"},
		{write("v2.json", `{"version": 2, "findings": []}`), "baseline version 2, this tmpllint reads version 1"},
	} {
		_, err := Load(tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
			t.Errorf("Load(%s) = %v, want an error naming the file and saying %q", filepath.Base(tt.path), err, tt.want)
		}
	}
	// A Recorder refuses to overwrite what is not a baseline.
	r := NewRecorder(write("notes.json", "[1, 2]"))
	if err := r.Finish(); err == nil || !strings.Contains(err.Error(), "move it away") {
		t.Errorf("Finish over a foreign file = %v, want a refusal", err)
	}
}
