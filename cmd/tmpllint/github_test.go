package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/tmpllint/tmpllint/report"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rules"
)

// testdataDir is this package's testdata, as an absolute path: tests that
// change directory still find it.
var testdataDir, _ = filepath.Abs("testdata")

// checkGolden compares got with testdata/golden/name, rewriting the file
// under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join(testdataDir, "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/tmpllint -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (rerun with -update if intended)\n got:\n%s\nwant:\n%s", golden, got, want)
	}
}

// markerRule reports every occurrence of marker in a file.
func markerRule(id, name string, sev lint.Severity, marker, message string) *lint.Rule {
	return &lint.Rule{ID: id, Name: name, Severity: sev, Check: func(p *lint.Pass) {
		content := string(p.File.Content)
		for i := 0; ; {
			j := strings.Index(content[i:], marker)
			if j < 0 {
				return
			}
			p.Reportf(i+j, i+j+len(marker), "%s", message)
			i += j + len(marker)
		}
	}}
}

// lintDiagnostics lints content as the file name with the given rules.
func lintDiagnostics(t *testing.T, name, content string, active ...*lint.Rule) []lint.Diagnostic {
	t.Helper()
	f, err := lint.Parse(lint.NewSource(name, []byte(content)))
	if err != nil {
		t.Fatal(err)
	}
	return lint.Run(f, active)
}

// lintResult lints content as the file name with the given rules and
// resolves the result for every format.
func lintResult(t *testing.T, name, content string, active ...*lint.Rule) report.File {
	t.Helper()
	diags := lintDiagnostics(t, name, content, active...)
	all := report.Needs{Snippets: true, FixEdits: true, FixDiffs: true, Fingerprints: true}
	return report.File{Name: name, Findings: report.Resolve(lint.NewSource(name, []byte(content)), diags, all)}
}

// formatFiles hands files to a formatter as a run does.
func formatFiles(f report.Formatter, files []report.File) error {
	for i := range files {
		if err := f.WriteFile(&files[i]); err != nil {
			return err
		}
	}
	return f.Finish()
}

// writeGitHub writes files in the GitHub format, with the environment
// getenv gives.
func writeGitHub(stdout, stderr io.Writer, files []report.File, getenv func(string) string) error {
	return formatFiles(report.NewGitHub(stdout, stderr, getenv("GITHUB_WORKSPACE"), getenv("GITHUB_STEP_SUMMARY")), files)
}

// appendStepSummary writes files to a GitHub step summary alone.
func appendStepSummary(path string, files []report.File) error {
	var stderr strings.Builder
	if err := formatFiles(report.NewGitHub(io.Discard, &stderr, "", path), files); err != nil {
		return err
	}
	if stderr.Len() > 0 {
		return errors.New(stderr.String())
	}
	return nil
}

// githubSummaryLimit is the most a step summary may hold.
const githubSummaryLimit = 1 << 20

// oddMessage holds everything a workflow command must escape.
const oddMessage = "50% done, a:b ::error::forged\nsecond line\r\nthird %0A"

// composedResults is a fixture with real findings, a file whose name and
// finding need escaping, a finding over two lines and a read error.
func composedResults(t *testing.T) []report.File {
	odd := markerRule("TST001", "odd-message", lint.Warning, "MARK", oddMessage)
	span := markerRule("TST002", "two-lines", lint.Info, "multi\nline", "a span over two lines")
	return []report.File{
		lintResult(t, "templates/sign-in.html", readFixture(t, "oie001-member-call.html"), rules.All()...),
		lintResult(t, "100%, a:b::c.html", "<p>first MARK here</p>\n<p>multi\nline</p>\n<p>é MARK</p>\n", odd, span),
		{Name: "missing, 100%.html", Err: errors.New("no such file or directory")},
	}
}

// fakeEnv returns a getenv that knows only vars.
func fakeEnv(vars map[string]string) func(string) string {
	return func(key string) string { return vars[key] }
}

func TestGitHubGolden(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "summary.md")
	var stdout, stderr bytes.Buffer
	err := writeGitHub(&stdout, &stderr, composedResults(t), fakeEnv(map[string]string{"GITHUB_STEP_SUMMARY": summary}))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "composed.github.txt", []byte(stdout.String()+"--- stderr\n"+stderr.String()))
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "composed.github-summary.md", md)
	checkNoForgedCommands(t, stdout.String()+stderr.String())
}

