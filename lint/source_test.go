package lint

import (
	"strings"
	"testing"
)

func TestPosition(t *testing.T) {
	tests := []struct {
		name    string
		content string
		at      string // the text whose first byte is looked up (first occurrence)
		line    int
		col     int
	}{
		{"first byte", "abc", "a", 1, 1},
		{"second line LF", "ab\ncd", "d", 2, 2},
		{"CRLF", "ab\r\ncd\r\nef", "f", 3, 2},
		{"tab is one column", "\t\tx", "x", 1, 3},
		{"BOM not counted", "\xef\xbb\xbfab", "b", 1, 2},
		{"BOM only on line 1", "\xef\xbb\xbfa\nb", "b", 2, 1},
		{"two-byte rune", "é x", "x", 1, 3},
		{"three-byte rune", "歓迎 x", "x", 1, 4},
		{"astral rune is one column", "😀x", "x", 1, 2},
		{"invalid byte is one column", "\xffx", "x", 1, 2},
		{"lone CR is not a line break", "a\rb", "b", 1, 3},
		{"after last newline", "a\n", "", 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSource("f", []byte(tt.content))
			off := len(tt.content)
			if tt.at != "" {
				off = strings.Index(tt.content, tt.at)
			}
			p := s.Position(off)
			if p.Line != tt.line || p.Column != tt.col {
				t.Errorf("Position(%d) = line %d col %d; want %d %d", off, p.Line, p.Column, tt.line, tt.col)
			}
		})
	}
}

func TestPositionInsideCharacterAndOutOfRange(t *testing.T) {
	s := NewSource("f", []byte("a歓b"))
	if p := s.Position(2); p.Column != 2 || p.Offset != 1 { // inside 歓 (bytes 1..3)
		t.Errorf("inside a character: %+v", p)
	}
	if p := s.Position(-5); p.Line != 1 || p.Column != 1 {
		t.Errorf("negative offset: %+v", p)
	}
	if p := s.Position(1000); p.Column != 4 {
		t.Errorf("offset past the end: %+v", p)
	}
	bomOnly := NewSource("f", []byte("\xef\xbb\xbf"))
	if p := bomOnly.Position(1); p.Column != 1 {
		t.Errorf("offset inside the BOM: %+v", p)
	}
}

func TestLineText(t *testing.T) {
	s := NewSource("f", []byte("\xef\xbb\xbfone\r\ntwo\nthree"))
	for line, want := range map[int]string{1: "one", 2: "two", 3: "three", 0: "", 4: ""} {
		if got := string(s.LineText(line)); got != want {
			t.Errorf("LineText(%d) = %q, want %q", line, got, want)
		}
	}
	if n := s.LineCount(); n != 3 {
		t.Errorf("LineCount = %d", n)
	}
}

// slowPosition is Position as a walk from the line start, the definition
// the column marks must agree with.
func slowPosition(s *Source, offset int) Position {
	offset = max(0, min(offset, len(s.Content)))
	line := s.Line(offset)
	start := s.lineStart(line)
	offset = max(start, CharStart(s.Content, start, offset))
	p := Position{Offset: offset, Line: line, Column: 1}
	for range string(s.Content[start:max(start, offset)]) {
		p.Column++
	}
	return p
}

// Long lines are counted from column marks; every offset of lines mixing
// ASCII, multi-byte and astral characters, invalid and truncated UTF-8,
// CR LF and a BOM gets the position a walk from the line start gives, in
// any order of lookups.
func TestPositionOnLongLinesMatchesWalk(t *testing.T) {
	pieces := []string{"a", "\t", "é", "歓", "😀", "\xff", "\xe6\xad", "\xf0\x9f\x98", "\r", "<script>", "x = 'y';"}
	tests := []struct {
		name    string
		prefix  string
		lines   int
		perLine int
	}{
		{"one long line", "", 1, 3000},
		{"BOM and long lines", "\xef\xbb\xbf", 3, 1500},
		{"CRLF lines short and long", "", 40, 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString(tt.prefix)
			seed := uint32(len(tt.name))
			for l := range tt.lines {
				for range tt.perLine * (l%3 + 1) / 2 {
					seed = seed*1664525 + 1013904223
					b.WriteString(pieces[int(seed>>16)%len(pieces)])
				}
				b.WriteString("\r\n")
			}
			content := b.String()
			s, ref := NewSource("f", []byte(content)), NewSource("f", []byte(content))
			check := func(off int) {
				if got, want := s.Position(off), slowPosition(ref, off); got != want {
					t.Fatalf("Position(%d) = %+v, want %+v", off, got, want)
				}
			}
			for off := len(content) + 1; off >= -1; off-- { // backwards: marks are built by a late offset first
				check(off)
			}
			for off := 0; off <= len(content); off += 7 {
				check(off)
			}
			for line := 1; line <= s.LineCount(); line++ {
				runes := []rune(string(ref.LineText(line)))
				if got := s.LineWidth(line); got != len(runes) {
					t.Fatalf("LineWidth(%d) = %d, want %d", line, got, len(runes))
				}
				for _, w := range [][2]int{{0, len(runes)}, {len(runes) / 3, len(runes)/3 + 120}, {len(runes) - 5, len(runes) + 5}, {7, 3}} {
					lo, hi := max(0, min(w[0], len(runes))), max(0, min(w[1], len(runes)))
					want := string(runes[lo:max(lo, hi)])
					if got := string([]rune(string(s.LineSlice(line, w[0], w[1])))); got != want {
						t.Fatalf("LineSlice(%d, %d, %d) = %q, want %q", line, w[0], w[1], got, want)
					}
				}
			}
			if len(s.marks) == 0 {
				t.Fatal("no column marks were built: the test does not exercise them")
			}
		})
	}
}

// Positions on one long line cost a walk from the nearest mark: looking up
// every offset of a line reads each byte a bounded number of times, not
// once per lookup.
func TestPositionWorkOnLongLineIsBounded(t *testing.T) {
	content := []byte(strings.Repeat("r.session.setCookieAndRedirect(x);", 20_000))
	s := NewSource("f", content)
	walked := 0
	for off := 0; off < len(content); off += 37 {
		p := s.Position(off)
		from := 0
		marks := s.marks[1]
		for _, m := range marks {
			if m.offset <= off {
				from = m.offset
			}
		}
		walked += off - from
		if p.Column != off+1 {
			t.Fatalf("Position(%d).Column = %d", off, p.Column)
		}
	}
	if lookups := len(content) / 37; walked > lookups*markEvery {
		t.Errorf("walked %d bytes for %d lookups, want at most %d per lookup", walked, lookups, markEvery)
	}
}
