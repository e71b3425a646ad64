package main

import (
	"bytes"
	"encoding/json"
	"github.com/tmpllint/tmpllint/report"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rewrite"
	"github.com/tmpllint/tmpllint/rules"
)

// sarifSchemaValidator compiles the SARIF 2.1.0 schema in testdata, with
// format assertions on (uri, uri-reference, date-time...).
func sarifSchemaValidator(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join(testdataDir, "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// validateSARIF checks a log against the schema and returns it decoded.
func validateSARIF(t *testing.T, sch *jsonschema.Schema, out string) sarifLog {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v", err)
	}
	var log sarifLog
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		t.Fatal(err)
	}
	return log
}

func TestSARIFSchemaRejectsInvalidLogs(t *testing.T) {
	sch := sarifSchemaValidator(t)
	for _, bad := range []string{
		`{"version": "2.1.0"}`,
		`{"version": "2.0.0", "runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "columnKind": "bytes"}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("the schema accepts %s", bad)
		}
	}
}

// goldenSARIF is the log without the rules, so that adding a rule does not
// change every golden file: checkGitHubRequirements checks the list, and
// OIE001's descriptor has a golden file of its own.
func goldenSARIF(t *testing.T, out []byte) []byte {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	log.Runs[0].Tool.Driver.Rules = nil
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		t.Fatal(err)
	}
	return bytes.Replace(b.Bytes(), []byte(`"rules": null`), []byte(`"rules": "(every rule, left out here)"`), 1)
}

func TestSARIFGolden(t *testing.T) {
	var out bytes.Buffer
	if err := writeSARIF(&out, composedResults(t), "v1.2.3 0123456789ab"); err != nil {
		t.Fatal(err)
	}
	log := validateSARIF(t, sarifSchemaValidator(t), out.String())
	checkGitHubRequirements(t, log)
	checkGolden(t, "composed.sarif.json", goldenSARIF(t, out.Bytes()))

	var rule bytes.Buffer
	enc := json.NewEncoder(&rule)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	var oie001 any
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if r.ID == "OIE001" {
			oie001 = r
		}
	}
	if oie001 == nil {
		t.Fatal("OIE001 missing from the SARIF rules")
	}
	if err := enc.Encode(oie001); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "OIE001.sarif-rule.json", rule.Bytes())
}

// TestSARIFCLI runs --format sarif over every fixture, odd file names and
// unreadable files, and checks the log against the schema and against
// what GitHub code scanning requires.
func TestSARIFCLI(t *testing.T) {
	sch := sarifSchemaValidator(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"bin.html": "\x00", "100%, a:b::c #1.html": oneFinding})
	fixtures, err := filepath.Glob(fixture("*.html"))
	if err != nil || len(fixtures) == 0 {
		t.Fatal("no fixtures", err)
	}
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"clean", []string{fixture("default-oie.html")}, 0},
		{"fixtures", fixtures, 1},
		{"odd name and read errors", []string{filepath.Join(dir, "100%, a:b::c #1.html"), filepath.Join(dir, "bin.html"), filepath.Join(dir, "missing.html")}, 2},
		{"stdin", []string{"--stdin-filename", "sub/dir/page.html", "-"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tmpllint(t, oneFinding, append([]string{"check", "--format", "sarif"}, tt.args...)...)
			if got.code != tt.code || got.stderr != "" {
				t.Fatalf("exit code %d (want %d), stderr %q", got.code, tt.code, got.stderr)
			}
			log := validateSARIF(t, sch, got.stdout)
			checkGitHubRequirements(t, log)
			inv := log.Runs[0].Invocations[0]
			if inv.ExecutionSuccessful != (tt.code != 2) || (len(inv.ToolExecutionNotifications) > 0) != (tt.code == 2) {
				t.Errorf("invocation: %+v", inv)
			}
		})
	}
}

// uriPattern is RFC 3986's character set for a URI reference, with
// well-formed percent escapes.
var uriPattern = regexp.MustCompile(`^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})+$`)

// checkGitHubRequirements checks what GitHub code scanning requires beyond
// the schema: non-empty descriptions of at most 1024 characters, a level,
// a location with all four region fields, a line hash, in-range rule
// indexes.
func checkGitHubRequirements(t *testing.T, log sarifLog) {
	t.Helper()
	if log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("$schema %q, %d runs", log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" || len(run.Invocations) != 1 {
		t.Errorf("columnKind %q, %d invocations", run.ColumnKind, len(run.Invocations))
	}
	rs := run.Tool.Driver.Rules
	if len(rs) != len(rules.All()) {
		t.Fatalf("%d rules, want all %d", len(rs), len(rules.All()))
	}
	for i, r := range rules.All() {
		if rs[i].ID != r.ID || rs[i].Name != r.Name {
			t.Errorf("rule %d is %s %s, want %s %s", i, rs[i].ID, rs[i].Name, r.ID, r.Name)
		}
	}
	for _, r := range rs {
		for what, text := range map[string]string{"short": r.ShortDescription.Text, "full": r.FullDescription.Text, "help": r.Help.Text, "markdown": r.Help.Markdown} {
			if strings.TrimSpace(text) == "" {
				t.Errorf("%s: empty %s description", r.ID, what)
			}
		}
		if utf8.RuneCountInString(r.ShortDescription.Text) > 1024 || utf8.RuneCountInString(r.FullDescription.Text) > 1024 || len(r.Name) > 255 {
			t.Errorf("%s: description or name too long", r.ID)
		}
		if !slices.Contains([]string{"note", "warning", "error"}, r.DefaultConfiguration.Level) || r.HelpURI == "" {
			t.Errorf("%s: level %q, helpUri %q", r.ID, r.DefaultConfiguration.Level, r.HelpURI)
		}
	}
	for _, res := range run.Results {
		if res.RuleIndex != nil && rs[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("ruleIndex %d is not %s", *res.RuleIndex, res.RuleID)
		}
		if res.Message.Text == "" || len(res.Locations) != 1 || res.Locations[0].PhysicalLocation.Region == nil {
			t.Fatalf("result without message or region: %+v", res)
		}
		reg := res.Locations[0].PhysicalLocation.Region
		if reg.StartLine < 1 || reg.StartColumn < 1 || reg.EndLine < reg.StartLine || reg.EndLine == reg.StartLine && reg.EndColumn < reg.StartColumn {
			t.Errorf("region %+v", reg)
		}
		if uri := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; !uriPattern.MatchString(uri) {
			t.Errorf("not an RFC 3986 URI: %q", uri)
		}
		if !strings.Contains(res.PartialFingerprints["primaryLocationLineHash"], ":") {
			t.Errorf("fingerprint %v", res.PartialFingerprints)
		}
	}
}

// TestSARIFRegionsMatchJSON checks that every SARIF region is the JSON
// format's span: code point columns, exclusive end.
func TestSARIFRegionsMatchJSON(t *testing.T) {
	fixtures, _ := filepath.Glob(fixture("*.html"))
	args := append([]string{"check", "--fail-level", "error"}, fixtures...)
	diags, _ := decodeReport(t, tmpllint(t, "", append(args, "--format", "json")...).stdout)
	var log sarifLog
	if err := json.Unmarshal([]byte(tmpllint(t, "", append(args, "--format", "sarif")...).stdout), &log); err != nil {
		t.Fatal(err)
	}
	results := log.Runs[0].Results
	if len(results) != len(diags) || len(diags) == 0 {
		t.Fatalf("%d SARIF results, %d JSON diagnostics", len(results), len(diags))
	}
	for i, d := range diags {
		r := results[i]
		reg := r.Locations[0].PhysicalLocation.Region
		u, err := url.Parse(r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		if err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs(d.File) // the fixtures are outside the current directory
		if r.RuleID != d.Rule || r.Message.Text != d.Message || u.Scheme != "file" || u.Path != filepath.ToSlash(abs) ||
			*reg != (sarifRegion{d.Line, d.Column, d.EndLine, d.EndColumn}) {
			t.Errorf("result %d: %s %s %+v; JSON: %+v", i, r.RuleID, u, *reg, d)
		}
	}
}

// offsetOf turns a SARIF line and code point column back into a byte
// offset, independently of lint.Source: lines end at LF, and a BOM on the
// first line is not a column.
func offsetOf(t *testing.T, content []byte, line, column int) int {
	t.Helper()
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(content[off:], '\n')
		if i < 0 {
			t.Fatalf("no line %d", line)
		}
		off += i + 1
	}
	if line == 1 && bytes.HasPrefix(content, []byte("\xef\xbb\xbf")) {
		off = 3
	}
	for c := 1; c < column; c++ {
		_, size := utf8.DecodeRune(content[off:])
		if size == 0 {
			t.Fatalf("column %d is past the end", column)
		}
		off += size
	}
	return off
}

// TestSARIFFixesApply applies the fixes of the SARIF log, read back from
// their line/column regions, and compares with what tmpllint's own fix
// would write.
func TestSARIFFixesApply(t *testing.T) {
	fixtures, _ := filepath.Glob(fixture("*.html"))
	fixes := 0
	for _, path := range fixtures {
		content, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r := lintResult(t, path, string(content), rules.All()...)
		diags := lintDiagnostics(t, path, string(content), rules.All()...)
		var out bytes.Buffer
		if err := writeSARIF(&out, []report.File{r}, ""); err != nil {
			t.Fatal(err)
		}
		var log sarifLog
		if err := json.Unmarshal(out.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		for i, res := range log.Runs[0].Results {
			if len(res.Fixes) != len(diags[i].Fixes) {
				t.Errorf("%s: result %d has %d fixes, the diagnostic %d", path, i, len(res.Fixes), len(diags[i].Fixes))
				continue
			}
			for j, fix := range res.Fixes {
				fixes++
				var edits []rewrite.Edit
				for _, rep := range fix.ArtifactChanges[0].Replacements {
					reg := rep.DeletedRegion
					edits = append(edits, rewrite.Edit{
						Start: offsetOf(t, content, reg.StartLine, reg.StartColumn),
						End:   offsetOf(t, content, reg.EndLine, reg.EndColumn),
						New:   rep.InsertedContent.Text,
					})
				}
				got, err := rewrite.Apply(content, edits)
				if err != nil {
					t.Fatal(err)
				}
				want, err := rewrite.Apply(content, diags[i].Fixes[j].Edits)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s: fix %d of result %d applies differently", path, j, i)
				}
				if fix.Properties["safe"] != diags[i].Fixes[j].Safe {
					t.Errorf("%s: safe property %v", path, fix.Properties)
				}
			}
		}
	}
	if fixes == 0 {
		t.Fatal("the fixtures have no fixes")
	}
}

func TestSARIFFingerprints(t *testing.T) {
	rule := markerRule("TST031", "mark", lint.Warning, "MARK", "m")
	hashes := func(content string) []string {
		var out bytes.Buffer
		if err := writeSARIF(&out, []report.File{lintResult(t, "f.html", content, rule)}, ""); err != nil {
			t.Fatal(err)
		}
		var log sarifLog
		if err := json.Unmarshal(out.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		var hs []string
		for _, r := range log.Runs[0].Results {
			hs = append(hs, r.PartialFingerprints["primaryLocationLineHash"])
		}
		return hs
	}
	base := hashes("<p>MARK</p>\n<p>other MARK</p>\n  <p>MARK</p>\n")
	if len(base) != 3 {
		t.Fatalf("%v", base)
	}
	// Lines added above and indentation changed: the same fingerprints.
	if shifted := hashes("\n\n<h1>new</h1>\n\t<p>MARK</p>\n<p>other MARK</p>\n<p>MARK</p>\n"); !slices.Equal(shifted, base) {
		t.Errorf("fingerprints moved with the lines:\n%v\n%v", base, shifted)
	}
	// The same line twice: the occurrence tells them apart.
	if base[0][:len(base[0])-2] != base[2][:len(base[2])-2] || !strings.HasSuffix(base[0], ":1") || !strings.HasSuffix(base[2], ":2") {
		t.Errorf("repeated line: %v", base)
	}
	if base[0] == base[1] {
		t.Errorf("different lines, same fingerprint: %v", base)
	}
	// Another rule on the same line has another hash.
	other := markerRule("TST032", "mark2", lint.Warning, "MARK", "m")
	var out bytes.Buffer
	if err := writeSARIF(&out, []report.File{lintResult(t, "f.html", "<p>MARK</p>\n", rule, other)}, ""); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if a, b := log.Runs[0].Results[0].PartialFingerprints, log.Runs[0].Results[1].PartialFingerprints; a["primaryLocationLineHash"] == b["primaryLocationLineHash"] {
		t.Errorf("two rules, one fingerprint: %v", a)
	}
}

// TestSARIFOddFileNames is the odd-names golden for SARIF: names with %,
// ",", ":", "::" and a line break, as relative URIs.
func TestSARIFOddFileNames(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"100%, a:b::c.html", "new\nline::x.html"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(oneFinding), 0o644); err != nil {
			t.Skip("file system does not allow the name:", err)
		}
	}
	t.Chdir(dir)
	got := tmpllint(t, "", "check", "--format", "sarif", ".")
	if got.code != 1 {
		t.Fatalf("exit code %d, stderr %q", got.code, got.stderr)
	}
	log := validateSARIF(t, sarifSchemaValidator(t), got.stdout)
	checkGitHubRequirements(t, log)
	var uris []string
	for _, r := range log.Runs[0].Results {
		uris = append(uris, r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	if want := []string{"100%25,%20a%3Ab%3A%3Ac.html", "new%0Aline%3A%3Ax.html"}; !slices.Equal(uris, want) {
		t.Errorf("URIs %q, want %q", uris, want)
	}
	checkGolden(t, "odd-names.sarif.json", goldenSARIF(t, []byte(got.stdout)))
}

// writeSARIF writes files in the SARIF format.
func writeSARIF(w io.Writer, files []report.File, version string) error {
	cwd, _ := os.Getwd()
	return formatFiles(report.NewSARIF(w, rules.All(), version, cwd), files)
}