// workflowCmd is a workflow command as the Actions runner parses it.
type workflowCmd struct {
	name  string
	props map[string]string
	data  string
}

// parseWorkflowCommand parses a line as the runner's ActionCommand.TryParseV2
// does: leading whitespace trimmed, "::" then the name up to a space, the
// properties up to the next "::" split at commas and at the first "=", and
// the values unescaped.
func parseWorkflowCommand(line string) (workflowCmd, bool) {
	line = strings.TrimLeftFunc(line, unicode.IsSpace)
	if !strings.HasPrefix(line, "::") {
		return workflowCmd{}, false
	}
	end := strings.Index(line[2:], "::")
	if end < 0 {
		return workflowCmd{}, false
	}
	info := line[2 : 2+end]
	cmd := workflowCmd{props: map[string]string{}, data: unescapeRunner(line[2+end+2:], false)}
	name, props, _ := strings.Cut(info, " ")
	cmd.name = name
	for _, p := range strings.Split(strings.TrimSpace(props), ",") {
		if k, v, ok := strings.Cut(p, "="); ok && k != "" && v != "" {
			cmd.props[strings.ToLower(k)] = unescapeRunner(v, true)
		}
	}
	return cmd, true
}

func unescapeRunner(s string, property bool) string {
	s = strings.ReplaceAll(s, "%0D", "\r")
	s = strings.ReplaceAll(s, "%0A", "\n")
	if property {
		s = strings.ReplaceAll(s, "%3A", ":")
		s = strings.ReplaceAll(s, "%2C", ",")
	}
	return strings.ReplaceAll(s, "%25", "%")
}

// checkNoForgedCommands fails on any output line the runner would take for
// a command other than an annotation: a "::" line that is not ::error,
// ::warning or ::notice, or a line holding the legacy "##[" prefix. It
// returns the annotations.
func checkNoForgedCommands(t *testing.T, out string) []workflowCmd {
	t.Helper()
	if strings.Contains(out, "\r") {
		t.Errorf("output holds a CR, which the runner reads as a line break")
	}
	var cmds []workflowCmd
	for _, line := range strings.Split(out, "\n") {
		if cmd, ok := parseWorkflowCommand(line); ok {
			if cmd.name != "error" && cmd.name != "warning" && cmd.name != "notice" {
				t.Errorf("forged workflow command %q in line %q", cmd.name, line)
			}
			if !strings.HasPrefix(line, "::") {
				t.Errorf("annotation not at the start of the line: %q", line)
			}
			cmds = append(cmds, cmd)
			continue
		}
		if strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") {
			t.Errorf("line starts with \"::\": %q", line)
		}
		if strings.Contains(line, "##[") {
			t.Errorf("line holds the legacy command prefix ##[: %q", line)
		}
	}
	return cmds
}

func TestGitHubEscapingRoundTrips(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := writeGitHub(&stdout, &stderr, composedResults(t), fakeEnv(nil)); err != nil {
		t.Fatal(err)
	}
	var odd []workflowCmd
	for _, c := range checkNoForgedCommands(t, stdout.String()+stderr.String()) {
		if c.props["title"] == "TST001 odd-message" {
			odd = append(odd, c)
		}
	}
	if len(odd) != 2 {
		t.Fatalf("want 2 TST001 annotations, got %d:\n%s", len(odd), stdout.String())
	}
	for _, c := range odd {
		if c.name != "warning" || c.props["file"] != "100%, a:b::c.html" || c.data != oddMessage {
			t.Errorf("annotation does not round-trip: %+v", c)
		}
	}
	// The runner's view of each property of the first one.
	want := map[string]string{"file": "100%, a:b::c.html", "line": "1", "endline": "1", "col": "10", "endcolumn": "13", "title": "TST001 odd-message"}
	if fmt.Sprint(odd[0].props) != fmt.Sprint(want) {
		t.Errorf("properties:\n got %v\nwant %v", odd[0].props, want)
	}
	if c := odd[1]; c.props["line"] != "4" || c.props["col"] != "6" || c.props["endcolumn"] != "9" {
		t.Errorf("columns after a two-byte character: %v", c.props)
	}
}

