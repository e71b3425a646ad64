package embedded

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// mapOf builds the map of the only string literal in file, whose quotes
// are its first and last byte.
func mapOf(t testing.TB, kind Kind, file string) *Map {
	t.Helper()
	var m *Map
	var err error
	switch kind {
	case JSON:
		m, err = NewJSON([]byte(file), 1, len(file)-1)
	case HCLQuoted:
		m, err = NewHCLQuoted([]byte(file), 1, len(file)-1)
	}
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return m
}

func TestOffsets(t *testing.T) {
	tests := []struct {
		name string
		kind Kind
		file string
		text string
		// at maps a template offset to the file offset it must give.
		at map[int]int
	}{
		{"plain", JSON, `"<p>"`, "<p>", map[int]int{0: 1, 2: 3, 3: 4}},
		{"newline and quote", JSON, `"a\n\"b"`, "a\n\"b", map[int]int{1: 2, 2: 4, 3: 6, 4: 7}},
		{"backslash and slash", JSON, `"\\<\/p>"`, `\</p>`, map[int]int{1: 3, 2: 4, 3: 6}},
		{"html escapes", JSON, `"\u003cp\u003e"`, "<p>", map[int]int{0: 1, 1: 7, 2: 8, 3: 14}},
		{"surrogate pair", JSON, `"\ud83d\ude00x"`, "😀x", map[int]int{0: 1, 2: 1, 4: 13, 5: 14}},
		{"raw non-ascii", JSON, `"éx"`, "éx", map[int]int{2: 3}},
		{"hcl escapes", HCLQuoted, `"a\"$${b}%%{c}"`, `a"${b}%{c}`, map[int]int{1: 2, 2: 4, 4: 7, 8: 12}},
		{"hcl dollar alone", HCLQuoted, `"$$x"`, `$$x`, map[int]int{2: 3}},
		{"hcl long unicode", HCLQuoted, `"\U0001F600!"`, "😀!", map[int]int{4: 11}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mapOf(t, tt.kind, tt.file)
			if string(m.Text()) != tt.text {
				t.Fatalf("text = %q, want %q", m.Text(), tt.text)
			}
			for to, fo := range tt.at {
				if got := m.Offset(to); got != fo {
					t.Errorf("Offset(%d) = %d, want %d", to, got, fo)
				}
				if got := m.Back(fo); got != to && utf8.RuneStart(m.Text()[min(to, len(m.Text())-1)]) {
					t.Errorf("Back(%d) = %d, want %d", fo, got, to)
				}
			}
		})
	}
}

func TestHeredoc(t *testing.T) {
	file := "x = <<-EOT\n    <p>\n      $${a}\n\n    </p>\n  EOT\n"
	start := strings.Index(file, "\n") + 1
	end := strings.LastIndex(file, "EOT")
	m, err := NewHeredoc([]byte(file), start, end, "EOT", true)
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>\n  ${a}\n\n</p>\n"
	if string(m.Text()) != want {
		t.Fatalf("text = %q, want %q", m.Text(), want)
	}
	// "${a}" starts at template offset 6, after two spaces kept.
	if got, want := m.Offset(4), strings.Index(file, "  $$"); got != want {
		t.Errorf("Offset(4) = %d, want %d", got, want)
	}
	if got, want := m.Offset(len(m.Text())), strings.LastIndex(file, "\n  EOT")+1; got != want {
		t.Errorf("Offset(end) = %d, want %d (the closing line's start)", got, want)
	}
	edits := []struct {
		start, end int
		repl, want string
	}{
		{0, 0, "<!-- x -->\n", "x = <<-EOT\n    <!-- x -->\n    <p>\n"},
		{len(want), len(want), "<b>\n", "    </p>\n    <b>\n  EOT\n"},
		{6, 6, "${q}", "      $${q}$${a}"},
		{0, 4, "", "x = <<-EOT\n      $${a}"},
	}
	for _, e := range edits {
		fs, fe, enc, err := m.Edit(e.start, e.end, []byte(e.repl))
		if err != nil {
			t.Errorf("Edit(%d, %d, %q): %v", e.start, e.end, e.repl, err)
			continue
		}
		got := file[:fs] + string(enc) + file[fe:]
		if !strings.Contains(got, e.want) {
			t.Errorf("Edit(%d, %d, %q) gives\n%s\nwant it to contain %q", e.start, e.end, e.repl, got, e.want)
		}
	}
	// A line that would close the heredoc is refused.
	if _, _, _, err := m.Edit(0, 0, []byte("EOT\n")); err == nil {
		t.Error("an edit adding the closing word as a line was accepted")
	}
}

