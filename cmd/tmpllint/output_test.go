package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"github.com/tmpllint/tmpllint/report"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(fixture(name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTextGolden(t *testing.T) {
	const name = "oie001-member-call.html"
	got := tmpllint(t, readFixture(t, name), "check", "--stdin-filename", name, "-")
	if got.code != 1 || got.stderr != "" {
		t.Fatalf("exit code %d, stderr %q", got.code, got.stderr)
	}
	golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".html")+".txt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestTextGolden -update to create it)", err)
	}
	if !bytes.Equal([]byte(got.stdout), want) {
		t.Errorf("text output differs from %s (rerun with -update if intended)\n got:\n%s\nwant:\n%s", golden, got.stdout, want)
	}
}

// TestTextSnippet pins the header, source line and caret line of one
// finding in a template read as t.html.
func TestTextSnippet(t *testing.T) {
	const call = "res.session.setCookieAndRedirect(u); var res = new OktaAuth(c);"
	caret := "^" + strings.Repeat("~", len("setCookieAndRedirect")-1)
	sp := strings.Repeat
	tests := []struct {
		name, content   string
		header          string // prefix of the diagnostic's first line
		snippet, marker string // the two lines after it
	}{
		{
			name:    "tabs are kept in the caret prefix",
			content: "<script>var res = new OktaAuth(c);\n\tif (ok) {\n\t\tvar s =\tres.session;\ts.setCookieAndRedirect(u);\n\t}\n</script>\n",
			header:  "t.html:3:26: error: s.setCookieAndRedirect is the Classic setCookieAndRedirect",
			snippet: " 3 |\t\t\tvar s =\tres.session;\ts.setCookieAndRedirect(u);",
			marker:  "   |\t\t\t" + sp(" ", 7) + "\t" + sp(" ", 12) + "\t  " + caret,
		},
		{
			name:    "CJK and emoji take two columns",
			content: "<script>\nvar s = \"東京🎉\"; " + call + "\n</script>\n",
			header:  "t.html:2:28: error: ",
			snippet: " 2 |\tvar s = \"東京🎉\"; " + call,
			marker:  "   |\t" + sp(" ", 9+6+15) + caret,
		},
		{
			name:    "a combining accent takes no column",
			content: "<script>\nvar n = \"Rene\u0301 東\"; " + call + "\n</script>\n",
			header:  "t.html:2:32: error: ",
			snippet: " 2 |\tvar n = \"Rene\u0301 東\"; " + call,
			marker:  "   |\t" + sp(" ", 9+4+1+2+15) + caret,
		},
		{
			name:    "CRLF",
			content: "<script>\r\nvar a;\r\n" + call + "\r\n</script>\r\n",
			header:  "t.html:3:13: error: ",
			snippet: " 3 |\t" + call,
			marker:  "   |\t" + sp(" ", 12) + caret,
		},
		{
			name:    "CRLF on the last line without a final line break",
			content: "<p>\r\n<script>" + call + "</script>\r",
			header:  "t.html:2:21: error: ",
			snippet: " 2 |\t<script>" + call + "</script>\uFFFD",
			marker:  "   |\t" + sp(" ", 20) + caret,
		},
		{
			name:    "BOM is neither shown nor counted",
			content: "\xef\xbb\xbf<script>" + call + "</script>\n",
			header:  "t.html:1:21: error: ",
			snippet: " 1 |\t<script>" + call + "</script>",
			marker:  "   |\t" + sp(" ", 20) + caret,
		},
		{
			name:    "control characters are replaced",
			content: "<script>var e = '\x1b[2J'; " + call + "</script>\n",
			header:  "t.html:1:37: error: ",
			snippet: " 1 |\t<script>var e = '\uFFFD[2J'; " + call + "</script>",
			marker:  "   |\t" + sp(" ", 36) + caret,
		},
		{
			name:    "two-digit gutter",
			content: strings.Repeat("\n", 11) + "<script>" + call + "</script>",
			header:  "t.html:12:21: error: ",
			snippet: " 12 |\t<script>" + call + "</script>",
			marker:  "    |\t" + sp(" ", 20) + caret,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tmpllint(t, tt.content, "check", "--stdin-filename", "t.html", "-")
			if got.code != 1 {
				t.Fatalf("exit code %d, stderr %q", got.code, got.stderr)
			}
			lines := strings.Split(got.stdout, "\n")
			if len(lines) < 5 || !strings.HasPrefix(lines[0], tt.header) || !strings.Contains(got.stdout, "Found 1 problem ") {
				t.Fatalf("want one finding with header %q, got:\n%s", tt.header, got.stdout)
			}
			if lines[1] != tt.snippet || lines[2] != tt.marker {
				t.Errorf("snippet:\n got %q\n     %q\nwant %q\n     %q", lines[1], lines[2], tt.snippet, tt.marker)
			}
			if strings.ContainsAny(got.stdout, "\r\x1b\uFEFF") {
				t.Errorf("output holds CR, ESC or a BOM: %q", got.stdout)
			}
		})
	}
}

