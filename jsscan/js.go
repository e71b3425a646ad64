package jsscan

import (
	"bytes"
	"sort"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// Kind classifies a JavaScript token.
type Kind uint8

// Token kinds. Comments and white space are not tokens here; comments are
// kept apart in Script.Comments.
const (
	Invalid        Kind = iota // bytes the lexer could not read (an unterminated string, say)
	Ident                      // identifier, including keywords used as property names
	Keyword                    // reserved word in keyword position: var, function, new, return, ...
	Punct                      // punctuator or operator
	String                     // '...' or "..."
	Template                   // a whole template literal without substitutions, `...`
	TemplateHead               // `...${
	TemplateMiddle             // }...${
	TemplateTail               // }...`
	Regexp                     // /.../flags
	Number                     // numeric literal
	PrivateName                // #name
)

var kindNames = [...]string{"invalid", "ident", "keyword", "punct", "string", "template", "template-head", "template-middle", "template-tail", "regexp", "number", "private-name"}

func (k Kind) String() string { return kindNames[k] }

// IsLiteralText reports whether the token is string-like: its content is
// data, not code.
func (k Kind) IsLiteralText() bool {
	return k == String || k == Template || k == TemplateHead || k == TemplateMiddle || k == TemplateTail || k == Regexp
}

// Token is one significant JavaScript token.
type Token struct {
	Span
	Kind Kind
	// NewlineBefore is set when a line terminator (or a comment holding
	// one) separates this token from the previous one; automatic semicolon
	// insertion depends on it.
	NewlineBefore bool
	// Templated is set when the token overlaps a Mustache tag: its text is
	// (partly) a placeholder, not the author's code.
	Templated bool
}

// Script is the JavaScript content of one inline <script> element (or of a
// whole JavaScript file), lexed.
type Script struct {
	// Span is the script's content in the file.
	Span
	// Element is the <script> start tag; nil for a whole JavaScript file.
	Element *Element
	// Code is the content with every Mustache tag replaced by a placeholder
	// of the same length; Code[i] is the byte at file offset Start+i.
	Code []byte
	// Tokens are the significant tokens in order; offsets are file offsets.
	Tokens []Token
	// Comments are the spans of the script's comments.
	Comments []Span
	// LexErrors counts tokens the lexer could not read; the scan went on
	// after each, unless a script made mostly of errors made it give up and
	// leave the rest as one Invalid token.
	LexErrors int

	match []int32 // index of the matching bracket token, or -1
}

// Text returns the token's source text (with Mustache placeholders).
func (s *Script) Text(t Token) string { return string(s.Code[t.Start-s.Start : t.End-s.Start]) }

// Bytes returns the token's source bytes without copying.
func (s *Script) Bytes(t Token) []byte { return s.Code[t.Start-s.Start : t.End-s.Start] }

// Is reports whether token i exists and has exactly the given text.
func (s *Script) Is(i int, text string) bool {
	if i < 0 || i >= len(s.Tokens) {
		return false
	}
	t := s.Tokens[i]
	return t.End-t.Start == len(text) && string(s.Code[t.Start-s.Start:t.End-s.Start]) == text
}

// Match returns the index of the bracket token that closes or opens token i
// ((), [], {} and template substitutions), or -1 when i is no bracket or is
// unbalanced. A template literal with substitutions is one group: its head
// (`...${) matches its tail (}...`), and a middle (}...${) returns the head.
func (s *Script) Match(i int) int {
	if i < 0 || i >= len(s.match) {
		return -1
	}
	return int(s.match[i])
}

// ScanScript lexes code, the bytes found at file offset base, as JavaScript.
// el is the <script> element it came from (nil for a JavaScript file), and
// tags the file's Mustache tags (only those inside the script are used).
func ScanScript(code []byte, base int, el *Element, tags []MustacheTag) *Script {
	s := &Script{Span: Span{base, base + len(code)}, Element: el}
	s.Code, s.Tokens = maskMustache(code, base, tags)
	holes := s.Tokens // maskMustache returns the placeholder spans as tokens
	s.Tokens = nil
	s.lex()
	markTemplated(s.Tokens, holes)
	s.match = matchBrackets(s)
	return s
}

// maskMustache returns a copy of code in which each Mustache tag is replaced
// by a same-length placeholder, and the tags' spans. A tag that outputs text
// becomes a run of '_' (an identifier in code, harmless text in a string);
// sections and comments, which render nothing, become spaces. Line breaks
// inside a tag are kept so that line-based reasoning (automatic semicolon
// insertion) still holds.
func maskMustache(code []byte, base int, tags []MustacheTag) ([]byte, []Token) {
	var holes []Token
	var out []byte
	// Tags are in order and do not overlap: skip to the first one that ends
	// inside the script, so that a file with many scripts and many tags is
	// not scanned once per script.
	first := sort.Search(len(tags), func(i int) bool { return tags[i].End > base })
	for _, t := range tags[first:] {
		if t.Start >= base+len(code) {
			break
		}
		start, end := max(t.Start, base), min(t.End, base+len(code))
		if start >= end {
			continue
		}
		if out == nil {
			// Copy with room for the NUL that parse.NewInputBytes appends.
			out = make([]byte, len(code), len(code)+1)
			copy(out, code)
		}
		fill := byte(' ')
		if t.Kind.Outputs() {
			fill = '_'
		}
		for i := start - base; i < end-base; i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = fill
			}
		}
		holes = append(holes, Token{Span: Span{start, end}})
	}
	if out == nil {
		out = make([]byte, len(code), len(code)+1)
		copy(out, code)
	}
	return out, holes
}

