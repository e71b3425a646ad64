package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

	"github.com/tmpllint/tmpllint/lint"
)

// Every offset of texts mixing line endings, a BOM, multi-byte, astral,
// invalid and truncated UTF-8 gets from the one walk of resolvePositions
// the position lint.Source.Position gives it alone.
func TestResolvePositionsMatchesSource(t *testing.T) {
	pieces := []string{"a", "\t", "é", "歓", "😀", "\xff", "\xe6\xad", "\xf0\x9f\x98", "\r", "\n", "\r\n", "<script>", "x = 'y';"}
	rng := rand.New(rand.NewPCG(7, 11))
	for round := range 200 {
		var b strings.Builder
		if round%3 == 0 {
			b.WriteString("\xef\xbb\xbf")
		}
		for range rng.IntN(300) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if round%7 == 0 { // a line longer than the column marks' spacing
			b.WriteString(strings.Repeat("é歓a", 400))
		}
		content := []byte(b.String())
		src := lint.NewSource("f", content)
		var offsets []int
		for off := -2; off <= len(content)+2; off++ {
			offsets = append(offsets, off)
		}
		got := resolvePositions(content, offsets)
		for i, off := range offsets {
			want := src.Position(off)
			if got[i].Line != want.Line || got[i].Column != want.Column || got[i].Offset != off {
				t.Fatalf("round %d, offset %d of %q: got %+v, want line %d column %d", round, off, content, got[i], want.Line, want.Column)
			}
		}
	}
}

// The JSON formatter streams the object encoding/json writes whole.
func TestJSONStreamsAsEncoder(t *testing.T) {
	rule := &lint.Rule{ID: "TST001", Name: "t"}
	finding := func(msg string, line int) Finding {
		return Finding{Rule: rule, Severity: lint.Warning, Message: msg, Start: Position{3, line, 2}, End: Position{9, line, 8},
			Fixes: []Fix{{Message: "f"}}}
	}
	tests := map[string][]File{
		"nothing":     nil,
		"no findings": {{Name: "a.html"}},
		"findings": {{Name: "a.html", Findings: []Finding{finding("<b> & \"q\"\n", 1), finding("é", 2)}},
			{Name: "b.html", Findings: []Finding{finding("x", 3)}}},
		"errors only":        {{Name: "a<.html", Err: errors.New("no such file")}, {Name: "b", Err: errors.New("is a directory")}},
		"findings and error": {{Name: "a.html", Findings: []Finding{finding("m", 1)}}, {Name: "c", Err: errors.New("e")}},
	}
	for name, files := range tests {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			j := NewJSON(&got)
			type whole struct {
				Diagnostics []jsonDiagnostic `json:"diagnostics"`
				Errors      []jsonError      `json:"errors"`
			}
			w := whole{Diagnostics: []jsonDiagnostic{}, Errors: []jsonError{}}
			for i := range files {
				f := &files[i]
				if err := j.WriteFile(f); err != nil {
					t.Fatal(err)
				}
				if f.Err != nil {
					w.Errors = append(w.Errors, jsonError{f.Name, f.Err.Error()})
				}
				for _, d := range f.Findings {
					w.Diagnostics = append(w.Diagnostics, jsonDiagnostic{File: f.Name, Rule: d.Rule.ID, Name: d.Rule.Name,
						Severity: d.Severity.String(), Message: d.Message, Line: d.Start.Line, Column: d.Start.Column,
						EndLine: d.End.Line, EndColumn: d.End.Column, Offset: d.Start.Offset, EndOffset: d.End.Offset, Fixable: true})
				}
			}
			if err := j.Finish(); err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			if err := enc.Encode(w); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("got\n%s\nwant\n%s", got.String(), want.String())
			}
		})
	}
}

// A resolved finding holds no string that shares the file's bytes, even
// when a rule reports a substring of the file.
func TestResolveClonesStrings(t *testing.T) {
	content := []byte("<p>MARK</p>\n")
	text := string(content) // stands for a substring that shares the file's bytes
	rule := &lint.Rule{ID: "TST001", Name: "t"}
	d := lint.Diagnostic{Rule: rule, Severity: lint.Info, Message: text[3:7], Start: 3, End: 7,
		Fixes: []lint.Fix{{Message: text[3:7], Edits: []lint.Edit{{Start: 3, End: 7, New: text[0:3]}}}}}
	f := Resolve(lint.NewSource("f.html", content), []lint.Diagnostic{d}, Needs{FixEdits: true})
	if f[0].Message != "MARK" || f[0].Fixes[0].Edits[0].New != "<p>" {
		t.Fatalf("resolved %+v", f[0])
	}
	for _, s := range []string{f[0].Message, f[0].Fixes[0].Message, f[0].Fixes[0].Edits[0].New} {
		if sharesBytes(text, s) {
			t.Errorf("%q shares the file's bytes", s)
		}
	}
}

// sharesBytes reports whether part points into whole's bytes.
func sharesBytes(whole, part string) bool {
	w, p := uintptr(unsafe.Pointer(unsafe.StringData(whole))), uintptr(unsafe.Pointer(unsafe.StringData(part)))
	return p >= w && p < w+uintptr(len(whole))
}