func TestEditStyles(t *testing.T) {
	tests := []struct {
		name, file  string
		start, end  int
		repl, wantF string
	}{
		{"go style", `"\u003cscript\u003e"`, 1, 7, "style", `"\u003cstyle\u003e"`},
		{"slash style", `"\/x"`, 1, 2, "a/b", `"\/a\/b"`},
		{"ascii style", `"\u00e9"`, 0, 0, "ü", `"\u00fc\u00e9"`},
		{"quote and newline", `"ab"`, 1, 1, "\"\n", `"a\"\nb"`},
		{"before an escape", `"a\u00e9b"`, 1, 1, "x", `"ax\u00e9b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mapOf(t, JSON, tt.file)
			fs, fe, enc, err := m.Edit(tt.start, tt.end, []byte(tt.repl))
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.file[:fs] + string(enc) + tt.file[fe:]; got != tt.wantF {
				t.Errorf("got %s, want %s", got, tt.wantF)
			}
		})
	}
}

func TestEditInsideCharacterRefused(t *testing.T) {
	m := mapOf(t, JSON, `"a\u00e9b"`)
	if _, _, _, err := m.Edit(2, 2, []byte("x")); err == nil {
		t.Error("an edit splitting é in two was accepted")
	}
}

func TestHCLEditKeepsInterpolationEscaped(t *testing.T) {
	m := mapOf(t, HCLQuoted, `"a$b{c"`)
	// Deleting "b" would join "$" and "{".
	fs, fe, enc, err := m.Edit(2, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	file := `"a$b{c"`
	if got := file[:fs] + string(enc) + file[fe:]; got != `"a$${c"` {
		t.Errorf("got %s", got)
	}
}

// FuzzJSONMap checks the JSON map against encoding/json: the text is what
// encoding/json decodes, Offset then Back is the identity on every
// character start, and an edit gives a JSON string that decodes to the
// edited text.
func FuzzJSONMap(f *testing.F) {
	for _, s := range []string{`"<p>"`, `"a\n\"b\\c\/d"`, `"\u003cscript\u003e"`, `"\ud83d\ude00"`, `"\ud83dx"`, "\"\xff\"", `"é\u00e9"`} {
		f.Add(s, 1, 2, "x<\"/é\n")
	}
	f.Fuzz(func(t *testing.T, file string, a, b int, repl string) {
		var want string
		if len(file) < 2 || json.Unmarshal([]byte(file), &want) != nil || file[0] != '"' || file[len(file)-1] != '"' {
			return
		}
		m, err := NewJSON([]byte(file), 1, len(file)-1)
		if err != nil {
			t.Fatalf("encoding/json reads %q, the map does not: %v", file, err)
		}
		text := m.Text()
		if string(text) != want {
			t.Fatalf("map text %q, encoding/json %q", text, want)
		}
		for i := 0; i <= len(text); i++ {
			if i < len(text) && !utf8.RuneStart(text[i]) {
				continue
			}
			fo := m.Offset(i)
			if fo < m.Start() || fo > m.End() {
				t.Fatalf("Offset(%d) = %d outside [%d,%d]", i, fo, m.Start(), m.End())
			}
			if back := m.Back(fo); back != i && !inEscape(m, i) {
				t.Fatalf("Back(Offset(%d)) = %d", i, back)
			}
		}
		if len(text) == 0 {
			a, b = 0, 0
		} else {
			a, b = abs(a)%(len(text)+1), abs(b)%(len(text)+1)
		}
		a, b = min(a, b), max(a, b)
		for a > 0 && a < len(text) && !utf8.RuneStart(text[a]) {
			a--
		}
		for b > 0 && b < len(text) && !utf8.RuneStart(text[b]) {
			b--
		}
		a = min(a, b)
		fs, fe, enc, err := m.Edit(a, b, []byte(repl))
		if err != nil {
			if utf8.ValidString(repl) {
				t.Fatalf("Edit(%d, %d, %q) on %q: %v", a, b, repl, file, err)
			}
			return
		}
		edited := file[:fs] + string(enc) + file[fe:]
		var got string
		if err := json.Unmarshal([]byte(edited), &got); err != nil {
			t.Fatalf("edited JSON %q does not decode: %v", edited, err)
		}
		if wantEdited := string(text[:a]) + repl + string(text[b:]); got != wantEdited {
			t.Fatalf("edited JSON decodes to %q, want %q", got, wantEdited)
		}
		if !bytes.Equal([]byte(file[:fs]), []byte(edited[:fs])) {
			t.Fatal("bytes before the edit changed")
		}
	})
}

// inEscape reports whether template offset i is inside (not at the start
// of) a multi-byte escape's decoded bytes.
func inEscape(m *Map, i int) bool { return m.escapeStart(i) != i }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
