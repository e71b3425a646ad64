package lint

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Source is one file's content and the table that turns byte offsets into
// lines and columns.
type Source struct {
	// Name is the path the user gave, or the name given to standard input.
	Name string
	// Content is the file's bytes, never modified.
	Content []byte

	lineStarts []int // offset of the first byte of each line; built on first use
}

// NewSource returns a Source for content read from name.
func NewSource(name string, content []byte) *Source {
	return &Source{Name: name, Content: content}
}

// Position is a location in a Source. Lines and columns are 1-based.
// Columns count from the start of the line; on the first line a UTF-8 byte
// order mark is not counted, as no editor shows it.
type Position struct {
	Offset int // byte offset in the file
	Line   int
	Column int // in Unicode code points (a tab is one column)
	// ColumnUTF16 counts UTF-16 code units, as LSP and ESLint do.
	ColumnUTF16 int
	// ColumnByte counts bytes, as go/token does.
	ColumnByte int
}

var bom = []byte("\xef\xbb\xbf")

func (s *Source) lines() []int {
	if s.lineStarts == nil {
		starts := make([]int, 1, 1+len(s.Content)/32)
		for i, c := range s.Content {
			if c == '\n' {
				starts = append(starts, i+1)
			}
		}
		s.lineStarts = starts
	}
	return s.lineStarts
}

// LineCount returns the number of lines; text after the last line break,
// even if empty, is a line.
func (s *Source) LineCount() int { return len(s.lines()) }

// lineStart returns the offset where columns of line (1-based) start
// counting: past the BOM on the first line.
func (s *Source) lineStart(line int) int {
	start := s.lines()[line-1]
	if line == 1 && bytes.HasPrefix(s.Content, bom) {
		start = len(bom)
	}
	return start
}

// Position returns the position of a byte offset. Offsets are clamped to
// the file; an offset inside a multi-byte character or the BOM counts as the
// character's start.
func (s *Source) Position(offset int) Position {
	offset = max(0, min(offset, len(s.Content)))
	line := s.Line(offset)
	start := s.lineStart(line)
	offset = max(start, charStart(s.Content, start, offset))
	p := Position{Offset: offset, Line: line, Column: 1, ColumnUTF16: 1, ColumnByte: 1}
	if offset <= start {
		return p
	}
	text := s.Content[start:offset]
	p.ColumnByte += len(text)
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		p.Column++ // an invalid byte counts as one column, as editors show it
		p.ColumnUTF16++
		if r >= 0x10000 {
			p.ColumnUTF16++
		}
		text = text[size:]
	}
	return p
}

// charStart moves an offset that cuts a multi-byte character in two back to
// the character's first byte.
func charStart(b []byte, lineStart, offset int) int {
	for k := 1; k <= 3 && offset-k >= lineStart && offset < len(b); k++ {
		c := b[offset-k]
		if c < 0x80 {
			break
		}
		if c >= 0xC0 {
			if r, size := utf8.DecodeRune(b[offset-k:]); r != utf8.RuneError && size > k {
				return offset - k
			}
			break
		}
	}
	return offset
}

// LineText returns the text of line (1-based) without its line break (and
// without the BOM on line 1). It returns nil for a line out of range.
func (s *Source) LineText(line int) []byte {
	starts := s.lines()
	if line < 1 || line > len(starts) {
		return nil
	}
	start := s.lineStart(line)
	end := len(s.Content)
	if line < len(starts) {
		end = starts[line] - 1 // the '\n'
	}
	if end > start && s.Content[end-1] == '\r' && line < len(starts) {
		end--
	}
	return s.Content[start:max(start, end)]
}

// Line returns the 1-based line of an offset, as Position does, without
// counting columns: that walks the line, and a minified template is one
// long line holding every finding. Messages that name a line use it.
func (s *Source) Line(offset int) int {
	starts := s.lines()
	offset = max(0, min(offset, len(s.Content)))
	return sort.Search(len(starts), func(i int) bool { return starts[i] > offset })
}