// TestGitHubColumns pins the span properties: GitHub's endColumn is the
// column of the last character, and columns are given only on one line.
func TestGitHubColumns(t *testing.T) {
	span := func(start, end int) *lint.Rule {
		return &lint.Rule{ID: "TST003", Name: "span", Severity: lint.Error, Check: func(p *lint.Pass) { p.Reportf(start, end, "m") }}
	}
	content := "ab\ncdé😀f\ngh\r\nij"
	tests := []struct {
		name       string
		start, end int
		want       string
	}{
		{"one character", 0, 1, "line=1,endLine=1,col=1,endColumn=1"},
		{"two characters", 0, 2, "line=1,endLine=1,col=1,endColumn=2"},
		{"empty span", 1, 1, "line=1,endLine=1,col=2,endColumn=2"},
		{"code points, not bytes", 3, strings.Index(content, "f") + 1, "line=2,endLine=2,col=1,endColumn=5"},
		{"ending with the line break", 0, 3, "line=1,endLine=1,col=1,endColumn=3"},
		{"CRLF line break", strings.Index(content, "gh"), strings.Index(content, "ij"), "line=3,endLine=3,col=1,endColumn=4"},
		{"two lines", 1, 4, "line=1,endLine=2"},
		{"end of file", len(content), len(content), "line=4,endLine=4,col=3,endColumn=3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := lintResult(t, "f.html", content, span(tt.start, tt.end))
			var stdout, stderr bytes.Buffer
			if err := writeGitHub(&stdout, &stderr, []report.File{r}, fakeEnv(nil)); err != nil {
				t.Fatal(err)
			}
			want := "::error file=f.html," + tt.want + ",title=TST003 span::m\n"
			if first, _, _ := strings.Cut(stdout.String(), "\n"); first+"\n" != want {
				t.Errorf("got  %s\nwant %s", first, want)
			}
		})
	}
}

func TestGitHubWorkspaceRelativePaths(t *testing.T) {
	ws := t.TempDir()
	writeTree(t, ws, map[string]string{"templates/a.html": oneFinding})
	abs := filepath.Join(ws, "templates", "a.html")
	env := map[string]string{"GITHUB_WORKSPACE": ws}
	got := runWithEnv(t, env, "", "check", "--format", "github", abs)
	if !strings.HasPrefix(got.stdout, "::error file=templates/a.html,line=1,") {
		t.Errorf("annotation path not relative to the workspace:\n%s", got.stdout)
	}
}

// runWithEnv runs the CLI in-process with a stand-in environment.
func runWithEnv(t *testing.T, vars map[string]string, stdin string, args ...string) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &environment{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr, getenv: fakeEnv(vars)}
	if len(args) == 0 || args[0] != "check" {
		t.Fatal("runWithEnv runs check")
	}
	code := env.check(args[1:])
	return outcome{code, stdout.String(), stderr.String()}
}

func TestGitHubCLI(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"bin.html": "\x00"})
	summary := filepath.Join(dir, "summary.md")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
	}{
		{"clean", []string{fixture("default-oie.html")}, 0, ""},
		{"findings", []string{fixture("oie001-member-call.html")}, 1, "::error file="},
		{"read error", []string{filepath.Join(dir, "bin.html")}, 2, "::error title=tmpllint%3A file not linted::cannot lint "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runWithEnv(t, map[string]string{"GITHUB_STEP_SUMMARY": summary}, "", append([]string{"check", "--format", "github"}, tt.args...)...)
			if got.code != tt.code {
				t.Errorf("exit code %d, want %d; stderr %q", got.code, tt.code, got.stderr)
			}
			checkStream(t, "stdout", got.stdout, tt.stdout)
			checkNoForgedCommands(t, got.stdout+got.stderr)
		})
	}
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(md), "### tmpllint\n"); n != 3 {
		t.Errorf("want 3 appended summaries, got %d:\n%s", n, md)
	}
	if !strings.Contains(string(md), "No problems found in 1 file.") || !strings.Contains(string(md), "| Not linted | Why |") {
		t.Errorf("summary:\n%s", md)
	}
}