func markTemplated(tokens []Token, holes []Token) {
	j := 0
	for i := range tokens {
		for j < len(holes) && holes[j].End <= tokens[i].Start {
			j++
		}
		if j < len(holes) && holes[j].Start < tokens[i].End {
			tokens[i].Templated = true
		}
	}
}

// lex runs the tdewolff lexer over s.Code. The lexer only knows a '/' is a
// regular expression when told so; lex tells it by the previous token, as
// JavaScript tools without a parser do. After a lexer error (an unterminated
// string or comment) it records the unread bytes as an Invalid token and goes
// on from there, so one broken line does not hide the rest of the script.
//
// Each lexer error costs the lexer a copy of its whole input and a walk to
// the end of the error's line (for a message with line, column and context
// that lex does not use). So that a script full of errors does not take
// quadratic time, lex reads unterminated strings, the common error, itself,
// and stops lexing, leaving the rest of the script as one Invalid token, once
// errors have cost more than errorWorkPerByte times the script's size.
func (s *Script) lex() {
	in := parse.NewInputBytes(s.Code)
	l := js.NewLexer(in)
	budget := errorWorkPerByte*len(s.Code) + errorWorkBase
	nextBreak := -1 // the first line break at or after the last error, or len(s.Code)
	newline := false
	for {
		start := in.Offset()
		if start >= len(s.Code) {
			// Stop before the lexer reads past the NUL it was given as the
			// end: after an error it can step over it ("#" at the end).
			return
		}
		if budget < 0 {
			s.LexErrors++
			s.add(Token{Span: Span{s.Start + start, s.End}, Kind: Invalid, NewlineBefore: newline})
			return
		}
		if c := s.Code[start]; c == '\'' || c == '"' {
			if end := unterminatedString(s.Code[start:]); end >= 0 {
				// What the lexer would return, without its error: the
				// string up to the line break, which comes next.
				s.LexErrors++
				s.add(Token{Span: Span{s.Start + start, s.Start + start + end}, Kind: Invalid, NewlineBefore: newline})
				in.Move(end)
				in.Skip()
				newline = false
				continue
			}
		}
		tt, text := l.Next()
		if (tt == js.DivToken || tt == js.DivEqToken) && s.regexpAllowed() {
			tt, text = l.RegExp()
		}
		switch tt {
		case js.ErrorToken:
			s.LexErrors++
			span := s.recover(in, start)
			if nextBreak < span.End-s.Start {
				nextBreak = len(s.Code)
				if k := bytes.IndexAny(s.Code[span.End-s.Start:], "\n\r"); k >= 0 {
					nextBreak = span.End - s.Start + k
				}
			}
			budget -= len(s.Code) + nextBreak
			s.add(Token{Span: span, Kind: Invalid, NewlineBefore: newline})
		case js.WhitespaceToken:
			continue
		case js.LineTerminatorToken, js.CommentLineTerminatorToken:
			if tt == js.CommentLineTerminatorToken {
				s.Comments = append(s.Comments, Span{s.Start + start, s.Start + start + len(text)})
			}
			newline = true
			continue
		case js.CommentToken:
			// A line comment ends before the line break, which comes next
			// as its own token.
			s.Comments = append(s.Comments, Span{s.Start + start, s.Start + start + len(text)})
			continue
		default:
			s.add(Token{Span: Span{s.Start + start, s.Start + start + len(text)}, Kind: kindOf(tt), NewlineBefore: newline})
		}
		newline = false
	}
}

