package embedded

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// NewHCLQuoted maps the HCL quoted string whose content (between the
// quotes) is file[start:end]. It reads the escapes of HCL's native syntax
// (\n \r \t \" \\ \uNNNN \UNNNNNNNN) and the template escapes $${ and %%{;
// an unescaped ${ or %{ gives ErrInterpolation.
func NewHCLQuoted(file []byte, start, end int) (*Map, error) {
	if start < 0 || end < start || end > len(file) {
		return nil, errors.New("string span outside the file")
	}
	return decodeQuoted(file[start:end], start)
}

// NewHeredoc maps the body of an HCL heredoc: file[start:end] runs from the
// first byte after the opening line to the closing word (marker), so it
// ends with the closing line's indentation. flush is set for <<-, whose
// lines lose the indentation of the least indented one.
func NewHeredoc(file []byte, start, end int, marker string, flush bool) (*Map, error) {
	if start < 0 || end < start || end > len(file) {
		return nil, errors.New("heredoc span outside the file")
	}
	m, err := decodeHeredoc(file[start:end], start, flush)
	if err != nil {
		return nil, err
	}
	m.marker = marker
	return m, nil
}

// templateEscape handles $ and % in an HCL template at raw[i]: $${ and
// %%{ are escapes (n = 3), ${ and %{ open an interpolation or directive.
func templateEscape(b *builder, raw []byte, i int) (n int, err error) {
	c := raw[i]
	if i+2 < len(raw) && raw[i+1] == c && raw[i+2] == '{' {
		b.esc(i, i+3, []byte{c, '{'})
		return 3, nil
	}
	if i+1 < len(raw) && raw[i+1] == '{' {
		return 0, ErrInterpolation
	}
	return 0, nil
}

// errNotUTF8 is HCL's rule: "All input files must be UTF-8 encoded".
var errNotUTF8 = errors.New("not UTF-8; HCL reads UTF-8 only")

func decodeQuoted(raw []byte, pos int) (*Map, error) {
	if !utf8.Valid(raw) {
		return nil, errNotUTF8
	}
	b := newBuilder(HCLQuoted, raw, pos)
	i, run := 0, 0
	for i < len(raw) {
		switch c := raw[i]; c {
		case '"':
			return nil, fmt.Errorf("unescaped quote at byte %d", pos+i)
		case '\n':
			return nil, fmt.Errorf("line break in a quoted string at byte %d", pos+i)
		case '$', '%':
			b.lit(run, i)
			n, err := templateEscape(b, raw, i)
			if err != nil {
				return nil, err
			}
			if n == 0 {
				run = i
				i++
				continue
			}
			i += n
			run = i
		case '\\':
			b.lit(run, i)
			if i+1 >= len(raw) {
				return nil, fmt.Errorf("unfinished escape at byte %d", pos+i)
			}
			n := 2
			var dec []byte
			switch raw[i+1] {
			case 'n':
				dec = []byte{'\n'}
			case 'r':
				dec = []byte{'\r'}
			case 't':
				dec = []byte{'\t'}
			case '"', '\\':
				dec = []byte{raw[i+1]}
			case 'u', 'U':
				n = 6
				if raw[i+1] == 'U' {
					n = 10
				}
				if i+n > len(raw) {
					return nil, fmt.Errorf("short \\%c escape at byte %d", raw[i+1], pos+i)
				}
				v, err := strconv.ParseUint(string(raw[i+2:i+n]), 16, 32)
				if err != nil || !utf8.ValidRune(rune(v)) {
					return nil, fmt.Errorf("bad \\%c escape at byte %d", raw[i+1], pos+i)
				}
				dec = utf8.AppendRune(nil, rune(v))
			default:
				return nil, fmt.Errorf("unknown escape \\%c at byte %d", raw[i+1], pos+i)
			}
			b.esc(i, i+n, dec)
			i += n
			run = i
		default:
			i++
		}
	}
	b.lit(run, len(raw))
	return b.m, nil
}

// indentBytes returns the byte length of the first n white-space
// characters of line, and how many there are (at most n). HCL counts and
// strips the characters unicode.IsSpace accepts, not only spaces and tabs.
func indentBytes(line []byte, n int) (size, count int) {
	for size < len(line) && count < n {
		r, w := utf8.DecodeRune(line[size:])
		if !unicode.IsSpace(r) {
			break
		}
		size += w
		count++
	}
	return size, count
}

// blankLine reports whether a line (without its line break) holds only
// white space: a flush heredoc neither strips nor counts it.
func blankLine(line []byte) bool {
	return len(bytes.TrimLeftFunc(line, unicode.IsSpace)) == 0
}

