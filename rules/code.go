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
	i := sp.from
	if isName(s, i, "async") {
		i++
	}
	if s.Is(i, "function") {
		i++
		if s.Is(i, "*") {
			i++
		}
		if i < sp.to && s.Tokens[i].Kind == jsscan.Ident {
			i++
		}
		if !s.Is(i, "(") {
			return function{}, false
		}
		close := s.Match(i)
		if close < 0 || !s.Is(close+1, "{") || s.Match(close+1) != sp.to-1 {
			return function{}, false
		}
		return function{params: span{i + 1, close}, body: span{close + 2, sp.to - 1}}, true
	}
	var params span
	switch {
	case i < sp.to && s.Tokens[i].Kind == jsscan.Ident && s.Is(i+1, "=>"):
		params, i = span{i, i + 1}, i+2
	case s.Is(i, "(") && s.Match(i) > i && s.Is(s.Match(i)+1, "=>"):
		params, i = span{i + 1, s.Match(i)}, s.Match(i)+2
	default:
		return function{}, false
	}
	if s.Is(i, "{") && s.Match(i) == sp.to-1 {
		return function{params: params, body: span{i + 1, sp.to - 1}}, true
	}
	return function{params: params, body: span{i, sp.to}, expression: true}, i < sp.to
}

// declaredFunction finds a function that the file declares under name, in
// any of its scripts: `function name(...) {...}` or `var|let|const name =
// <function expression or arrow>`. It returns the script that holds it.
func declaredFunction(f *lint.File, name string) (*script, function, bool) {
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if !isName(s, i, name) || isProperty(s, i) {
				continue
			}
			if s.Is(i-1, "function") && s.Is(i+1, "(") {
				close := s.Match(i + 1)
				if close > 0 && s.Is(close+1, "{") && s.Match(close+1) > close {
					return s, function{params: span{i + 2, close}, body: span{close + 2, s.Match(close + 1)}}, true
				}
			}
			if (s.Is(i-1, "var") || s.Is(i-1, "let") || s.Is(i-1, "const")) && s.Is(i+1, "=") {
				if fn, ok := functionAt(s, span{i + 2, expressionEnd(s, i+2)}); ok {
					return s, fn, true
				}
			}
		}
	}
	return nil, function{}, false
}

// expressionEnd returns the index just past the expression that starts at
// token from: it stops at a top-level ',' ';' or closing bracket, or at a
// line break where a statement can end after a closing brace.
func expressionEnd(s *script, from int) int {
	i := from
	for i < len(s.Tokens) {
		if m := s.Match(i); m > i {
			i = m + 1
			// `var f = function () {...}\nnext()` ends at the brace.
			if i < len(s.Tokens) && s.Tokens[i].NewlineBefore && s.Is(m, "}") && !isDot(s, i) && !s.Is(i, "(") {
				return i
			}
			continue
		}
		if s.Is(i, ",") || s.Is(i, ";") || s.Is(i, ")") || s.Is(i, "]") || s.Is(i, "}") {
			return i
		}
		i++
	}
	return i
}

// hostedPage reports whether the file is an Okta-hosted sign-in page:
// it has the {{{OktaUtil}}} or {{{SignInWidgetResources}}} Mustache tag (with
// any number of braces), or its code uses OktaUtil. as an object.
func hostedPage(f *lint.File) bool {
	for _, t := range f.Doc.Mustache {
		if t.Name == "OktaUtil" || t.Name == "SignInWidgetResources" {
			return true
		}
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
