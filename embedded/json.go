package embedded

import (
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// NewJSON maps the JSON string literal whose content (between the quotes)
// is file[start:end]. It decodes as encoding/json does: an invalid UTF-8
// byte or a lone surrogate becomes U+FFFD.
func NewJSON(file []byte, start, end int) (*Map, error) {
	if start < 0 || end < start || end > len(file) {
		return nil, errors.New("string span outside the file")
	}
	return decodeJSON(file[start:end], start)
}

func decodeJSON(raw []byte, pos int) (*Map, error) {
	b := newBuilder(JSON, raw, pos)
	m := b.m
	sawNonASCII, sawUnicodeEscape := false, false
	i, run := 0, 0
	for i < len(raw) {
		c := raw[i]
		switch {
		case c == '"':
			return nil, fmt.Errorf("unescaped quote at byte %d", pos+i)
		case c < 0x20:
			return nil, fmt.Errorf("control character %#x in a string at byte %d", c, pos+i)
		case c >= utf8.RuneSelf:
			sawNonASCII = true
			if r, size := utf8.DecodeRune(raw[i:]); r == utf8.RuneError && size == 1 {
				b.lit(run, i)
				b.esc(i, i+1, []byte("\uFFFD"))
				i++
				run = i
				continue
			} else {
				i += size
			}
			continue
		case c != '\\':
			i++
			continue
		}
		// An escape.
		b.lit(run, i)
		if i+1 >= len(raw) {
			return nil, fmt.Errorf("unfinished escape at byte %d", pos+i)
		}
		var dec []byte
		n := 2
		switch raw[i+1] {
		case '"', '\\', '/':
			dec = []byte{raw[i+1]}
			if raw[i+1] == '/' {
				m.slashEscape = true
			}
		case 'b':
			dec = []byte{'\b'}
		case 'f':
			dec = []byte{'\f'}
		case 'n':
			dec = []byte{'\n'}
		case 'r':
			dec = []byte{'\r'}
		case 't':
			dec = []byte{'\t'}
		case 'u':
			r, ok := hex4(raw[i+2:])
			if !ok {
				return nil, fmt.Errorf("bad \\u escape at byte %d", pos+i)
			}
			n = 6
			if utf16.IsSurrogate(r) {
				r2, ok2 := rune(0), false
				if i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
					r2, ok2 = hex4(raw[i+8:])
				}
				if d := utf16.DecodeRune(r, r2); ok2 && d != utf8.RuneError {
					r, n = d, 12
				} else {
					r = utf8.RuneError
				}
			}
			switch {
			case r == '<' || r == '>' || r == '&':
				m.htmlEscape = true
			case r >= utf8.RuneSelf && r != utf8.RuneError:
				sawUnicodeEscape = true
			}
			dec = utf8.AppendRune(nil, r)
		default:
			return nil, fmt.Errorf("unknown escape \\%c at byte %d", raw[i+1], pos+i)
		}
		b.esc(i, i+n, dec)
		i += n
		run = i
	}
	b.lit(run, len(raw))
	m.asciiOnly = sawUnicodeEscape && !sawNonASCII
	return m, nil
}

// hex4 reads four hex digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

const hexDigits = "0123456789abcdef"

func appendU4(out []byte, r rune) []byte {
	return append(out, '\\', 'u', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
}

// encodeJSON writes text as the content of a JSON string, in the style the
// original used.
func (m *Map) encodeJSON(text []byte) []byte {
	out := make([]byte, 0, len(text)+8)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		i += size
		switch {
		case r == '"':
			out = append(out, '\\', '"')
		case r == '\\':
			out = append(out, '\\', '\\')
		case r == '\n':
			out = append(out, '\\', 'n')
		case r == '\r':
			out = append(out, '\\', 'r')
		case r == '\t':
			out = append(out, '\\', 't')
		case r < 0x20:
			out = appendU4(out, r)
		case r == '/' && m.slashEscape:
			out = append(out, '\\', '/')
		case (r == '<' || r == '>' || r == '&') && m.htmlEscape:
			out = appendU4(out, r)
		case (r == '\u2028' || r == '\u2029') && m.htmlEscape:
			out = appendU4(out, r)
		case r >= utf8.RuneSelf && m.asciiOnly:
			if r >= 0x10000 {
				r1, r2 := utf16.EncodeRune(r)
				out = appendU4(appendU4(out, r1), r2)
			} else {
				out = appendU4(out, r)
			}
		case r == utf8.RuneError && size == 1:
			out = append(out, "\uFFFD"...)
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}
