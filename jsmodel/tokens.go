package jsmodel

import (
	"strconv"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
)

// Script is shorthand for the lexed script the model reads.
type Script = jsscan.Script

// Span is a token range [From, To) of one script.
type Span struct{ From, To int }

// Empty reports whether the span holds no token.
func (sp Span) Empty() bool { return sp.To <= sp.From }

// ByteSpan returns the file byte range covered by the tokens of sp.
func ByteSpan(s *Script, sp Span) (int, int) {
	return s.Tokens[sp.From].Start, s.Tokens[sp.To-1].End
}

// IsName reports whether token i is an identifier (or a keyword used as a
// property name) spelled name, written by the author rather than produced by
// a Mustache placeholder.
func IsName(s *Script, i int, name string) bool {
	if i < 0 || i >= len(s.Tokens) {
		return false
	}
	t := s.Tokens[i]
	return t.Kind == jsscan.Ident && !t.Templated && s.Is(i, name)
}

// IsAuthorIdent reports whether token i is an identifier the author wrote.
func IsAuthorIdent(s *Script, i int) bool {
	return i >= 0 && i < len(s.Tokens) && s.Tokens[i].Kind == jsscan.Ident && !s.Tokens[i].Templated
}

// IsDot reports whether token i is a member-access dot ('.' or '?.').
func IsDot(s *Script, i int) bool { return s.Is(i, ".") || s.Is(i, "?.") }

// IsProperty reports whether identifier i is a property name after a dot.
func IsProperty(s *Script, i int) bool { return IsDot(s, i-1) }

// StringValue returns the value of a simple string literal token, and
// whether it could be read. Escapes are decoded where Go's rules agree with
// JavaScript's; a literal Go cannot read is reported as unreadable.
func StringValue(s *Script, i int) (string, bool) {
	if i < 0 || i >= len(s.Tokens) || s.Tokens[i].Kind != jsscan.String || s.Tokens[i].Templated {
		return "", false
	}
	text := s.Text(s.Tokens[i])
	if len(text) < 2 {
		return "", false
	}
	body := text[1 : len(text)-1]
	if !strings.ContainsRune(body, '\\') {
		return body, true
	}
	v, err := strconv.Unquote(`"` + strings.ReplaceAll(body, `"`, `\"`) + `"`)
	return v, err == nil
}

// IsStringKey reports whether token i is a string literal with value key
// used as a property name: in bracket access x['key'] or as a quoted key in
// an object literal or pattern { 'key': v }.
func IsStringKey(s *Script, i int, key string) bool {
	v, ok := StringValue(s, i)
	if !ok || v != key {
		return false
	}
	if s.Is(i-1, "[") && s.Is(i+1, "]") {
		return true
	}
	return (s.Is(i-1, "{") || s.Is(i-1, ",")) && s.Is(i+1, ":")
}

// Member returns, for a member access starting at token i (`.name`,
// `?.name` or `['name']`), the token of the name and the index after the
// access, or -1 and i.
func Member(s *Script, i int) (at, next int) {
	switch {
	case IsDot(s, i) && IsAuthorIdent(s, i+1):
		return i + 1, i + 2
	case s.Is(i, "[") && s.Is(i+2, "]") && i+1 < len(s.Tokens) && s.Tokens[i+1].Kind == jsscan.String && !s.Tokens[i+1].Templated:
		return i + 1, i + 3
	case s.Is(i, "?.") && s.Is(i+1, "[") && s.Is(i+3, "]") && i+2 < len(s.Tokens) && s.Tokens[i+2].Kind == jsscan.String && !s.Tokens[i+2].Templated:
		return i + 2, i + 4
	}
	return -1, i
}

// MemberName returns the property name of the access token at (an
// identifier, or a string literal in brackets).
func MemberName(s *Script, at int) string {
	if at < 0 || at >= len(s.Tokens) {
		return ""
	}
	if s.Tokens[at].Kind == jsscan.String {
		v, _ := StringValue(s, at)
		return v
	}
	return s.Text(s.Tokens[at])
}

// CallArgs splits the arguments of the call whose '(' is token open into
// token spans, split at top-level commas. A trailing comma adds no argument.
// ok is false when the parenthesis is unbalanced.
func CallArgs(s *Script, open int) (args []Span, ok bool) {
	close := s.Match(open)
	if close < 0 {
		return nil, false
	}
	from := open + 1
	for i := open + 1; i < close; i++ {
		if m := s.Match(i); m > i {
			i = m
			continue
		}
		if s.Is(i, ",") {
			args = append(args, Span{from, i})
			from = i + 1
		}
	}
	if from < close {
		args = append(args, Span{from, close})
	}
	return args, true
}

// Function is a function's parameters and body as token spans.
type Function struct {
	Params Span
	// Body is the token span inside the braces of a block body, or the
	// expression of an arrow function with an expression body.
	Body       Span
	Expression bool
}