func TestTextFixtureEncodings(t *testing.T) {
	tests := []struct {
		fixture string
		lines   []string // consecutive output lines that must appear
	}{
		{"layout-crlf.html", []string{
			"layout-crlf.html:36:51: error: res.session.setCookieAndRedirect is the Classic setCookieAndRedirect: on Identity Engine the widget finishes sign-in and redirects by itself, and a custom success callback's destination is ignored; pass OktaUtil.completeLogin as the renderEl success callback and set where users go in the Admin Console [OIE001 no-set-cookie-and-redirect]",
			" 36 |\t                console.info(banner); res.session.setCookieAndRedirect(returnTo); // want OIE001:51",
			"    |\t" + strings.Repeat(" ", 50) + "^" + strings.Repeat("~", 19),
		}},
		{"layout-bom.html", []string{
			"layout-bom.html:20:25: error: res.session.setCookieAndRedirect is the Classic setCookieAndRedirect: on Identity Engine the widget finishes sign-in and redirects by itself, and a custom success callback's destination is ignored; pass OktaUtil.completeLogin as the renderEl success callback and set where users go in the Admin Console [OIE001 no-set-cookie-and-redirect]",
		}},
		{"layout-non-ascii.html", []string{
			" 25 |\t                var msg = \"Willkommen — 歓迎\"; res.session.setCookieAndRedirect(u); // want OIE001:58",
			"    |\t" + strings.Repeat(" ", 59) + "^" + strings.Repeat("~", 19),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			got := tmpllint(t, readFixture(t, tt.fixture), "check", "--stdin-filename", tt.fixture, "-")
			if !strings.Contains(got.stdout, strings.Join(tt.lines, "\n")+"\n") {
				t.Errorf("output lacks\n%s\ngot:\n%s", strings.Join(tt.lines, "\n"), got.stdout)
			}
			if strings.ContainsAny(got.stdout, "\r\uFEFF") {
				t.Errorf("output holds a CR or a BOM")
			}
			if !strings.Contains(got.stdout, "\n 1 |\t") && tt.fixture == "layout-bom.html" {
				t.Errorf("no finding shown on line 1 of the BOM file")
			}
		})
	}
}

// Text output is read by GitHub Actions, which takes a line starting with
// "::" for a workflow command. Template text must never start a line.
func TestTextNoWorkflowCommands(t *testing.T) {
	content := "::error::before the page\n<p>\n::error file=x::not a finding\n" +
		"::warning::<script>res.session.setCookieAndRedirect(u)</script>\n" +
		"<script>\n::error::\nvar t = res.session.token; var res = new OktaAuth(c);\n</script>\n::endgroup::\n"
	got := tmpllint(t, content, "check", "--stdin-filename", "page.html", "-")
	if got.code != 1 || !strings.Contains(got.stdout, "|\t::warning::<script>res.session.setCookieAndRedirect(u)") {
		t.Fatalf("want the finding on the ::warning:: line shown, exit %d:\n%s", got.code, got.stdout)
	}
	for _, line := range strings.Split(got.stdout+got.stderr, "\n") {
		if strings.HasPrefix(line, "::") {
			t.Errorf("output line starts with \"::\": %q", line)
		}
	}
}

func TestTextNoWorkflowCommandsFromFileNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{"::error::a.html", "b\n::warning::c.html", "d\r::notice::e.html"}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(oneFinding), 0o644); err != nil {
			t.Skip("file system does not allow the name:", err)
		}
	}
	t.Chdir(dir)
	got := tmpllint(t, "", "check", ".", "missing\n::error::gone.html")
	if got.code != 2 {
		t.Errorf("exit code %d, want 2", got.code)
	}
	for _, line := range strings.Split(got.stdout+got.stderr, "\n") {
		for _, l := range strings.Split(line, "\r") {
			if strings.HasPrefix(l, "::") {
				t.Errorf("output line starts with \"::\": %q", line)
			}
		}
	}
}

func TestTextZeroWidthJoiner(t *testing.T) {
	got := tmpllint(t, "<script>var f = '👨\u200d👩\u200d👧'; res.session.setCookieAndRedirect(u); var res = new OktaAuth(c)</script>", "check", "-")
	want := "   |\t" + strings.Repeat(" ", 17+6+15) + "^"
	if lines := strings.Split(got.stdout, "\n"); len(lines) < 3 || !strings.HasPrefix(lines[2], want) {
		t.Errorf("caret line: want prefix %q, got:\n%s", want, got.stdout)
	}
}

type jsonDiag struct {
	File, Rule, Name, Severity, Message string
	Line, Column, EndLine, EndColumn    int
	Offset, EndOffset                   int
	Fixable                             bool
}

func decodeReport(t *testing.T, out string) (diags []jsonDiag, errs []map[string]string) {
	t.Helper()
	var report struct {
		Diagnostics []jsonDiag
		Errors      []map[string]string
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("decoding JSON: %v\n%s", err, out)
	}
	return report.Diagnostics, report.Errors
}

func TestJSONShape(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"bin.html": "\x00"})
	tests := []struct {
		name              string
		args              []string
		diagnostics, errs int
	}{
		{"clean", []string{fixture("default-oie.html")}, 0, 0},
		{"findings", []string{fixture("oie001-member-call.html")}, 3, 0},
		{"errors only", []string{filepath.Join(dir, "missing.html"), filepath.Join(dir, "bin.html")}, 0, 2},
		{"both", []string{fixture("oie001-member-call.html"), filepath.Join(dir, "missing.html")}, 3, 1},
	}
	diagKeys := []string{"column", "endColumn", "endLine", "endOffset", "file", "fixable", "line", "message", "name", "offset", "rule", "severity"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tmpllint(t, "", append([]string{"check", "--format", "json"}, tt.args...)...)
			var top map[string]json.RawMessage
			if err := json.Unmarshal([]byte(got.stdout), &top); err != nil {
				t.Fatalf("decoding: %v\n%s", err, got.stdout)
			}
			if keys := sortedKeys(top); !reflect.DeepEqual(keys, []string{"diagnostics", "errors"}) {
				t.Errorf("top-level keys %q", keys)
			}
			var diags, errs []map[string]json.RawMessage
			json.Unmarshal(top["diagnostics"], &diags)
			json.Unmarshal(top["errors"], &errs)
			if len(diags) != tt.diagnostics || len(errs) != tt.errs {
				t.Fatalf("%d diagnostics and %d errors, want %d and %d:\n%s", len(diags), len(errs), tt.diagnostics, tt.errs, got.stdout)
			}
			for name, list := range map[string][]map[string]json.RawMessage{"diagnostics": diags, "errors": errs} {
				if len(list) == 0 && string(top[name]) != "[]" {
					t.Errorf("%s is %s, want []", name, top[name])
				}
			}
			for _, d := range diags {
				if keys := sortedKeys(d); !reflect.DeepEqual(keys, diagKeys) {
					t.Errorf("diagnostic keys %q", keys)
				}
			}
			for _, e := range errs {
				if keys := sortedKeys(e); !reflect.DeepEqual(keys, []string{"file", "message"}) {
					t.Errorf("error keys %q", keys)
				}
			}
		})
	}

	t.Run("error messages", func(t *testing.T) {
		got := tmpllint(t, "", "check", "--format", "json", filepath.Join(dir, "missing.html"), filepath.Join(dir, "bin.html"))
		_, errs := decodeReport(t, got.stdout)
		want := map[string]string{
			filepath.Join(dir, "missing.html"): "no such file or directory",
			filepath.Join(dir, "bin.html"):     "file looks binary (it contains NUL bytes); not a template",
		}
		for _, e := range errs {
			if want[e["file"]] != e["message"] {
				t.Errorf("error for %q: %q, want %q", e["file"], e["message"], want[e["file"]])
			}
		}
		if got.code != 2 || got.stderr != "" {
			t.Errorf("exit code %d, stderr %q; want 2 and nothing on stderr", got.code, got.stderr)
		}
	})
}

