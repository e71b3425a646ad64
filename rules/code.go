package rules

import (
	"strconv"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// script is shorthand for the lexed inline script rules walk over.
type script = jsscan.Script

// span is a token range [from, to) of one script.
type span struct{ from, to int }

func (sp span) empty() bool { return sp.to <= sp.from }

// byteSpan returns the file byte range covered by the tokens of sp.
func byteSpan(s *script, sp span) (int, int) {
	return s.Tokens[sp.from].Start, s.Tokens[sp.to-1].End
}

// isName reports whether token i is an identifier (or a keyword used as a
// property name) spelled name, written by the author rather than produced by
// a Mustache placeholder.
func isName(s *script, i int, name string) bool {
	if i < 0 || i >= len(s.Tokens) {
		return false
	}
	t := s.Tokens[i]
	return t.Kind == jsscan.Ident && !t.Templated && s.Is(i, name)
}

// isDot reports whether token i is a member-access dot ('.' or '?.').
func isDot(s *script, i int) bool { return s.Is(i, ".") || s.Is(i, "?.") }

// isProperty reports whether identifier i is a property name after a dot.
func isProperty(s *script, i int) bool { return isDot(s, i-1) }

// stringValue returns the value of a simple string literal token, and
// whether it could be read. Escapes are decoded where Go's rules agree with
// JavaScript's; a literal Go cannot read is reported as unreadable.
func stringValue(s *script, i int) (string, bool) {
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

// isStringKey reports whether token i is a string literal with value key
// used as a property name: in bracket access x['key'] or as a quoted key in
// an object literal or pattern { 'key': v }.
func isStringKey(s *script, i int, key string) bool {
	v, ok := stringValue(s, i)
	if !ok || v != key {
		return false
	}
	if s.Is(i-1, "[") && s.Is(i+1, "]") {
		return true
	}
	return (s.Is(i-1, "{") || s.Is(i-1, ",")) && s.Is(i+1, ":")
}

// propertyAt reports whether a member access of property name starts at
// token i: `.name`, `?.name` or `['name']`. It returns the index after the
// access and the token where the name itself is.
func propertyAt(s *script, i int, name string) (next, at int, ok bool) {
	if isDot(s, i) && isName(s, i+1, name) {
		return i + 2, i + 1, true
	}
	if s.Is(i, "[") && isStringKey(s, i+1, name) {
		return i + 3, i + 1, true
	}
	if s.Is(i, "?.") && s.Is(i+1, "[") && isStringKey(s, i+2, name) {
		return i + 4, i + 2, true
	}
	return 0, 0, false
}

// callArgs splits the arguments of the call whose '(' is token open into
// token spans, split at top-level commas. A trailing comma adds no argument.
// ok is false when the parenthesis is unbalanced.
func callArgs(s *script, open int) (args []span, ok bool) {
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
			args = append(args, span{from, i})
			from = i + 1
		}
	}
	if from < close {
		args = append(args, span{from, close})
	}
	return args, true
}

// function is a function's parameters and body as token spans.
type function struct {
	params span
	// body is the token span inside the braces of a block body, or the
	// expression of an arrow function with an expression body.
	body       span
	expression bool
}

// functionAt reads a function expression or arrow function that spans
// exactly sp: `function name?(params) { body }`, `async` variants,
// `param => body` and `(params) => body`.
func functionAt(s *script, sp span) (function, bool) {
	fn, end, ok := functionFrom(s, sp.from)
	return fn, ok && end == sp.to
}

// maxExpressionSteps bounds the search for the end of an arrow function's
// expression body. Real callbacks are short; a chain of thousands of arrows
// is no callback, and following it for each arrow would be quadratic.
const maxExpressionSteps = 512

// functionFrom reads a function expression or arrow function starting at
// token i and returns it with the index just past it.
func functionFrom(s *script, i int) (function, int, bool) {
	if isName(s, i, "async") {
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
			return function{}, 0, false
		}
		close := s.Match(i)
		if close < 0 || !s.Is(close+1, "{") || s.Match(close+1) < 0 {
			return function{}, 0, false
		}
		end := s.Match(close + 1)
		return function{params: span{i + 1, close}, body: span{close + 2, end}}, end + 1, true
	}
	var params span
	switch {
	case i < len(s.Tokens) && s.Tokens[i].Kind == jsscan.Ident && s.Is(i+1, "=>"):
		params, i = span{i, i + 1}, i+2
	case s.Is(i, "(") && s.Match(i) > i && s.Is(s.Match(i)+1, "=>"):
		params, i = span{i + 1, s.Match(i)}, s.Match(i)+2
	default:
		return function{}, 0, false
	}
	if s.Is(i, "{") && s.Match(i) > i {
		end := s.Match(i)
		return function{params: params, body: span{i + 1, end}}, end + 1, true
	}
	end, ok := expressionEnd(s, i, maxExpressionSteps)
	if !ok || end <= i {
		return function{}, 0, false
	}
	return function{params: params, body: span{i, end}, expression: true}, end, true
}