// The error budget of lex: bytes the lexer may copy and walk to report
// errors, per byte of script and in all.
const (
	errorWorkPerByte = 64
	errorWorkBase    = 1 << 20
)

// unterminatedString returns, for code that starts with a quote, where the
// lexer reports the string unterminated: at the first line break or at the
// end. It returns -1 for a string the lexer reads. It follows the lexer: a
// backslash escapes the quote, a backslash and a line break (CR LF, U+2028,
// U+2029 too), and U+2028 and U+2029 may stand in a string.
func unterminatedString(code []byte) int {
	quote := code[0]
	for i := 1; i < len(code); {
		switch c := code[i]; c {
		case quote:
			return -1
		case '\n', '\r':
			return i
		case '\\':
			i++
			if n := lineTerminator(code[i:]); n > 0 {
				i += n
			} else if i < len(code) && (code[i] == quote || code[i] == '\\') {
				i++
			}
		default:
			i++
		}
	}
	return len(code)
}

// lineTerminator returns the length of the line terminator code starts
// with, as the lexer reads it, or 0.
func lineTerminator(code []byte) int {
	switch {
	case len(code) == 0:
		return 0
	case code[0] == '\n':
		return 1
	case code[0] == '\r':
		if len(code) > 1 && code[1] == '\n' {
			return 2
		}
		return 1
	case len(code) >= 3 && code[0] == 0xE2 && code[1] == 0x80 && (code[2] == 0xA8 || code[2] == 0xA9):
		return 3
	}
	return 0
}

// recover skips what the lexer could not read, starting at start, and
// returns its file span. The lexer leaves an unterminated string at the line
// break and an unterminated comment or template at the end; it always moves
// at least one byte so the scan ends, and never past the end.
func (s *Script) recover(in *parse.Input, start int) Span {
	if in.Offset() <= start {
		in.Move(start + 1 - in.Offset())
	}
	in.Skip()
	return Span{s.Start + start, s.Start + min(in.Offset(), len(s.Code))}
}

// contextualWords are reserved only in some positions; elsewhere they are
// plain identifiers (`var of = 1`, `x.get`), which is how rules see them.
var contextualWords = map[string]bool{
	"as": true, "async": true, "from": true, "get": true, "meta": true, "of": true, "set": true, "target": true,
	"implements": true, "interface": true, "package": true, "private": true, "protected": true, "public": true,
}

// add appends a token; a keyword after '.' or '?.' is a property name.
func (s *Script) add(t Token) {
	if t.Kind == Keyword {
		if n := len(s.Tokens); contextualWords[s.Text(t)] || n > 0 && (s.Is(n-1, ".") || s.Is(n-1, "?.")) {
			t.Kind = Ident
		}
	}
	s.Tokens = append(s.Tokens, t)
}

