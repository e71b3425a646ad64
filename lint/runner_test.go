package lint

import (
	"strconv"
	"strings"
	"testing"
)

func TestRunSortsAndRecoversFromPanics(t *testing.T) {
	reportAt := func(id string, offsets ...int) *Rule {
		return &Rule{ID: id, Name: strings.ToLower(id), Severity: Warning, Check: func(p *Pass) {
			for _, o := range offsets {
				p.Reportf(o, o+1, "at %d", o)
			}
		}}
	}
	crash := &Rule{ID: "ZZZ999", Name: "crash", Severity: Info, Check: func(p *Pass) { panic("boom") }}
	f, err := Parse(NewSource("f.html", []byte("<p>hello world</p>")))
	if err != nil {
		t.Fatal(err)
	}
	diags := Run(f, []*Rule{reportAt("BBB002", 5, 1), crash, reportAt("AAA001", 5, 100)})
	var got []string
	for _, d := range diags {
		got = append(got, d.Rule.ID+"@"+itoa(d.Start)+"-"+itoa(d.End)+":"+d.Severity.String())
	}
	// Sorted by start, then rule ID; the out-of-range report is clamped to
	// the end of the file; the panic becomes an error at offset 0.
	wantSorted := "ZZZ999@0-0:error BBB002@1-2:warning AAA001@5-6:warning BBB002@5-6:warning AAA001@18-18:warning"
	if strings.Join(got, " ") != wantSorted {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), wantSorted)
	}
	if !strings.Contains(diags[0].Message, "internal error") || !strings.Contains(diags[0].Message, "boom") {
		t.Errorf("panic message: %s", diags[0].Message)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestParseSeverity(t *testing.T) {
	for in, want := range map[string]Severity{"info": Info, "warn": Warning, "Warning": Warning, "error": Error} {
		if got, err := ParseSeverity(in); err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity accepted fatal")
	}
}

// A fix that edits a script the lexer could not read is withheld; the
// finding stays, and fixes elsewhere in the file are kept.
func TestFixesWithheldInBrokenScripts(t *testing.T) {
	src := "<script>ok()</script><script>x('unterminated\n</script>"
	f, err := Parse(NewSource("f.html", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	okAt, brokenAt := strings.Index(src, "ok"), strings.Index(src, "x(")
	rule := &Rule{ID: "AAA001", Name: "a", Severity: Warning, Check: func(p *Pass) {
		for _, at := range []int{okAt, brokenAt} {
			p.Report(Diagnostic{Start: at, End: at + 1, Message: "m",
				Fixes: []Fix{{Message: "f", Safe: true, Edits: []Edit{{Start: at, End: at + 1, New: "y"}}}}})
		}
	}}
	diags := Run(f, []*Rule{rule})
	if len(diags) != 2 || len(diags[0].Fixes) != 1 || len(diags[1].Fixes) != 0 {
		t.Errorf("fixes: readable script %d, broken script %d (want 1 and 0)", len(diags[0].Fixes), len(diags[1].Fixes))
	}
}
