package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes name → content under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// exportFixtures is the directory of the export fixtures, found before a
// test changes directory.
var exportFixtures, _ = filepath.Abs(filepath.Join("..", "..", "testdata", "exports"))

func exportFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(exportFixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A directory walk reads the JSON that is an export and the Terraform
// that names a sign-in page resource, and says nothing about other JSON
// (package.json, a tsconfig.json with comments, data files) or other
// Terraform.
func TestWalkReadsExportsOnly(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{
		"package.json":          `{"name": "app", "dependencies": {"left-pad": "1.0.0"}}`,
		"tsconfig.json":         "{\n  // comments make this invalid JSON\n  \"compilerOptions\": {}\n}\n",
		"data/list.json":        `[{"title": "<p>not a page</p>"}]`,
		"infra/network.tf":      "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n",
		"infra/broken.tf":       "this is { not terraform",
		"pages/sign-in.json":    exportFixture(t, "classic-sign-in.json"),
		"infra/okta/main.tf":    exportFixture(t, "quoted.tf"),
		".terraform/m/okta.tf":  exportFixture(t, "quoted.tf"),
		"pages/error-page.json": exportFixture(t, "error-page.json"),
	})
	code, stdout, stderr := runCLI("check", "--format", "json", ".")
	if code != exitFindings || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) > 0 {
		t.Errorf("errors: %+v", rep.Errors)
	}
	files := map[string]int{}
	for _, d := range rep.Diagnostics {
		files[filepath.ToSlash(d.File)]++
	}
	want := map[string]int{"pages/sign-in.json": 2, "infra/okta/main.tf": 3, "pages/error-page.json": 4}
	if len(files) != len(want) {
		t.Errorf("findings per file %v, want %v", files, want)
	}
	for f, n := range want {
		if files[f] != n {
			t.Errorf("%s: %d findings, want %d (all: %v)", f, files[f], n, files)
		}
	}
	// Positions are the export file's.
	for _, d := range rep.Diagnostics {
		if d.File == filepath.FromSlash("pages/sign-in.json") && d.Rule == "OIE001" && (d.Line != 2 || d.Column != 700) {
			t.Errorf("OIE001 at %d:%d, want 2:700", d.Line, d.Column)
		}
	}
}

// A JSON file named on the command line that is not an export is an
// error that says so, not a template read as HTML.
func TestNamedJSONNotExport(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"package.json": `{"name": "app"}`})
	code, _, stderr := runCLI("check", filepath.Join(dir, "package.json"))
	if code != exitError || !strings.Contains(stderr, "not an Okta sign-in or error page export") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// A template that Terraform reads with file() is linted with the
// resource's widget_version, and the message says where it came from;
// --widget-version still wins.
func TestTerraformFileTemplate(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{
		"okta/file.tf":           exportFixture(t, "file.tf"),
		"okta/file-sign-in.html": exportFixture(t, "file-sign-in.html"),
	})
	// Naming only the .tf file lints the template it reads.
	code, stdout, stderr := runCLI("check", "--color", "never", "okta/file.tf")
	if code != exitFindings || !strings.Contains(stdout, `okta/file-sign-in.html:`) ||
		!strings.Contains(stdout, `widget_version "7.7" of okta_customized_signin_page.acme in file.tf`) {
		t.Fatalf("exit %d, stdout:\n%s\nstderr: %s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI("check", "--color", "never", "--widget-version", "7.14", "okta")
	if code != exitOK {
		t.Errorf("--widget-version 7.14: exit %d:\n%s", code, stdout)
	}
	// Without the .tf file, the template alone names no version.
	code, stdout, _ = runCLI("check", "--color", "never", "okta/file-sign-in.html")
	if code != exitOK {
		t.Errorf("the template alone: exit %d:\n%s", code, stdout)
	}
}

// fix writes the same bytes as the export package's golden fixed files,
// and fix --diff shows them.
func TestFixExports(t *testing.T) {
	for _, name := range []string{"classic-sign-in.json", "one-line.json", "page-root.json", "quoted.tf", "heredoc.tf"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{name: exportFixture(t, name)})
			path := filepath.Join(dir, name)
			code, diff, stderr := runCLI("fix", "--diff", path)
			if code != exitFindings || !strings.Contains(diff, "+") || strings.Contains(stderr, "tmpllint:") {
				t.Fatalf("fix --diff: exit %d, stderr %q", code, stderr)
			}
			code, stdout, stderr := runCLI("fix", "--color", "never", path)
			if stderr != "" || !strings.Contains(stdout, "Fixed ") {
				t.Fatalf("fix: exit %d, stdout %s, stderr %q", code, stdout, stderr)
			}
			got, _ := os.ReadFile(path)
			if want := exportFixture(t, name+".fixed"); !bytes.Equal(got, []byte(want)) {
				t.Errorf("fixed file differs from %s.fixed", name)
			}
		})
	}
}

// Every output format and the baseline work on exports as on templates:
// the SARIF log is valid and points into the export, the GitHub
// annotations name its line, and a baseline recorded on an export hides its
// findings.
func TestExportFormatsAndBaseline(t *testing.T) {
	sch := sarifSchemaValidator(t)
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{
		"sign-in.json": exportFixture(t, "one-line.json"),
		"main.tf":      exportFixture(t, "heredoc.tf"),
	})
	code, out, stderr := runCLI("check", "--format", "sarif", ".")
	if code != exitFindings {
		t.Fatalf("sarif: exit %d, %s", code, stderr)
	}
	log := validateSARIF(t, sch, out)
	if n := len(log.Runs[0].Results); n != 5 {
		t.Errorf("sarif: %d results, want 5", n)
	}
	code, out, _ = runCLI("check", "--format", "github", ".")
	if code != exitFindings || !strings.Contains(out, "file=sign-in.json,line=1,") || !strings.Contains(out, "file=main.tf,line=31,") {
		t.Errorf("github: exit %d:\n%s", code, out)
	}
	if code, _, stderr := runCLI("check", "--update-baseline", "."); code != exitOK {
		t.Fatalf("--update-baseline: exit %d, %s", code, stderr)
	}
	if code, out, _ := runCLI("check", "--baseline", ".tmpllint-baseline.json", "."); code != exitOK {
		t.Errorf("baselined exports still report: exit %d\n%s", code, out)
	}
}

// jsonReport is the JSON format as the tests read it back.
type jsonReport struct {
	Diagnostics []struct {
		File, Rule, Name, Severity, Message                 string
		Line, Column, EndLine, EndColumn, Offset, EndOffset int
		Fixable                                             bool
	} `json:"diagnostics"`
	Errors []struct{ File, Message string } `json:"errors"`
}
