package jsscan

import (
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
	// after each.
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
// unbalanced. For a template middle (}...${), which both closes and opens a
// substitution, it returns the head or middle before it.
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
	for _, t := range tags {
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
func (s *Script) lex() {
	in := parse.NewInputBytes(s.Code)
	l := js.NewLexer(in)
	newline := false
	for {
		start := in.Offset()
		if start >= len(s.Code) {
			// Stop before the lexer reads past the NUL it was given as the
			// end: after an error it can step over it ("#" at the end).
			return
		}
		tt, text := l.Next()
		if (tt == js.DivToken || tt == js.DivEqToken) && s.regexpAllowed() {
			tt, text = l.RegExp()
		}
		switch tt {
		case js.ErrorToken:
			s.LexErrors++
			s.add(Token{Span: s.recover(in, start), Kind: Invalid, NewlineBefore: newline})
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

// recover skips what the lexer could not read, starting at start, and
// returns its file span. The lexer leaves an unterminated string at the line
// break and an unterminated comment or template at the end; it always moves
// at least one byte so the scan ends.
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
	var stack []int32
	for i, t := range s.Tokens {
		match[i] = -1
		open, close := bracketRole(s, t)
		if close != 0 {
			// Pop to the nearest opener of the same family; openers left
			// in between are unbalanced and stay unmatched.
			for k := len(stack) - 1; k >= 0; k-- {
				o := stack[k]
				oo, _ := bracketRole(s, s.Tokens[o])
				if oo == close {
					// A middle token keeps its link back to the piece
					// before it; the piece after it links back to it.
					if s.Tokens[o].Kind != TemplateMiddle {
						match[o] = int32(i)
					}
					match[i] = o
					stack = stack[:k]
					break
				}
			}
		}
		if open != 0 {
			stack = append(stack, int32(i))
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