// position computes a 1-based line and code point column from a byte
// offset, independently of the lint package.
func position(content []byte, offset int) (line, column int) {
	start := bytes.LastIndexByte(content[:offset], '\n') + 1
	if start == 0 && bytes.HasPrefix(content, []byte("\xef\xbb\xbf")) {
		start = 3
	}
	return 1 + bytes.Count(content[:offset], []byte("\n")), 1 + utf8.RuneCount(content[start:offset])
}

var textHeader = regexp.MustCompile(`^(.+):(\d+):(\d+): (error|warning|info): (.+) \[([A-Z]+\d{3}) ([a-z0-9-]+)\]$`)

// TestJSONPositions checks every diagnostic of every fixture: the offsets
// slice the file to the reported text, line and column follow from the
// offsets, and the text format reports the same findings at the same places.
func TestJSONPositions(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "templates")
	js := tmpllint(t, "", "check", "--format", "json", dir)
	diags, _ := decodeReport(t, js.stdout)
	text := tmpllint(t, "", "check", dir)
	var headers [][]string
	for _, line := range strings.Split(text.stdout, "\n") {
		if m := textHeader.FindStringSubmatch(line); m != nil {
			headers = append(headers, m[1:])
		}
	}
	if len(diags) == 0 || len(headers) != len(diags) {
		t.Fatalf("%d text findings, %d JSON diagnostics", len(headers), len(diags))
	}
	contents := map[string][]byte{}
	for i, d := range diags {
		content, ok := contents[d.File]
		if !ok {
			var err error
			if content, err = os.ReadFile(d.File); err != nil {
				t.Fatal(err)
			}
			contents[d.File] = content
		}
		if d.Offset < 0 || d.Offset > d.EndOffset || d.EndOffset > len(content) {
			t.Errorf("%s: bad offsets %d..%d", d.File, d.Offset, d.EndOffset)
			continue
		}
		span := string(content[d.Offset:d.EndOffset])
		switch d.Rule {
		case "OIE001":
			if strings.Trim(span, `'"`) != "setCookieAndRedirect" {
				t.Errorf("%s:%d: OIE001 span %q", d.File, d.Line, span)
			}
		case "OIE002":
			if !strings.Contains(strings.ToLower(span), "token") && !strings.Contains(span, "/login/sessionCookieRedirect") {
				t.Errorf("%s:%d: OIE002 span %q", d.File, d.Line, span)
			}
		case "OIE003":
			if span == "" || !regexp.MustCompile(`^(function|\(|[A-Za-z_$])`).MatchString(span) {
				t.Errorf("%s:%d: OIE003 span %q", d.File, d.Line, span)
			}
		}
		line, col := position(content, d.Offset)
		endLine, endCol := position(content, d.EndOffset)
		if [4]int{d.Line, d.Column, d.EndLine, d.EndColumn} != [4]int{line, col, endLine, endCol} {
			t.Errorf("%s: %d:%d-%d:%d for offsets %d..%d, want %d:%d-%d:%d", d.File, d.Line, d.Column, d.EndLine, d.EndColumn, d.Offset, d.EndOffset, line, col, endLine, endCol)
		}
		h := headers[i]
		if want := []string{d.File, strconv.Itoa(d.Line), strconv.Itoa(d.Column), d.Severity, d.Message, d.Rule, d.Name}; !reflect.DeepEqual(h, want) {
			t.Errorf("text and JSON disagree:\n text %q\n json %q", h, want)
		}
	}
}