// FunctionAt reads a function expression or arrow function that spans
// exactly sp: `function name?(params) { body }`, `async` variants,
// `param => body` and `(params) => body`.
func FunctionAt(s *Script, sp Span) (Function, bool) {
	fn, end, ok := FunctionFrom(s, sp.From)
	return fn, ok && end == sp.To
}

// MaxExpressionSteps bounds the search for the end of an expression. Real
// callbacks and initializers are short; a chain of thousands of arrows is no
// callback, and following it for each arrow would be quadratic.
const MaxExpressionSteps = 512

// FunctionFrom reads a function expression or arrow function starting at
// token i and returns it with the index just past it.
func FunctionFrom(s *Script, i int) (Function, int, bool) {
	if IsName(s, i, "async") {
		i++
	}
	if s.Is(i, "function") {
		i++
		if s.Is(i, "*") {
			i++
		}
		if i < len(s.Tokens) && s.Tokens[i].Kind == jsscan.Ident {
			i++
		}
		if !s.Is(i, "(") {
			return Function{}, 0, false
		}
		close := s.Match(i)
		if close < 0 || !s.Is(close+1, "{") || s.Match(close+1) < 0 {
			return Function{}, 0, false
		}
		end := s.Match(close + 1)
		return Function{Params: Span{i + 1, close}, Body: Span{close + 2, end}}, end + 1, true
	}
	var params Span
	switch {
	case i < len(s.Tokens) && s.Tokens[i].Kind == jsscan.Ident && s.Is(i+1, "=>"):
		params, i = Span{i, i + 1}, i+2
	case s.Is(i, "(") && s.Match(i) > i && s.Is(s.Match(i)+1, "=>"):
		params, i = Span{i + 1, s.Match(i)}, s.Match(i)+2
	default:
		return Function{}, 0, false
	}
	if s.Is(i, "{") && s.Match(i) > i {
		end := s.Match(i)
		return Function{Params: params, Body: Span{i + 1, end}}, end + 1, true
	}
	end, ok := ExpressionEnd(s, i, MaxExpressionSteps)
	if !ok || end <= i {
		return Function{}, 0, false
	}
	return Function{Params: params, Body: Span{i, end}, Expression: true}, end, true
}

// ExpressionEnd returns the index just past the expression that starts at
// token from: it stops at a top-level ',' ';' or closing bracket, or at a
// line break where a statement can end after a closing brace. It gives up
// (ok false) after maxSteps tokens or bracket groups.
func ExpressionEnd(s *Script, from, maxSteps int) (end int, ok bool) {
	i := from
	for steps := 0; i < len(s.Tokens); steps++ {
		if steps == maxSteps {
			return i, false
		}
		if m := s.Match(i); m > i {
			i = m + 1
			// `var f = function () {...}\nnext()` ends at the brace.
			if i < len(s.Tokens) && s.Tokens[i].NewlineBefore && s.Is(m, "}") && !IsDot(s, i) && !s.Is(i, "(") {
				return i, true
			}
			continue
		}
		if s.Is(i, ",") || s.Is(i, ";") || s.Is(i, ")") || s.Is(i, "]") || s.Is(i, "}") {
			return i, true
		}
		i++
	}
	return i, true
}

// MemberChainEnd returns the index just past the member chain starting at
// token i: a name followed by .name, ?.name and [...] accesses. Calls end
// the chain. It returns i when no name starts there.
func MemberChainEnd(s *Script, i int) int {
	if i >= len(s.Tokens) || s.Tokens[i].Kind != jsscan.Ident {
		return i
	}
	i++
	for i < len(s.Tokens) {
		switch {
		case IsDot(s, i) && i+1 < len(s.Tokens) && s.Tokens[i+1].Kind == jsscan.Ident:
			i += 2
		case s.Is(i, "[") && s.Match(i) > i:
			i = s.Match(i) + 1
		default:
			return i
		}
	}
	return i
}

// EndsExpression reports whether token i cannot continue the expression
// before it: a terminator, a closing bracket, a line break, or the end.
func EndsExpression(s *Script, i int) bool {
	if i >= len(s.Tokens) || s.Tokens[i].NewlineBefore && !ContinuesExpression(s, i) {
		return true
	}
	return s.Is(i, ";") || s.Is(i, ",") || s.Is(i, ")") || s.Is(i, "}") || s.Is(i, "]")
}

// ContinuesExpression reports whether token j, at the start of a line,
// continues the expression of the line before (a leading operator or dot).
func ContinuesExpression(s *Script, j int) bool {
	t := s.Tokens[j]
	if t.Kind != jsscan.Punct {
		return false
	}
	switch s.Text(t) {
	case "(", "[", "{", "!", "~", "++", "--":
		return false
	}
	return true
}

// KeyIs reports whether the key token k (an identifier or a string literal)
// is name, without allocating for an identifier.
func KeyIs(s *Script, k int, name string) bool {
	if k < 0 || k >= len(s.Tokens) {
		return false
	}
	if s.Tokens[k].Kind == jsscan.String {
		v, ok := StringValue(s, k)
		return ok && v == name
	}
	return s.Is(k, name)
}
