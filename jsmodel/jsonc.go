package jsmodel

import (
	"bytes"
	"errors"
)

// This file reads JSON with comments (JSONC), the dialect of
// tsconfig.json and jsconfig.json: TypeScript's own reader accepts
// `// line` and `/* block */` comments and a comma before a closing
// bracket, and so do the configurations apps are written with.

// errJSONC is the one error of StandardJSON: a block comment or a string
// that does not end. What is left is for encoding/json to judge.
var errJSONC = errors.New("unterminated comment or string")

// StandardJSON returns JSONC as standard JSON of the same length: a byte
// order mark, each comment and each trailing comma become spaces (a
// comment's line breaks are kept), so that an offset in the result is the
// same offset in the input. Strings are copied as written, escapes and
// all. Input that is already standard JSON comes back unchanged. The
// result is not validated: encoding/json does that.
func StandardJSON(in []byte) ([]byte, error) {
	out := bytes.Clone(in)
	i := 0
	if bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
		copy(out, "   ")
		i = 3
	}
	// comma is the offset of the last comma outside strings not yet
	// followed by a value, -1 for none, several for two or more.
	const several = -2
	comma := -1
	for i < len(out) {
		switch c := out[i]; {
		case c == '"':
			end := stringEnd(out, i)
			if end < 0 {
				return nil, errJSONC
			}
			comma, i = -1, end
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for ; i < len(out) && out[i] != '\n' && out[i] != '\r'; i++ {
				out[i] = ' '
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			end := bytes.Index(out[i+2:], []byte("*/"))
			if end < 0 {
				return nil, errJSONC
			}
			end += i + 4
			for ; i < end; i++ {
				if out[i] != '\n' && out[i] != '\r' {
					out[i] = ' '
				}
			}
		case c == ',' && comma != -1:
			// [1,,] is no JSONC either: its commas stay for
			// encoding/json to reject.
			comma, i = several, i+1
		case c == ',':
			comma, i = i, i+1
		case c == '}' || c == ']':
			if comma >= 0 {
				out[comma] = ' '
			}
			comma, i = -1, i+1
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		default:
			comma, i = -1, i+1
		}
	}
	return out, nil
}

// stringEnd returns the offset after the string whose opening quote is at
// b[open], or -1 when it does not end. A line break ends no JSON string,
// but encoding/json reports that better than this reader.
func stringEnd(b []byte, open int) int {
	for i := open + 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}
