package lint

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
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
	// Sorted by start, then rule ID; the out-of-range report becomes an
	// internal error naming the rule, as the panic does, at offset 0; the
	// rule's other finding and the other rules' stay.
	wantSorted := "AAA001@0-0:error ZZZ999@0-0:error BBB002@1-2:warning AAA001@5-6:warning BBB002@5-6:warning"
	if strings.Join(got, " ") != wantSorted {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), wantSorted)
	}
	if !strings.Contains(diags[0].Message, "internal error: rule AAA001 reported the span [100, 101), outside the file's 18 bytes") {
		t.Errorf("bad span message: %s", diags[0].Message)
	}
	if !strings.Contains(diags[1].Message, "internal error: rule ZZZ999 crashed") || !strings.Contains(diags[1].Message, "boom") {
		t.Errorf("panic message: %s", diags[1].Message)
	}
}

// Every offset a rule reports is checked, not clamped: outside the file,
// backwards, or inside a character, the finding becomes an internal error
// that names the rule and says what was wrong.
func TestBadSpansAreReported(t *testing.T) {
	content := "<p>héllo</p>" // é is two bytes, at 4 and 5
	tests := []struct {
		name       string
		start, end int
		edits      []Edit
		want       string // "" for a valid report
	}{
		{"valid", 3, 4, nil, ""},
		{"empty at the end", len(content), len(content), nil, ""},
		{"negative", -1, 2, nil, "the span [-1, 2), outside the file's 13 bytes"},
		{"past the end", 3, len(content) + 1, nil, "outside the file"},
		{"backwards", 5, 3, nil, "the span [5, 3), outside"},
		{"start inside a character", 5, 7, nil, "the span [5, 7), which cuts a character in two"},
		{"end inside a character", 3, 5, nil, "cuts a character in two"},
		{"fix edit outside", 3, 4, []Edit{{Start: 3, End: 99}}, "a fix editing [3, 99), outside"},
		{"fix edit inside a character", 3, 4, []Edit{{Start: 5, End: 5, New: "x"}}, "a fix editing [5, 5), which cuts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rule := &Rule{ID: "AAA001", Name: "a", Severity: Warning, Check: func(p *Pass) {
				p.Report(Diagnostic{Start: tt.start, End: tt.end, Message: "m", Fixes: []Fix{{Safe: true, Edits: tt.edits}}})
			}}
			f, err := Parse(NewSource("f.html", []byte(content)))
			if err != nil {
				t.Fatal(err)
			}
			diags := Run(f, []*Rule{rule})
			if len(diags) != 1 {
				t.Fatalf("%d diagnostics", len(diags))
			}
			d := diags[0]
			if tt.want == "" {
				if d.Message != "m" || d.Start != tt.start || d.End != tt.end {
					t.Errorf("valid report changed: %+v", d)
				}
				return
			}
			if d.Severity != Error || d.Start != 0 || d.End != 0 || len(d.Fixes) != 0 ||
				!strings.Contains(d.Message, "internal error: rule AAA001 reported ") || !strings.Contains(d.Message, tt.want) {
				t.Errorf("got %+v, want an internal error with %q", d, tt.want)
			}
		})
	}
}

// CharBoundary reads bytes as Position does: an invalid byte is a
// character of its own, a valid sequence cannot be cut.
func TestCharBoundary(t *testing.T) {
	content := []byte("aé\x97\xe2\x82b€") // a, é (2 bytes), a lone continuation byte, a cut-off sequence, b, € (3 bytes)
	want := map[int]bool{0: true, 1: true, 2: false, 3: true, 4: true, 5: true, 6: true, 7: true, 8: false, 9: false, 10: true}
	for i := 0; i <= len(content); i++ {
		if got := CharBoundary(content, i); got != want[i] {
			t.Errorf("CharBoundary(%q, %d) = %v, want %v", content, i, got, want[i])
		}
	}
}

// touches is the one boundary rule of the fix merger's guards; its edges.
func TestTouches(t *testing.T) {
	span := jsscan.Span{Start: 10, End: 20}
	tests := []struct {
		name string
		e    Edit
		want bool
	}{
		{"replacement ending where the span starts", Edit{Start: 5, End: 10}, true},
		{"replacement ending before", Edit{Start: 5, End: 9}, false},
		{"insertion at the start", Edit{Start: 10, End: 10}, true},
		{"insertion inside", Edit{Start: 15, End: 15}, true},
		{"insertion at the end", Edit{Start: 20, End: 20}, true},
		{"replacement starting where the span ends", Edit{Start: 20, End: 25}, true},
		{"replacement after", Edit{Start: 21, End: 25}, false},
		{"replacement over it", Edit{Start: 0, End: 30}, true},
		{"insertion before", Edit{Start: 9, End: 9}, false},
	}
	for _, tt := range tests {
		if got := touches(tt.e, span); got != tt.want {
			t.Errorf("%s: touches(%v, %v) = %v", tt.name, tt.e, span, got)
		}
		set := newSpanSet([]jsscan.Span{{Start: 0, End: 2}, span, {Start: 40, End: 50}})
		if got := set.touchedBy([]Edit{tt.e}); got != tt.want {
			t.Errorf("%s: spanSet.touchedBy = %v, touches = %v", tt.name, got, tt.want)
		}
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
		t.Fatalf("fixes: readable script %d, broken script %d (want 1 and 0)", len(diags[0].Fixes), len(diags[1].Fixes))
	}
	// The finding that lost its fix says why; the other is unchanged.
	if diags[0].Message != "m" || !strings.Contains(diags[1].Message, "not fixed automatically: part of this script does not read as JavaScript") {
		t.Errorf("messages %q, %q", diags[0].Message, diags[1].Message)
	}
}
