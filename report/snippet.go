package report

import (
	"strings"
	"unicode"

	"github.com/tmpllint/tmpllint/lint"
)

// SnippetWidth is how many columns of a long (minified) line a snippet
// shows around a finding.
const SnippetWidth = 120

// snippetMaker makes the snippets of one file's findings; it remembers the
// width of the last line it measured, as a minified page holds every
// finding on one line.
type snippetMaker struct {
	line, width int
}

// make returns the snippet of a span: its first line, and a line of marks
// whose prefix repeats the line's tabs, so the caret lines up in any
// terminal.
func (m *snippetMaker) make(src *lint.Source, start, end Position) Snippet {
	if m.line != start.Line {
		m.line, m.width = start.Line, src.LineWidth(start.Line) // in code points
	}
	width := m.width
	from, to := start.Column-1, width
	if end.Line == start.Line {
		to = end.Column - 1
	}
	from, to = min(from, width), max(min(to, width), min(from, width))

	// Show a window of a long line: minified scripts are megabytes wide,
	// and only the window is decoded.
	lo, hi := 0, width
	if hi > SnippetWidth {
		lo = max(0, from-SnippetWidth/3)
		hi = min(width, lo+SnippetWidth)
	}
	runes := []rune(string(src.LineSlice(start.Line, lo, hi))) // invalid bytes become U+FFFD, one column each
	var text, marks strings.Builder
	if lo > 0 {
		text.WriteString("…")
		marks.WriteString(" ")
	}
	text.Grow(hi - lo + 8)
	marks.Grow(to - lo + 2)
	repeat := func(c byte, n int) {
		for range n {
			marks.WriteByte(c)
		}
	}
	for i := lo; i < hi; i++ {
		r := runes[i-lo]
		width := 1
		if r < 0x80 && r >= 0x20 && r != 0x7f || r == '\t' {
			text.WriteByte(byte(r)) // printable ASCII, one column: most of any page
		} else {
			var shown string
			shown, width = printable(r)
			text.WriteString(shown)
		}
		switch {
		case i < from:
			if r == '\t' {
				marks.WriteByte('\t')
			} else {
				repeat(' ', width)
			}
		case i == from:
			marks.WriteByte('^')
			repeat('~', width-1)
		case i < to:
			repeat('~', width)
		}
	}
	if from >= hi { // the span starts at the end of the line
		marks.WriteByte('^')
	}
	if hi < width {
		text.WriteString("…")
	}
	return Snippet{Line: start.Line, Text: text.String(), Marks: strings.TrimRight(marks.String(), " ")}
}

// printable returns how to show a rune and how many columns it takes.
// Control characters would move the terminal's cursor or worse; they are
// shown as U+FFFD.
func printable(r rune) (string, int) {
	switch {
	case r == '\t':
		return "\t", 1
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return "\uFFFD", 1
	case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
		// Bidi controls would reorder the snippet on screen.
		return "\uFFFD", 1
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
		return string(r), 0
	case isWide(r):
		return string(r), 2
	}
	return string(r), 1
}

// isWide reports East Asian wide and fullwidth characters and emoji, which
// terminals draw two columns wide.
func isWide(r rune) bool {
	return r >= 0x1100 && r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf && r != 0x303f ||
		r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f ||
		r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6 || r >= 0x1f300 && r <= 0x1f64f ||
		r >= 0x1f900 && r <= 0x1f9ff || r >= 0x20000 && r <= 0x3fffd
}
