// Package embedded maps positions between a template and the host file that
// holds it as a string: a JSON string literal (the pageContent of an Okta
// Management API export), an HCL quoted string or an HCL heredoc (the
// page_content of a Terraform resource).
//
// A Map decodes the string once and remembers, for every run of decoded
// bytes, the file bytes it came from. Offset turns a template offset into a
// file offset, Back does the reverse, and Edit turns a replacement of
// template bytes into a replacement of file bytes, re-encoded for the host
// format and checked by decoding the result: an edit that would not decode
// to the intended template is refused, never written.
//
// The package imports nothing of the project.
package embedded

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
)

// Kind is the host syntax a template is written in.
type Kind uint8

// Host syntaxes.
const (
	// JSON is the content of a JSON string literal, between its quotes.
	JSON Kind = iota + 1
	// HCLQuoted is the content of an HCL quoted string, between its quotes.
	HCLQuoted
	// HCLHeredoc is the body of an HCL heredoc (<<EOT or <<-EOT).
	HCLHeredoc
)

func (k Kind) String() string {
	switch k {
	case JSON:
		return "JSON string"
	case HCLQuoted:
		return "HCL string"
	case HCLHeredoc:
		return "HCL heredoc"
	}
	return "unknown"
}

// ErrInterpolation is returned for an HCL string holding an interpolation
// (${...}) or a directive (%{...}): its value is known only to Terraform.
var ErrInterpolation = errors.New("holds a Terraform interpolation or directive; its value is known only when Terraform runs")

// seg is one run of the map: tn decoded bytes at template offset t came
// from fn file bytes at file offset f. A literal run is copied byte for
// byte (tn == fn); an escape is read as a whole; the indentation a flush
// heredoc strips is a run of file bytes with no decoded bytes (tn == 0).
type seg struct {
	t, f, tn, fn int
	lit          bool
}

// Map is the position map of one embedded template.
type Map struct {
	kind       Kind
	start, end int    // the file span of the encoded text
	raw        []byte // the encoded text, file[start:end]
	text       []byte
	segs       []seg

	// How the original was written, so that an edit is written the same
	// way: JSON that escaped <, > and & (Go's encoder does), that escaped
	// "/" as "\/" (PHP's does), or that kept to ASCII (Python's does).
	htmlEscape, slashEscape, asciiOnly bool
	// indent is what a flush heredoc (<<-) strips from each line; marker
	// is a heredoc's closing word; flush is set for <<-.
	indent string
	marker string
	flush  bool
}

// Kind returns the host syntax.
func (m *Map) Kind() Kind { return m.kind }

// Text returns the decoded template. The caller must not modify it.
func (m *Map) Text() []byte { return m.text }

// Start and End return the file span of the encoded template: between a
// string's quotes, or from a heredoc's first line to its closing word.
func (m *Map) Start() int { return m.start }

// End: see Start.
func (m *Map) End() int { return m.end }

// Offset returns the file offset of template offset t. An offset inside an
// escape (a byte of "\u00e9" but its first) maps to the escape's start; the
// end of the template maps to End, or for a heredoc to the start of its
// closing line. At the start of a heredoc line, the offset is past the
// indentation a flush heredoc strips.
func (m *Map) Offset(t int) int {
	if t <= 0 && len(m.segs) == 0 {
		return m.start
	}
	i := sort.Search(len(m.segs), func(i int) bool { s := m.segs[i]; return s.t+s.tn > t })
	if i == len(m.segs) {
		// The end of a heredoc is the start of its closing line, before
		// the line's indentation: text added there is a line of its own.
		if n := len(m.segs); n > 0 && m.segs[n-1].tn == 0 && m.segs[n-1].t == len(m.text) {
			return m.segs[n-1].f
		}
		return m.end
	}
	s := m.segs[i]
	if t <= s.t {
		return s.f
	}
	if s.lit {
		return s.f + t - s.t
	}
	return s.f
}

// Back returns the template offset of file offset f: the inverse of Offset.
// An offset inside an escape maps to the escape's first decoded byte, one in
// stripped indentation to the line's first decoded byte; offsets before
// Start give 0 and after End the template's length.
func (m *Map) Back(f int) int {
	if f <= m.start {
		return 0
	}
	i := sort.Search(len(m.segs), func(i int) bool { s := m.segs[i]; return s.f+s.fn > f })
	if i == len(m.segs) {
		return len(m.text)
	}
	s := m.segs[i]
	if s.lit && f >= s.f {
		return s.t + f - s.f
	}
	return s.t
}

