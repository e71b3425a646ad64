package lint

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Source is one file's content and the table that turns byte offsets into
// lines and columns. The table is built on first use, so a Source is used
// by one goroutine at a time.
type Source struct {
	// Name is the path the user gave, or the name given to standard input.
	Name string
	// Content is the file's bytes, never modified.
	Content []byte

	lineStarts []int // offset of the first byte of each line; built on first use
	// marks holds the column checkpoints of each long line that a
	// position was asked on, by line; see columnMarks.
	marks map[int][]columnMark
}

// columnMark is a point of a long line whose columns are known: Position
// counts from the last mark before an offset instead of from the line
// start, so a minified template with thousands of findings on its one line
// costs a short walk per finding, not a walk of the line.
type columnMark struct {
	offset, column int
}

// markEvery is how many bytes apart column marks are; lines shorter than
// that are walked from their start.
const markEvery = 512

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
	offset = max(start, CharStart(s.Content, start, offset))
	p := Position{Offset: offset, Line: line, Column: 1}
	from := start
	if offset-start > markEvery {
		marks := s.columnMarks(line, start)
		if i := sort.Search(len(marks), func(i int) bool { return marks[i].offset > offset }) - 1; i >= 0 {
			from, p.Column = marks[i].offset, marks[i].column
		}
	}
	if offset > from {
		p.Column = countColumns(s.Content[from:offset], p.Column)
	}
	return p
}

// countColumns adds the code points of text to column; an invalid byte
// counts as one column, as editors show it.
func countColumns(text []byte, column int) int {
	for len(text) > 0 {
		_, size := utf8.DecodeRune(text)
		column++
		text = text[size:]
	}
	return column
}

// columnMarks returns the marks of line, which columns count from start,
// walking the line once on first use. Marks sit on character boundaries of
// the walk from start, which are the boundaries any walk from start to a
// later offset meets (a truncated walk decodes the same characters up to
// its end), so counting on from a mark gives the columns a walk from the
// line start gives.
func (s *Source) columnMarks(line, start int) []columnMark {
	if m, ok := s.marks[line]; ok {
		return m
	}
	end := len(s.Content)
	if starts := s.lines(); line < len(starts) {
		end = starts[line]
	}
	var marks []columnMark
	column := 1
	for at, next := start, start+markEvery; at < end; {
		if at >= next {
			marks = append(marks, columnMark{at, column})
			next = at + markEvery
		}
		_, size := utf8.DecodeRune(s.Content[at:end])
		column++
		at += size
	}
	if s.marks == nil {
		s.marks = make(map[int][]columnMark)
	}
	s.marks[line] = marks
	return marks
}

// CharStart moves an offset that cuts a multi-byte character in two back to
// the character's first byte, looking no further back than lineStart. It is
// how Position and every formatter place an offset inside a character.
func CharStart(b []byte, lineStart, offset int) int {
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

// LineWidth returns the number of columns (code points) of LineText(line);
// an invalid byte is one column.
func (s *Source) LineWidth(line int) int {
	text := s.LineText(line)
	if len(text) == 0 {
		return 0
	}
	return s.Position(s.lineStart(line)+len(text)).Column - 1
}

// LineSlice returns the part of LineText(line) from code point lo up to,
// not including, code point hi (0-based), clamped to the line. Decoding it
// gives the code points that decoding the whole line gives there; on a
// long line only the part is walked, from the nearest column mark.
func (s *Source) LineSlice(line, lo, hi int) []byte {
	text := s.LineText(line)
	if len(text) == 0 {
		return text
	}
	start := s.lineStart(line)
	end := start + len(text)
	from, to := s.columnOffset(line, start, end, lo), s.columnOffset(line, start, end, hi)
	return s.Content[from:max(from, to)]
}

// columnOffset returns the offset of code point n (0-based) of the line
// that starts at start and whose text ends at end, or end.
func (s *Source) columnOffset(line, start, end, n int) int {
	at, column := start, 1
	if end-start > markEvery {
		marks := s.columnMarks(line, start)
		if i := sort.Search(len(marks), func(i int) bool { return marks[i].column > n+1 }) - 1; i >= 0 {
			at, column = marks[i].offset, marks[i].column
		}
	}
	for at < end && column < n+1 {
		_, size := utf8.DecodeRune(s.Content[at:end])
		at += size
		column++
	}
	return min(at, end)
}
