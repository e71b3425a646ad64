package jsscan

import (
	"unsafe"

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
	// Templated is set when the token overlaps a template tag (Mustache or
	// a server tag): its text is (partly) a placeholder, not the author's
	// code.
	Templated bool
}

// Script is the JavaScript content of one inline <script> element (or of a
// whole JavaScript or TypeScript file), lexed.
type Script struct {
	// Span is the script's content in the file.
	Span
	// Element is the <script> start tag; nil for a whole script file.
	Element *Element
	// Code is the content with every template tag (Mustache or server tag)
	// replaced by a placeholder of the same length; Code[i] is the byte at
	// file offset Start+i. It must not be modified: Text shares its bytes.
	Code []byte
	// Tokens are the significant tokens in order; offsets are file offsets.
	// The markup of JSX elements yields no tokens: only the JavaScript in
	// their {...} containers does.
	Tokens []Token
	// Comments are the spans of the script's comments, including those
	// in JSX tags and containers.
	Comments []Span
	// JSX holds the spans of the outermost JSX elements, in order.
	JSX []Span
	// ServerTags holds the server tags that overlap the script: those the
	// caller passed in, and those found in the code (see
	// ScriptOptions.FindServerTags), in order.
	ServerTags []ServerTag
	// LexErrors counts tokens the lexer could not read, and JSX elements
	// left open at the end of the script; the scan went on after each,
	// unless a script made mostly of errors made it give up and leave the
	// rest as one Invalid token.
	LexErrors int

	match []int32 // index of the matching bracket token, or -1
	// text is Code as a string sharing its bytes, so that Text hands out
	// token texts without copying: rules ask for them hundreds of
	// thousands of times in a corpus. Code is never written after the scan.
	text string
}

// ScriptOptions says which syntax a script is read as, and which template
// tags are mixed into it. The zero value reads plain JavaScript, as a
// browser runs it.
type ScriptOptions struct {
	// JSX reads a '<' where an expression may start, followed by a name or
	// '>', as a JSX element.
	JSX bool
	// TypeScript reads TypeScript: a '!' right after an operand is a
	// non-null assertion (a '/' after it is a division), and in JSX mode
	// <T,> and <T extends U> are type parameters, not elements.
	TypeScript bool
	// Decorators reads '@' as a punctuator (TypeScript and Babel
	// decorators: @Component({...})) rather than as a lexer error.
	Decorators bool
	// FindServerTags looks for EJS tags (<% %>) and Thymeleaf inlined
	// expressions ([[${...}]]) where a token may start (never inside a
	// string, comment or template literal), masks them like the tags
	// passed in, and records them in Script.ServerTags. Neither can start
	// valid JavaScript, TypeScript or JSX.
	FindServerTags bool
	// Mustache and ServerTags are the file's tags, found by a flat scan;
	// those that overlap the script are masked before it is lexed.
	Mustache   []MustacheTag
	ServerTags []ServerTag
}

// Text returns the token's source text (with template placeholders).
func (s *Script) Text(t Token) string {
	worked(1)
	if len(s.text) != len(s.Code) { // a Script not made by ScanScriptWith
		return string(s.Code[t.Start-s.Start : t.End-s.Start])
	}
	return s.text[t.Start-s.Start : t.End-s.Start]
}

// Bytes returns the token's source bytes without copying.
func (s *Script) Bytes(t Token) []byte {
	worked(1)
	return s.Code[t.Start-s.Start : t.End-s.Start]
}

// Is reports whether token i exists and has exactly the given text.
func (s *Script) Is(i int, text string) bool {
	worked(1)
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
	worked(1)
	if i < 0 || i >= len(s.match) {
		return -1
	}
	return int(s.match[i])
}

// ScanScript lexes code, the bytes found at file offset base, as plain
// JavaScript. el is the <script> element it came from (nil for a JavaScript
// file), and tags the file's Mustache tags (only those inside the script
// are used). It is ScanScriptWith with only Mustache tags set.
func ScanScript(code []byte, base int, el *Element, tags []MustacheTag) *Script {
	return ScanScriptWith(code, base, el, ScriptOptions{Mustache: tags})
}