// TestGitHubAnnotationCap checks that at most 10 annotations of each
// severity are printed, errors first, with a notice that counts the rest,
// and that the log lines and the summary still list every finding.
func TestGitHubAnnotationCap(t *testing.T) {
	tests := []struct {
		name                   string
		errors, warnings, info int
		wantNotices            int // info notices, without the note
		omitted                int
	}{
		{"under the cap", 10, 10, 10, 10, 0},
		{"too many errors and warnings", 12, 11, 3, 3, 3},
		{"too many notices", 0, 1, 12, 9, 3},
		{"the note takes the last notice slot", 11, 0, 10, 9, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := strings.Repeat("E ", tt.errors) + strings.Repeat("W ", tt.warnings) + strings.Repeat("I ", tt.info)
			r := lintResult(t, "many.html", content,
				markerRule("TST011", "e", lint.Error, "E", "an error"),
				markerRule("TST012", "w", lint.Warning, "W", "a warning"),
				markerRule("TST013", "i", lint.Info, "I", "a note"))
			summary := filepath.Join(t.TempDir(), "summary.md")
			var stdout, stderr bytes.Buffer
			if err := writeGitHub(&stdout, &stderr, []report.File{r}, fakeEnv(map[string]string{"GITHUB_STEP_SUMMARY": summary})); err != nil {
				t.Fatal(err)
			}
			cmds := checkNoForgedCommands(t, stdout.String())
			var order []string
			counts := map[string]int{}
			var note *workflowCmd
			for i, c := range cmds {
				if c.props["title"] == "tmpllint: more problems" {
					note = &cmds[i]
					continue
				}
				counts[c.name]++
				if len(order) == 0 || order[len(order)-1] != c.name {
					order = append(order, c.name)
				}
			}
			if counts["error"] != min(tt.errors, 10) || counts["warning"] != min(tt.warnings, 10) || counts["notice"] != tt.wantNotices {
				t.Errorf("annotations: %v", counts)
			}
			if want := strings.Fields(strings.Join(nonEmpty(tt.errors, "error", tt.warnings, "warning", tt.info, "notice"), " ")); strings.Join(order, " ") != strings.Join(want, " ") {
				t.Errorf("order %v, want %v", order, want)
			}
			switch {
			case tt.omitted == 0 && note != nil:
				t.Errorf("unexpected note: %+v", note)
			case tt.omitted > 0 && note == nil:
				t.Errorf("no note about %d omitted problems", tt.omitted)
			case tt.omitted > 0:
				if note.name != "notice" || !strings.HasPrefix(note.data, strconv.Itoa(tt.omitted)+" more problem") ||
					!strings.Contains(note.data, "in this step's log and in the job summary") {
					t.Errorf("note: %+v", note)
				}
				if counts["notice"]+1 > 10 {
					t.Errorf("%d notices in all", counts["notice"]+1)
				}
			}
			total := tt.errors + tt.warnings + tt.info
			plain := 0
			for _, line := range strings.Split(stdout.String(), "\n") {
				if strings.HasPrefix(line, "many.html:1:") {
					plain++
				}
			}
			if plain != total {
				t.Errorf("%d plain lines, want %d", plain, total)
			}
			md, err := os.ReadFile(summary)
			if err != nil {
				t.Fatal(err)
			}
			if rows := strings.Count(string(md), "\n| many.html | 1 | "); rows != total {
				t.Errorf("%d summary rows, want %d", rows, total)
			}
		})
	}
}

func nonEmpty(args ...any) []string {
	var out []string
	for i := 0; i < len(args); i += 2 {
		if args[i].(int) > 0 {
			out = append(out, args[i+1].(string))
		}
	}
	return out
}

func TestStepSummaryAppendsAndStaysUnderTheLimit(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "summary.md")
	earlier := "# An earlier step's summary\n"
	if err := os.WriteFile(summary, []byte(earlier), 0o644); err != nil {
		t.Fatal(err)
	}
	r := lintResult(t, "a|b.html", "X X", markerRule("TST021", "cells", lint.Error, "X", "pipe | and\nnew line <b>bold</b> *x* [l](u)"))
	if err := appendStepSummary(summary, []report.File{r}); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(summary)
	want := earlier + "### tmpllint\n\nFound 2 problems (2 errors, 0 warnings, 0 info) in 1 file.\n\n" +
		"| File | Line | Column | Severity | Rule | Message |\n| --- | ---: | ---: | --- | --- | --- |\n" +
		"| a\\|b.html | 1 | 1 | error | TST021 cells | pipe \\| and<br>new line \\<b\\>bold\\</b\\> \\*x\\* \\[l\\](u) |\n" +
		"| a\\|b.html | 1 | 3 | error | TST021 cells | pipe \\| and<br>new line \\<b\\>bold\\</b\\> \\*x\\* \\[l\\](u) |\n\n"
	if string(md) != want {
		t.Errorf("summary:\n got %q\nwant %q", md, want)
	}

	// A summary file that is nearly full gets the rows that fit and a count
	// of the rest.
	if err := os.WriteFile(summary, bytes.Repeat([]byte("x"), githubSummaryLimit-4096-1000), 0o644); err != nil {
		t.Fatal(err)
	}
	big := lintResult(t, "big.html", strings.Repeat("X ", 100), markerRule("TST021", "cells", lint.Error, "X", "a message"))
	if err := appendStepSummary(summary, []report.File{big}); err != nil {
		t.Fatal(err)
	}
	md, _ = os.ReadFile(summary)
	if len(md) > githubSummaryLimit {
		t.Errorf("summary is %d bytes, over the limit", len(md))
	}
	if rows := strings.Count(string(md), "| big.html |"); rows == 0 || rows == 100 ||
		!strings.Contains(string(md), fmt.Sprintf("%d more problems are not shown here", 100-rows)) {
		t.Errorf("%d rows; tail:\n%s", rows, md[len(md)-300:])
	}
}