// declared is a function the page declares by name.
type declared struct {
	script *script
	fn     function
}

type declaredKey struct{}

// declaredFunctions indexes the functions the file declares by name, in any
// of its scripts: `function name(...) {...}` and `var|let|const name =
// <function expression or arrow>`. The first declaration of a name wins, as
// function hoisting makes it visible everywhere. Built once per file.
func declaredFunctions(f *lint.File) map[string]declared {
	return f.Memo(declaredKey{}, func() any {
		index := map[string]declared{}
		for _, s := range f.Doc.Scripts {
			for i := range s.Tokens {
				if s.Tokens[i].Kind != jsscan.Ident || s.Tokens[i].Templated || isProperty(s, i) {
					continue
				}
				name := s.Text(s.Tokens[i])
				if _, seen := index[name]; seen {
					continue
				}
				if s.Is(i-1, "function") && s.Is(i+1, "(") {
					close := s.Match(i + 1)
					if close > 0 && s.Is(close+1, "{") && s.Match(close+1) > close {
						index[name] = declared{s, function{params: span{i + 2, close}, body: span{close + 2, s.Match(close + 1)}}}
					}
					continue
				}
				if (s.Is(i-1, "var") || s.Is(i-1, "let") || s.Is(i-1, "const")) && s.Is(i+1, "=") {
					if fn, _, ok := functionFrom(s, i+2); ok {
						index[name] = declared{s, fn}
					}
				}
			}
		}
		return index
	}).(map[string]declared)
}

// expressionEnd returns the index just past the expression that starts at
// token from: it stops at a top-level ',' ';' or closing bracket, or at a
// line break where a statement can end after a closing brace. It gives up
// (ok false) after maxSteps tokens or bracket groups.
func expressionEnd(s *script, from, maxSteps int) (end int, ok bool) {
	i := from
	for steps := 0; i < len(s.Tokens); steps++ {
		if steps == maxSteps {
			return i, false
		}
		if m := s.Match(i); m > i {
			i = m + 1
			// `var f = function () {...}\nnext()` ends at the brace.
			if i < len(s.Tokens) && s.Tokens[i].NewlineBefore && s.Is(m, "}") && !isDot(s, i) && !s.Is(i, "(") {
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

// memberChainEnd returns the index just past the member chain starting at
// token i: a name followed by .name, ?.name and [...] accesses. Calls end
// the chain. It returns i when no name starts there.
func memberChainEnd(s *script, i int) int {
	if i >= len(s.Tokens) || s.Tokens[i].Kind != jsscan.Ident {
		return i
	}
	i++
	for i < len(s.Tokens) {
		switch {
		case isDot(s, i) && i+1 < len(s.Tokens) && s.Tokens[i+1].Kind == jsscan.Ident:
			i += 2
		case s.Is(i, "[") && s.Match(i) > i:
			i = s.Match(i) + 1
		default:
			return i
		}
	}
	return i
}

// endsExpression reports whether token i cannot continue the expression
// before it: a terminator, a closing bracket, a line break, or the end.
func endsExpression(s *script, i int) bool {
	if i >= len(s.Tokens) || s.Tokens[i].NewlineBefore && !continuesExpression(s, i) {
		return true
	}
	return s.Is(i, ";") || s.Is(i, ",") || s.Is(i, ")") || s.Is(i, "}") || s.Is(i, "]")
}

// hostedPage reports whether the file is an Okta-hosted sign-in page:
// it has the {{{OktaUtil}}} or {{{SignInWidgetResources}}} Mustache tag (hasMacroTag, with
// any number of braces), or its code uses OktaUtil. as an object.
func hostedPage(f *lint.File) bool {
	return f.Memo(hostedKey{}, func() any { return isHostedPage(f) }).(bool)
}

type hostedKey struct{}

func isHostedPage(f *lint.File) bool {
	if hasMacroTag(f) {
		return true
	}
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if isName(s, i, "OktaUtil") && isDot(s, i+1) {
				return true
			}
		}
	}
	return false
}

// isCompleteLogin reports whether sp is exactly OktaUtil.completeLogin or
// window.OktaUtil.completeLogin.
func isCompleteLogin(s *script, sp span) bool {
	i := sp.from
	if isName(s, i, "window") && isDot(s, i+1) {
		i += 2
	}
	return sp.to-i == 3 && isName(s, i, "OktaUtil") && isDot(s, i+1) && isName(s, i+2, "completeLogin")
}