// ScanScriptWith lexes code, the bytes found at file offset base, as the
// syntax opts names. el is the <script> element it came from (nil for a
// script file).
func ScanScriptWith(code []byte, base int, el *Element, opts ScriptOptions) *Script {
	s := &Script{Span: Span{base, base + len(code)}, Element: el}
	// Copy with room for the NUL that parse.NewInputBytes appends.
	s.Code = make([]byte, len(code), len(code)+1)
	copy(s.Code, code)
	s.text = unsafe.String(unsafe.SliceData(s.Code), len(s.Code))
	holes, tags := holesIn(s.Start, s.End, opts.Mustache, opts.ServerTags)
	maskHoles(s.Code, base, holes)
	s.ServerTags = tags
	// Scripts average a token per five to eight bytes: room for most of
	// them up front saves the copies of growing the slice many times.
	s.Tokens = make([]Token, 0, len(code)/8+8)
	found := s.lex(&opts)
	if len(found) > 0 {
		foundHoles := make([]hole, len(found))
		for i, t := range found {
			foundHoles[i] = hole{t.Span, t.Output}
		}
		holes = mergeByStart(holes, foundHoles, func(h hole) int { return h.Start })
		s.ServerTags = mergeByStart(s.ServerTags, found, func(t ServerTag) int { return t.Start })
	}
	markTemplated(s.Tokens, holes)
	s.match = matchBrackets(s)
	return s
}

// mergeByStart merges two lists, each in order of start, into one.
func mergeByStart[T any](a, b []T, start func(T) int) []T {
	if len(a) == 0 {
		return b
	}
	out := make([]T, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if start(a[0]) <= start(b[0]) {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// markTemplated marks the tokens that overlap a hole; holes are in order
// of their start and may overlap each other.
func markTemplated(tokens []Token, holes []hole) {
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

// contextualWord reports whether a word is reserved only in some
// positions; elsewhere it is a plain identifier (`var of = 1`, `x.get`),
// which is how rules see it. A switch, not a map: the lexer asks for
// every keyword, and a switch on a string compares lengths first instead
// of hashing.
func contextualWord(w string) bool {
	switch w {
	case "as", "async", "from", "get", "meta", "of", "set", "target",
		"implements", "interface", "package", "private", "protected", "public":
		return true
	}
	return false
}

// add appends a token; a keyword after '.' or '?.' is a property name.
func (s *Script) add(t Token) {
	if t.Kind == Keyword {
		if n := len(s.Tokens); contextualWord(s.Text(t)) || n > 0 && (s.Is(n-1, ".") || s.Is(n-1, "?.")) {
			t.Kind = Ident
		}
	}
	if len(s.Tokens) == cap(s.Tokens) {
		s.Tokens = append(make([]Token, 0, s.tokenRoom(t.End)), s.Tokens...)
	}
	s.Tokens = append(s.Tokens, t)
	worked(1)
}

// tokenRoom returns the capacity to grow a full token slice to, when the
// lexer has read up to file offset at: the tokens so far, scaled to the
// whole script at the density read so far, and a sixteenth more. append
// grows a big slice by a quarter at a time, which copied a 20 MB bundle's
// tokens about ten times over, and doubling leaves up to half the slice
// unused at the end, the biggest thing a big script holds; an estimate
// from the density usually needs one copy and fits closely.
func (s *Script) tokenRoom(at int) int {
	n := len(s.Tokens)
	grow := n/4 + 64
	if read, rest := at-s.Start, s.End-at; read > 0 && rest > 0 {
		grow = max(grow, int(int64(n)*int64(rest)/int64(read))+n/16)
	}
	return n + grow
}

// regexpAllowed reports whether a '/' after the tokens so far starts a
// regular expression rather than a division: whether an expression may
// start here.
func (s *Script) regexpAllowed() bool {
	if len(s.Tokens) == 0 {
		return true
	}
	return !s.endsExpression(s.Tokens[len(s.Tokens)-1])
}

// endsExpression reports whether an expression may end with token t, so
// that a '/' after it is a division.
func (s *Script) endsExpression(t Token) bool {
	switch t.Kind {
	case Ident, Number, String, Template, TemplateTail, Regexp, PrivateName:
		return true
	case Keyword:
		// `this`, `super` and literals end an expression; other keywords
		// (return, typeof, in, ...) expect one.
		switch s.Text(t) {
		case "this", "super", "null", "true", "false":
			return true
		}
		return false
	case Punct:
		switch s.Text(t) {
		case ")", "]", "}", "++", "--":
			return true
		}
		return false
	}
	return false
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