// Edit turns the replacement of template bytes [start, end) with repl into
// the replacement of file bytes [fileStart, fileEnd) with the encoded text.
// It widens the span to whole escapes, and in HCL to a neighbouring "$" or
// "%" and "{" so that no interpolation can appear across the edit's
// boundary. The result is checked by decoding: err is set when the file
// would not read back as the template with the edit applied.
func (m *Map) Edit(start, end int, repl []byte) (fileStart, fileEnd int, encoded []byte, err error) {
	if start < 0 || end < start || end > len(m.text) {
		return 0, 0, nil, fmt.Errorf("edit [%d,%d) outside the template (length %d)", start, end, len(m.text))
	}
	newText := append([]byte(nil), repl...)
	for {
		// Widen to whole escapes.
		s0, s1 := m.escapeStart(start), m.escapeEnd(end)
		if m.kind != JSON {
			if s0 > 0 && (m.text[s0-1] == '$' || m.text[s0-1] == '%') {
				s0 = m.escapeStart(s0 - 1)
			}
			if s1 < len(m.text) && m.text[s1] == '{' {
				s1 = m.escapeEnd(s1 + 1)
			}
		}
		if s0 == start && s1 == end {
			break
		}
		newText = append(append(append([]byte(nil), m.text[s0:start]...), newText...), m.text[end:s1]...)
		start, end = s0, s1
	}
	fileStart, fileEnd = m.Offset(start), m.Offset(end)
	encoded = m.encode(newText, start, end)
	if err := m.check(fileStart, fileEnd, encoded, newText, start, end); err != nil {
		return 0, 0, nil, err
	}
	return fileStart, fileEnd, encoded, nil
}

// check decodes the edited text and compares it with the edited template.
// In a string, escapes are local and the edit's ends lie between them (and,
// in HCL, away from "$", "%" and "{"), so the encoded replacement alone
// must decode to the replacement: checking it costs its length, not the
// template's. A flush heredoc's indentation depends on every line, so the
// whole body is decoded.
func (m *Map) check(fileStart, fileEnd int, encoded, newText []byte, start, end int) error {
	if m.kind != HCLHeredoc {
		got, err := m.decodeBody(encoded)
		if err != nil {
			return fmt.Errorf("the edited %s would not read back: %w", m.kind, err)
		}
		if !bytes.Equal(got, newText) {
			return fmt.Errorf("the edited %s would not read back as the edited template", m.kind)
		}
		return nil
	}
	want := make([]byte, 0, len(m.text)-(end-start)+len(newText))
	want = append(append(append(want, m.text[:start]...), newText...), m.text[end:]...)
	body := make([]byte, 0, m.end-m.start+len(encoded))
	body = append(append(append(body, m.file(m.start, fileStart)...), encoded...), m.file(fileEnd, m.end)...)
	got, err := m.decodeBody(body)
	if err != nil {
		return fmt.Errorf("the edited %s would not read back: %w", m.kind, err)
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("the edited %s would not read back as the edited template", m.kind)
	}
	return nil
}

// file returns the original file bytes [a, b) of the encoded text.
func (m *Map) file(a, b int) []byte { return m.raw[a-m.start : b-m.start] }

// escapeStart moves t back to the start of the escape it is inside.
func (m *Map) escapeStart(t int) int {
	i := sort.Search(len(m.segs), func(i int) bool { s := m.segs[i]; return s.t+s.tn > t })
	if i < len(m.segs) && !m.segs[i].lit && m.segs[i].t < t {
		return m.segs[i].t
	}
	return t
}

// escapeEnd moves t forward to the end of the escape it is inside.
func (m *Map) escapeEnd(t int) int {
	i := sort.Search(len(m.segs), func(i int) bool { s := m.segs[i]; return s.t+s.tn > t })
	if i < len(m.segs) && !m.segs[i].lit && m.segs[i].t < t {
		return m.segs[i].t + m.segs[i].tn
	}
	return t
}

// decodeBody decodes an edited copy of the encoded text with the map's
// settings.
func (m *Map) decodeBody(body []byte) ([]byte, error) {
	var n *Map
	var err error
	switch m.kind {
	case JSON:
		n, err = decodeJSON(body, 0)
	case HCLQuoted:
		n, err = decodeQuoted(body, 0)
	default:
		n, err = decodeHeredoc(body, 0, m.flush)
	}
	if err != nil {
		return nil, err
	}
	if m.kind == HCLHeredoc && m.flush && n.indent != m.indent {
		return nil, errors.New("the edit changes the heredoc's indentation")
	}
	if m.kind == HCLHeredoc && heredocEnds(body, m.marker) {
		return nil, errors.New("a line of the edit would close the heredoc")
	}
	return n.text, nil
}

// builder appends runs to a Map.
type builder struct {
	m   *Map
	raw []byte
	pos int // file offset of raw[0]
}

func (b *builder) lit(i, j int) {
	if i == j {
		return
	}
	m := b.m
	if n := len(m.segs); n > 0 && m.segs[n-1].lit && m.segs[n-1].f+m.segs[n-1].fn == b.pos+i {
		m.segs[n-1].tn += j - i
		m.segs[n-1].fn += j - i
	} else {
		m.segs = append(m.segs, seg{t: len(m.text), f: b.pos + i, tn: j - i, fn: j - i, lit: true})
	}
	m.text = append(m.text, b.raw[i:j]...)
}

func (b *builder) esc(i, j int, decoded []byte) {
	m := b.m
	m.segs = append(m.segs, seg{t: len(m.text), f: b.pos + i, tn: len(decoded), fn: j - i})
	m.text = append(m.text, decoded...)
}

func newBuilder(kind Kind, raw []byte, pos int) *builder {
	return &builder{m: &Map{kind: kind, start: pos, end: pos + len(raw), raw: raw}, raw: raw, pos: pos}
}