// TestTextCaretAlignment checks, for every finding in the fixtures whose
// shown line is plain ASCII (tabs and the "…" of a window included), that
// the caret sits under the span's first character and underlines it.
func TestTextCaretAlignment(t *testing.T) {
	dir := t.TempDir()
	// A minified page far wider than the terminal: the snippet shows a window.
	minified := "<script>" + strings.Repeat("a=1;", 100) + "res.session.setCookieAndRedirect(u);" + strings.Repeat("b=2;", 100) + "var res = new OktaAuth(c)</script>\n"
	writeTree(t, dir, map[string]string{"min.html": minified})
	args := []string{filepath.Join("..", "..", "testdata", "templates"), filepath.Join(dir, "min.html")}
	js := tmpllint(t, "", append([]string{"check", "--format", "json"}, args...)...)
	diags, _ := decodeReport(t, js.stdout)
	lines := strings.Split(tmpllint(t, "", append([]string{"check"}, args...)...).stdout, "\n")
	i, checked, windows := 0, 0, 0
	for _, d := range diags {
		for i < len(lines) && !textHeader.MatchString(lines[i]) {
			i++
		}
		if i+2 >= len(lines) {
			t.Fatalf("text output ends before the finding at %s:%d", d.File, d.Line)
		}
		snippet, marks := lines[i+1], lines[i+2]
		i += 3
		gutter := " " + strconv.Itoa(d.Line) + " |\t"
		if !strings.HasPrefix(snippet, gutter) || !strings.HasPrefix(marks, strings.Repeat(" ", len(gutter)-2)+"|\t") {
			t.Errorf("%s:%d: bad gutter:\n%s\n%s", d.File, d.Line, snippet, marks)
			continue
		}
		shown := []rune(snippet[len(gutter):])
		carets := []rune(marks[len(gutter):])
		ascii := true
		for _, r := range shown {
			ascii = ascii && (r < utf8.RuneSelf || r == '…')
		}
		if !ascii {
			continue
		}
		if len(shown) > report.SnippetWidth+2 {
			t.Errorf("%s:%d: shown line is %d columns wide", d.File, d.Line, len(shown))
		}
		at := strings.IndexRune(string(carets), '^')
		at = utf8.RuneCountInString(string(carets)[:max(at, 0)])
		for k := 0; k < at && k < len(shown); k++ {
			if want := map[bool]rune{true: '\t', false: ' '}[shown[k] == '\t']; carets[k] != want {
				t.Errorf("%s:%d: caret prefix %q does not follow the line %q", d.File, d.Line, string(carets[:at]), string(shown[:at]))
				break
			}
		}
		content, _ := os.ReadFile(d.File)
		span := []rune(string(content[d.Offset:d.EndOffset]))
		if k := strings.IndexByte(string(content[d.Offset:d.EndOffset]), '\n'); k >= 0 {
			span = []rune(strings.TrimSuffix(string(content[d.Offset:d.Offset+k]), "\r"))
		}
		visible := shown[at:]
		if len(visible) > 0 && visible[len(visible)-1] == '…' {
			visible = visible[:len(visible)-1]
			windows++
		}
		if !strings.HasPrefix(string(visible), string(span[:min(len(span), len(visible))])) {
			t.Errorf("%s:%d:%d: caret under %q, want %q", d.File, d.Line, d.Column, string(visible), string(span))
		}
		if want := "^" + strings.Repeat("~", max(1, min(len(span), len(visible)))-1); string(carets[at:]) != want {
			t.Errorf("%s:%d:%d: underline %q, want %q", d.File, d.Line, d.Column, string(carets[at:]), want)
		}
		checked++
	}
	if checked < 40 || windows < 3 {
		t.Errorf("only %d findings checked, %d in a window", checked, windows)
	}
}

// The text format is what the problem matcher reads in CI logs: neither a
// file name with leading white space nor template text holding "##[" may
// turn a printed line into a workflow command.
func TestTextNoLegacyOrIndentedCommands(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, " ::error::x.html")
	body := "{{{OktaUtil}}}<script>\n  /* ##[error]forged */ res.session.setCookieAndRedirect(u);\n  var res = new OktaAuth(c);\n</script>\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	_, out, _ := runCLI("check", "--color", "never", ".")
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "::") || strings.Contains(line, "##[") {
			t.Errorf("line can be taken for a workflow command: %q", line)
		}
	}
	if !strings.Contains(out, "OIE001") {
		t.Fatalf("finding not reported:\n%s", out)
	}
}