func TestStepSummaryUnwritable(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "no", "such", "dir", "summary.md")
	got := runWithEnv(t, map[string]string{"GITHUB_STEP_SUMMARY": summary}, oneFinding, "check", "--format", "github", "-")
	if got.code != 1 || !strings.Contains(got.stderr, "tmpllint: writing the step summary: ") {
		t.Errorf("exit %d, stderr %q", got.code, got.stderr)
	}
}

// TestGitHubOddFileNames lints files whose names hold what workflow
// commands must escape, a line break included where the file system
// allows it, and checks every annotation round-trips to the real name.
func TestGitHubOddFileNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{"100%, a:b::c.html", "  ::error::spaced.html", "##[error]legacy.html", "new\nline::x.html"}
	var created []string
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(oneFinding), 0o644); err != nil {
			t.Logf("skipping the name %q: %v", n, err)
			continue
		}
		created = append(created, n)
	}
	t.Chdir(dir)
	got := runWithEnv(t, nil, "", "check", "--format", "github", ".")
	if got.code != 1 {
		t.Fatalf("exit code %d, stderr %q", got.code, got.stderr)
	}
	seen := map[string]bool{}
	for _, c := range checkNoForgedCommands(t, got.stdout+got.stderr) {
		seen[c.props["file"]] = true
	}
	for _, n := range created {
		if !seen[n] {
			t.Errorf("no annotation with file=%q in:\n%s", n, got.stdout)
		}
	}
	if len(created) == len(names) {
		checkGolden(t, "odd-names.github.txt", []byte(got.stdout))
	}
}

// matcherConfig is .github/tmpllint-matcher.json.
type matcherConfig struct {
	ProblemMatcher []struct {
		Owner    string `json:"owner"`
		Severity string `json:"severity"`
		Pattern  []struct {
			Regexp                                                string
			File, Line, Column, Severity, Message, Code, FromPath *int
			Loop                                                  bool
		} `json:"pattern"`
	} `json:"problemMatcher"`
}

type matcher struct {
	owner, severity string
	re              *regexp.Regexp
	groups          map[string]int
}

// loadMatchers reads the problem matcher file and checks it as the runner
// does (IssueMatcherConfig.Validate): an owner each, distinct; a default
// severity the runner knows; one pattern whose groups exist and include
// the message.
func loadMatchers(t *testing.T) []matcher {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", ".github", "tmpllint-matcher.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg matcherConfig
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	var out []matcher
	owners := map[string]bool{}
	for _, m := range cfg.ProblemMatcher {
		if m.Owner == "" || owners[strings.ToLower(m.Owner)] {
			t.Fatalf("missing or duplicate owner %q", m.Owner)
		}
		owners[strings.ToLower(m.Owner)] = true
		switch strings.ToLower(m.Severity) {
		case "", "error", "warning", "notice":
		default:
			t.Fatalf("%s: default severity %q", m.Owner, m.Severity)
		}
		if len(m.Pattern) != 1 {
			t.Fatalf("%s: want one single-line pattern", m.Owner)
		}
		p := m.Pattern[0]
		// The runner compiles with RegexOptions.ECMAScript; the pattern
		// keeps to syntax both it and Go's regexp read alike.
		re, err := regexp.Compile(p.Regexp)
		if err != nil {
			t.Fatalf("%s: %v", m.Owner, err)
		}
		groups := map[string]int{}
		for name, g := range map[string]*int{"file": p.File, "line": p.Line, "column": p.Column, "severity": p.Severity, "message": p.Message, "code": p.Code} {
			if g == nil {
				continue
			}
			if *g < 1 || *g > re.NumSubexp() {
				t.Fatalf("%s: group %s=%d out of range", m.Owner, name, *g)
			}
			groups[name] = *g
		}
		if _, ok := groups["message"]; !ok {
			t.Fatalf("%s: no message group", m.Owner)
		}
		out = append(out, matcher{m.Owner, m.Severity, re, groups})
	}
	return out
}