func decodeHeredoc(raw []byte, pos int, flush bool) (*Map, error) {
	if !utf8.Valid(raw) {
		return nil, errNotUTF8
	}
	for i, c := range raw {
		// HCL reads a carriage return only as part of a CR LF line break.
		if c == '\r' && (i+1 == len(raw) || raw[i+1] != '\n') {
			return nil, fmt.Errorf("carriage return without a line feed at byte %d", pos+i)
		}
	}
	b := newBuilder(HCLHeredoc, raw, pos)
	m := b.m
	m.flush = flush
	// The closing line's indentation: after the last line break.
	bodyEnd := bytes.LastIndexByte(raw, '\n') + 1
	if !blankLine(raw[bodyEnd:]) {
		return nil, errors.New("heredoc does not end with a line break before its closing word")
	}
	strip := 0
	if flush {
		strip = -1
		for l := 0; l < bodyEnd; {
			e := l + bytes.IndexByte(raw[l:], '\n')
			if line := raw[l:e]; !blankLine(line) {
				_, n := indentBytes(line, len(line))
				if strip < 0 || n < strip {
					strip = n
				}
			}
			l = e + 1
		}
		strip = max(strip, 0)
	}
	for l := 0; l < bodyEnd; {
		e := l + bytes.IndexByte(raw[l:], '\n')
		c := l
		if flush && !blankLine(raw[l:e]) {
			size, _ := indentBytes(raw[l:e], strip)
			c = l + size
			if m.indent == "" {
				m.indent = string(raw[l:c])
			}
			b.esc(l, c, nil)
		}
		run := c
		for i := c; i <= e; {
			if raw[i] == '$' || raw[i] == '%' {
				b.lit(run, i)
				n, err := templateEscape(b, raw, i)
				if err != nil {
					return nil, err
				}
				if n > 0 {
					i += n
					run = i
					continue
				}
				run = i
			}
			i++
		}
		b.lit(run, e+1)
		l = e + 1
	}
	if bodyEnd < len(raw) {
		b.esc(bodyEnd, len(raw), nil)
	}
	return m, nil
}

// heredocEnds reports whether a line of body (before the closing line's
// indentation) would be read as the heredoc's closing word.
func heredocEnds(body []byte, marker string) bool {
	end := bytes.LastIndexByte(body, '\n')
	for _, line := range bytes.Split(body[:max(end, 0)], []byte("\n")) {
		if string(bytes.TrimSpace(line)) == marker {
			return true
		}
	}
	return false
}

// encode writes text, the replacement of template bytes [start, end), in
// the host syntax.
func (m *Map) encode(text []byte, start, end int) []byte {
	switch m.kind {
	case JSON:
		return m.encodeJSON(text)
	case HCLQuoted:
		return encodeQuoted(text)
	}
	return m.encodeHeredoc(text, start, end)
}

// escapeTemplate doubles the $ or % of ${ and %{.
func escapeTemplate(out, text []byte, i int) []byte {
	c := text[i]
	if (c == '$' || c == '%') && i+1 < len(text) && text[i+1] == '{' {
		out = append(out, c)
	}
	return append(out, c)
}

func encodeQuoted(text []byte) []byte {
	out := make([]byte, 0, len(text)+8)
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '"':
			out = append(out, '\\', '"')
		case c == '\\':
			out = append(out, '\\', '\\')
		case c == '\n':
			out = append(out, '\\', 'n')
		case c == '\r':
			out = append(out, '\\', 'r')
		case c == '\t':
			out = append(out, '\\', 't')
		case c < 0x20:
			out = appendU4(out, rune(c))
		default:
			out = escapeTemplate(out, text, i)
		}
	}
	return out
}

// encodeHeredoc writes text for a heredoc. In a flush heredoc every line the
// text starts gets the indentation the heredoc strips, unless the line is
// blank: a blank line is neither stripped nor counted.
func (m *Map) encodeHeredoc(text []byte, start, end int) []byte {
	out := make([]byte, 0, len(text)+8)
	// lineRest is what follows the text on its last line, up to the break.
	lineRest := m.text[end:]
	if k := bytes.IndexByte(lineRest, '\n'); k >= 0 {
		lineRest = lineRest[:k]
	}
	// indentIf adds the indentation at a line start when the line that
	// results is not blank.
	indentIf := func(from int) {
		if !m.flush {
			return
		}
		line := text[from:]
		if k := bytes.IndexByte(line, '\n'); k >= 0 {
			line = line[:k]
		} else {
			line = append(append([]byte(nil), line...), lineRest...)
		}
		if !blankLine(line) {
			out = append(out, m.indent...)
		}
	}
	// An insertion at the start of a line the map has no indentation for
	// (a blank line, the closing line) starts the line itself.
	if f := m.Offset(start); start == 0 || m.text[start-1] == '\n' {
		if f == m.start || m.fileByte(f-1) == '\n' {
			indentIf(0)
		}
	}
	for i := 0; i < len(text); i++ {
		out = escapeTemplate(out, text, i)
		if text[i] == '\n' {
			indentIf(i + 1)
		}
	}
	return out
}

// fileByte returns the original file byte at offset f.
func (m *Map) fileByte(f int) byte { return m.raw[f-m.start] }
