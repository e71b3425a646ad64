// Package floor is the yardstick of the benchmarks: the two tokenizers
// tmpllint builds on (golang.org/x/net/html and the tdewolff JavaScript
// lexer) over the same bytes, and nothing else. tmpllint's throughput is
// measured against it in the same run.
package floor

import (
	"bytes"
	"errors"
	"io"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/net/html"
)

// HTML runs the two tokenizers tmpllint builds on, and nothing else:
// golang.org/x/net/html over the file and the tdewolff JavaScript lexer over
// each inline script. It returns the number of tokens.
func HTML(content []byte) int {
	n := 0
	z := html.NewTokenizer(bytes.NewReader(content))
	offset := 0
	inScript := false
	for {
		tt := z.Next()
		raw := z.Raw()
		start := offset
		offset += len(raw)
		n++
		switch tt {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				panic(z.Err())
			}
			return n
		case html.StartTagToken:
			name, _ := z.TagName()
			inScript = string(name) == "script"
			continue
		case html.TextToken:
			if inScript {
				// A full slice expression makes the lexer copy instead of
				// writing its NUL terminator into content.
				n += JS(content[start:offset:offset])
			}
		}
		inScript = false
	}
}

// JS lexes code with the tdewolff lexer, telling it where a '/' starts
// a regular expression as simply as can be, and going on after errors. Each
// lexer error costs it a copy of its input, so the benchmark inputs must
// lex without errors.
func JS(code []byte) int {
	in := parse.NewInputBytes(code)
	l := js.NewLexer(in)
	n := 0
	prev := js.ErrorToken
	for in.Offset() < len(code) {
		tt, _ := l.Next()
		if (tt == js.DivToken || tt == js.DivEqToken) && regexpAfter(prev) {
			tt, _ = l.RegExp()
		}
		switch tt {
		case js.WhitespaceToken, js.LineTerminatorToken, js.CommentToken, js.CommentLineTerminatorToken:
			continue
		case js.ErrorToken:
			if in.Offset() >= len(code) {
				return n
			}
		}
		prev = tt
		n++
	}
	return n
}

// regexpAfter reports whether a '/' after token tt starts a regular
// expression.
func regexpAfter(tt js.TokenType) bool {
	switch {
	case tt == js.IdentifierToken, tt == js.StringToken, tt == js.TemplateToken, tt == js.TemplateEndToken,
		tt == js.RegExpToken, tt == js.PrivateIdentifierToken, js.IsNumeric(tt),
		tt == js.CloseParenToken, tt == js.CloseBracketToken, tt == js.CloseBraceToken,
		tt == js.IncrToken, tt == js.DecrToken, tt == js.ThisToken, tt == js.SuperToken,
		tt == js.NullToken, tt == js.TrueToken, tt == js.FalseToken:
		return false
	}
	return true
}
