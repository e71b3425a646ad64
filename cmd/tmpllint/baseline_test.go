package main

import (
	"encoding/json"
	"github.com/tmpllint/tmpllint/baseline"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A baseline hides today's findings, survives lines moving above them, and
// still reports a new finding.
func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	page := "{{{OktaUtil}}}\n<script>\n  res.session.setCookieAndRedirect(u);\n</script>\n"
	if err := os.WriteFile("page.html", []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("check", "--update-baseline", "page.html")
	if code != exitOK || !strings.Contains(stderr, "1 finding") {
		t.Fatalf("--update-baseline: exit %d, %s", code, stderr)
	}
	var b baselineFile
	data, _ := os.ReadFile(".tmpllint-baseline.json")
	if err := json.Unmarshal(data, &b); err != nil || len(b.Findings) != 1 || b.Findings[0].File != "page.html" || b.Findings[0].Rule != "OIE001" {
		t.Fatalf("baseline file: %v %s", err, data)
	}

	if code, out, _ := runCLI("check", "--baseline", ".tmpllint-baseline.json", "page.html"); code != exitOK || strings.Contains(out, "OIE001") {
		t.Errorf("baselined finding reported: exit %d\n%s", code, out)
	}
	// Lines added above move the finding; it stays known.
	moved := "<!-- a -->\n<!-- b -->\n" + page
	os.WriteFile("page.html", []byte(moved), 0o644)
	if code, _, _ := runCLI("check", "--baseline", ".tmpllint-baseline.json", "page.html"); code != exitOK {
		t.Errorf("moved finding reported: exit %d", code)
	}
	// A second, new use is reported; the known one is not.
	added := moved + "<script>\n  res.session.token; var res = new OktaAuth(c);\n</script>\n"
	os.WriteFile("page.html", []byte(added), 0o644)
	code, out, _ := runCLI("check", "--baseline", ".tmpllint-baseline.json", "page.html")
	if code != exitFindings || !strings.Contains(out, "OIE002") || strings.Contains(out, "OIE001") {
		t.Errorf("new finding: exit %d\n%s", code, out)
	}
	// Run from another folder: the baseline's paths are relative to it.
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	t.Chdir(sub)
	if _, out, _ := runCLI("check", "--baseline", "../.tmpllint-baseline.json", "../page.html"); strings.Contains(out, "OIE001") {
		t.Errorf("baseline not matched from another folder:\n%s", out)
	}
}

func TestBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("page.html", []byte("<p>ok</p>"), 0o644)
	if code, _, stderr := runCLI("check", "--baseline", "missing.json", "page.html"); code != exitError || !strings.Contains(stderr, "--update-baseline") {
		t.Errorf("missing baseline: exit %d, %s", code, stderr)
	}
	os.WriteFile("bad.json", []byte(`{"version": 99, "findings": []}`), 0o644)
	if code, _, stderr := runCLI("check", "--baseline", "bad.json", "page.html"); code != exitError || !strings.Contains(stderr, "version 99") {
		t.Errorf("future baseline: exit %d, %s", code, stderr)
	}
}

// baselineFile is a baseline file as the tests read it back.
type baselineFile struct {
	Version  int              `json:"version"`
	Findings []baseline.Entry `json:"findings"`
}