// match applies the matchers as the runner does and returns what the
// first match reports, severity resolved as the runner resolves it.
func match(matchers []matcher, line string) (map[string]string, bool) {
	for _, m := range matchers {
		sub := m.re.FindStringSubmatch(line)
		if sub == nil {
			continue
		}
		got := map[string]string{}
		for name, g := range m.groups {
			got[name] = sub[g]
		}
		if got["severity"] == "" {
			got["severity"] = m.severity
		}
		switch strings.ToLower(got["severity"]) {
		case "", "error", "warning", "notice":
			return got, true
		}
		// The runner skips a severity it does not know and tries the
		// next matcher.
	}
	return nil, false
}

var sgrCode = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestProblemMatcher applies the matcher file to real text output: every
// finding's first line, colored or not, gives its file, line, column,
// severity, message and rule; no other line matches.
func TestProblemMatcher(t *testing.T) {
	matchers := loadMatchers(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"sign-in.html": readFixture(t, "oie001-member-call.html"),
		// OIE003's info finding: a callback that only forwards to completeLogin.
		"forward.html":           "{{{OktaUtil}}}\n<script>\nnew OktaSignIn(c).renderEl({}, function (r) { OktaUtil.completeLogin(r); });\n</script>\n",
		"dir with space/a.html":  oneFinding,
		"colon:in:name (1).html": oneFinding,
	})
	t.Chdir(dir)
	want := map[string]map[string]string{}
	diags, _ := decodeReport(t, tmpllint(t, "", "check", "--format", "json", "--fail-level", "info", ".").stdout)
	severities := map[string]bool{}
	for _, d := range diags {
		sev := d.Severity
		if sev == "info" {
			sev = "notice"
		}
		severities[sev] = true
		want[fmt.Sprintf("%s:%d:%d", filepath.ToSlash(d.File), d.Line, d.Column)] = map[string]string{
			"file": d.File, "line": strconv.Itoa(d.Line), "column": strconv.Itoa(d.Column),
			"severity": sev, "message": d.Message, "code": d.Rule,
		}
	}
	if len(severities) != 3 {
		t.Fatalf("the fixtures should produce all three severities, got %v", severities)
	}
	outputs := map[string]string{"plain": tmpllint(t, "", "check", "--show-fixes", ".").stdout}
	if colored := tmpllint(t, "", "check", "--color", "always", ".").stdout; strings.Contains(colored, "\x1b[") {
		outputs["--color always"] = colored
	}
	// Escape codes wherever a coloring might put them.
	var painted []string
	for _, line := range strings.Split(outputs["plain"], "\n") {
		line = regexp.MustCompile(`^(.*?:\d+:\d+)(: )(error|warning|info)(: )(.*) (\[.*\])$`).
			ReplaceAllString(line, "\x1b[1m$1\x1b[0m$2\x1b[1;31m$3\x1b[0m$4\x1b[1m$5\x1b[0m \x1b[2m$6\x1b[0m")
		painted = append(painted, line)
	}
	outputs["synthetic colors"] = strings.Join(painted, "\n")
	for name, out := range outputs {
		t.Run(name, func(t *testing.T) {
			found := 0
			for _, line := range strings.Split(out, "\n") {
				got, ok := match(matchers, line)
				plain := sgrCode.ReplaceAllString(line, "")
				key := ""
				if i := strings.Index(plain, ": "); i > 0 {
					key = plain[:i]
				}
				w, isFinding := want[key]
				switch {
				case ok && !isFinding:
					t.Errorf("matched a line that is not a finding: %q", line)
				case !ok && isFinding:
					t.Errorf("did not match the finding %q", line)
				case ok:
					found++
					got["message"] = sgrCode.ReplaceAllString(got["message"], "")
					if fmt.Sprint(got) != fmt.Sprint(w) {
						t.Errorf("line %q\n got %v\nwant %v", line, got, w)
					}
				}
			}
			if found != len(want) {
				t.Errorf("matched %d findings, want %d", found, len(want))
			}
		})
	}
}