// regexpAllowed reports whether a '/' after the tokens so far starts a
// regular expression rather than a division.
func (s *Script) regexpAllowed() bool {
	if len(s.Tokens) == 0 {
		return true
	}
	prev := s.Tokens[len(s.Tokens)-1]
	switch prev.Kind {
	case Ident, Number, String, Template, TemplateTail, Regexp, PrivateName:
		return false
	case Keyword:
		// `this`, `super` and literals end an expression; other keywords
		// (return, typeof, in, ...) expect one.
		switch s.Text(prev) {
		case "this", "super", "null", "true", "false":
			return false
		}
		return true
	case Punct:
		switch s.Text(prev) {
		case ")", "]", "}", "++", "--":
			return false
		}
		return true
	}
	return true
}

func kindOf(tt js.TokenType) Kind {
	switch {
	case tt == js.IdentifierToken:
		return Ident
	case tt == js.StringToken:
		return String
	case tt == js.TemplateToken:
		return Template
	case tt == js.TemplateStartToken:
		return TemplateHead
	case tt == js.TemplateMiddleToken:
		return TemplateMiddle
	case tt == js.TemplateEndToken:
		return TemplateTail
	case tt == js.RegExpToken:
		return Regexp
	case tt == js.PrivateIdentifierToken:
		return PrivateName
	case js.IsNumeric(tt):
		return Number
	case js.IsPunctuator(tt) || js.IsOperator(tt):
		return Punct
	case js.IsIdentifierName(tt):
		return Keyword
	}
	return Invalid
}

// matchBrackets pairs (), [], {} and template substitution tokens. A
// template head or middle opens a substitution that the next middle or tail
// at the same depth closes. Unbalanced brackets stay -1: a broken script
// still yields pairs for the parts that balance.
func matchBrackets(s *Script) []int32 {
	match := make([]int32, len(s.Tokens))
	type opener struct {
		index  int32
		family byte
	}
	var stack []opener
	// open counts the stack's openers by family, so that a closer with no
	// opener of its family does not search the whole stack: a run of such
	// closers would take quadratic time.
	var open [256]int
	for i, t := range s.Tokens {
		match[i] = -1
		opens, closes := bracketRole(s, t)
		if closes != 0 && open[closes] > 0 {
			// Pop to the nearest opener of the same family; openers left
			// in between are unbalanced and stay unmatched.
			k := len(stack) - 1
			for stack[k].family != closes {
				k--
			}
			o := stack[k].index
			// Every piece of a template links to its head, and the head to
			// its tail: skipping from the head skips the whole literal. A
			// middle closes one substitution and opens the next, so the
			// head stays on the stack in its place.
			if t.Kind == TemplateMiddle {
				match[i] = o
				for _, p := range stack[k+1:] {
					open[p.family]--
				}
				stack = stack[:k+1]
				continue
			}
			match[o], match[i] = int32(i), o
			for _, p := range stack[k:] {
				open[p.family]--
			}
			stack = stack[:k]
		}
		if opens != 0 {
			stack = append(stack, opener{int32(i), opens})
			open[opens]++
		}
	}
	return match
}

// bracketRole returns which bracket family a token opens and closes: '(' ,
// '[', '{', or '$' for template substitutions (a middle token does both).
func bracketRole(s *Script, t Token) (open, close byte) {
	switch t.Kind {
	case Punct:
		if t.Len() == 1 {
			switch c := s.Code[t.Start-s.Start]; c {
			case '(', '[', '{':
				return c, 0
			case ')':
				return 0, '('
			case ']':
				return 0, '['
			case '}':
				return 0, '{'
			}
		}
	case TemplateHead:
		return '$', 0
	case TemplateMiddle:
		return '$', '$'
	case TemplateTail:
		return 0, '$'
	}
	return 0, 0
}
