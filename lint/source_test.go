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
		utf16   int
		byteCol int
	}{
		{"first byte", "abc", "a", 1, 1, 1, 1},
		{"second line LF", "ab\ncd", "d", 2, 2, 2, 2},
		{"CRLF", "ab\r\ncd\r\nef", "f", 3, 2, 2, 2},
		{"tab is one column", "\t\tx", "x", 1, 3, 3, 3},
		{"BOM not counted", "\xef\xbb\xbfab", "b", 1, 2, 2, 2},
		{"BOM only on line 1", "\xef\xbb\xbfa\nb", "b", 2, 1, 1, 1},
		{"two-byte rune", "é x", "x", 1, 3, 3, 4},
		{"three-byte rune", "歓迎 x", "x", 1, 4, 4, 8},
		{"astral rune is two UTF-16 units", "😀x", "x", 1, 2, 3, 5},
		{"invalid byte is one column", "\xffx", "x", 1, 2, 2, 2},
		{"lone CR is not a line break", "a\rb", "b", 1, 3, 3, 3},
		{"after last newline", "a\n", "", 2, 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSource("f", []byte(tt.content))
			off := len(tt.content)
			if tt.at != "" {
				off = strings.Index(tt.content, tt.at)
			}
			p := s.Position(off)
			if p.Line != tt.line || p.Column != tt.col || p.ColumnUTF16 != tt.utf16 || p.ColumnByte != tt.byteCol {
				t.Errorf("Position(%d) = line %d col %d utf16 %d byte %d; want %d %d %d %d",
					off, p.Line, p.Column, p.ColumnUTF16, p.ColumnByte, tt.line, tt.col, tt.utf16, tt.byteCol)
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
