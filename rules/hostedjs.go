package rules

import (
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// This file holds what the hosted-page rules (OIE007 to OIE009) know about
// a page's JavaScript beyond its tokens: the function scopes, the names each
// scope declares, and which names hold a value OktaUtil hands out (the
// request context, the widget configuration). It is built once per file and
// shared through File.Memo.
//
// The analysis is deliberately shallow: function scopes (var, let and const
// are all treated as function-scoped), one name per binding, values followed
// through declarations, plain assignments, aliases and the parameters of
// functions the page declares by name. What it cannot follow it leaves
// alone, so rules built on it miss rather than guess.

// oktaValue says which OktaUtil value an expression or a name holds.
type oktaValue uint8

const (
	valueNone           oktaValue = iota
	valueRequestContext           // OktaUtil.getRequestContext()
	valueWidgetConfig             // OktaUtil.getSignInWidgetConfig(), or a copy of it
)

// jsBinding is a name declared in a scope; scope 0 is the page's global scope,
// which every script of the page shares.
type jsBinding struct {
	scope int32
	name  string
}

// jsScope is one function's scope, or the global scope.
type jsScope struct {
	parent int32 // -1 for the global scope
	// params are the function's parameter names in order; "" stands for a
	// destructuring pattern.
	params []string
}

// jsFacts is the per-file analysis.
type jsFacts struct {
	scopes  []jsScope
	scopeOf map[*script][]int32
	// declared maps a name to the scopes that declare it.
	declared map[string]map[int32]bool
	// functions maps a function's name to its scope; the first declaration
	// of a name wins, as declaredFunctions does.
	functions map[string]int32
	// bound maps a binding to the OktaUtil value it holds.
	bound map[jsBinding]oktaValue
	// literal maps a binding declared with an object literal initializer to
	// where that literal is; reassigned lists bindings assigned again later.
	literal    map[jsBinding]jsTokenAt
	reassigned map[jsBinding]bool
	// parens counts the parentheses primaryValue is inside.
	parens int
}

// jsTokenAt is a token of one script.
type jsTokenAt struct {
	s *script
	i int
}

// jsMaxScopeDepth bounds the walk from a scope to the scope declaring a name.
// Real pages nest a handful of functions; a generated page nesting
// thousands would otherwise cost a walk per name per level.
const jsMaxScopeDepth = 64

// jsMaxParens bounds how deep primaryValue looks into parentheses:
// ((ctx)).target is read, but a value is not searched for through every
// level of ((((...).a).a).a), once per level.
const jsMaxParens = 4

// jsMaxPropagation bounds the rounds that follow values through aliases and
// parameters (var a = ctx; helper(a); function helper(c) {...}).
const jsMaxPropagation = 4

type jsFactsKey struct{}

// jsFactsOf returns the analysis of the file's scripts, built on first use.
func jsFactsOf(f *lint.File) *jsFacts {
	return f.Memo(jsFactsKey{}, func() any { return buildJSFacts(f) }).(*jsFacts)
}

func buildJSFacts(f *lint.File) *jsFacts {
	fx := &jsFacts{
		scopes:     []jsScope{{parent: -1}},
		scopeOf:    map[*script][]int32{},
		declared:   map[string]map[int32]bool{},
		functions:  map[string]int32{},
		bound:      map[jsBinding]oktaValue{},
		literal:    map[jsBinding]jsTokenAt{},
		reassigned: map[jsBinding]bool{},
	}
	for _, s := range f.Doc.Scripts {
		fx.scanScopes(s)
	}
	for _, s := range f.Doc.Scripts {
		fx.scanDeclarations(s)
	}
	fx.propagate(f)
	return fx
}

// scope returns the innermost scope of token i.
func (fx *jsFacts) scope(s *script, i int) int32 {
	of := fx.scopeOf[s]
	if i < 0 || i >= len(of) {
		return 0
	}
	return of[i]
}

// jsOpenScope is a function whose body the scope scan is inside.
type jsOpenScope struct {
	id int32
	// end is the closing brace of a block body, or -1 for the expression
	// body of an arrow function, which ends where the expression does.
	end int
	// depth is the bracket depth at an expression body's start.
	depth int
}

// scanScopes assigns every token of s to its innermost function scope, in
// one pass with a stack of open functions.
func (fx *jsFacts) scanScopes(s *script) {
	n := len(s.Tokens)
	of := make([]int32, n)
	stack := []jsOpenScope{{id: 0, end: -1, depth: -1}}
	depth := 0
	for i := 0; i < n; i++ {
		for len(stack) > 1 {
			top := stack[len(stack)-1]
			if top.end >= 0 || !endsArrowBody(s, i, depth, top.depth) {
				break
			}
			stack = stack[:len(stack)-1]
		}
		if s.Is(i, "{") && s.Match(i) > i {
			if params, name, ok := jsFunctionHead(s, i); ok {
				id := fx.newScope(s, stack[len(stack)-1].id, params, name)
				stack = append(stack, jsOpenScope{id: id, end: s.Match(i)})
			}
		}
		of[i] = stack[len(stack)-1].id
		open, close := jsBracketDelta(s, i)
		depth = max(0, depth-close) + open
		if s.Is(i, "=>") && i+1 < n && !s.Is(i+1, "{") {
			params, name := jsArrowHead(s, i)
			id := fx.newScope(s, stack[len(stack)-1].id, params, name)
			stack = append(stack, jsOpenScope{id: id, end: -1, depth: depth})
		}
		for len(stack) > 1 && stack[len(stack)-1].end == i {
			stack = stack[:len(stack)-1]
		}
	}
	fx.scopeOf[s] = of
}

// jsBracketDelta returns how many brackets token i opens and closes.
func jsBracketDelta(s *script, i int) (open, close int) {
	t := s.Tokens[i]
	switch t.Kind {
	case jsscan.TemplateHead:
		return 1, 0
	case jsscan.TemplateTail:
		return 0, 1
	case jsscan.Punct:
		if t.Len() == 1 {
			switch s.Code[t.Start-s.Start] {
			case '(', '[', '{':
				return 1, 0
			case ')', ']', '}':
				return 0, 1
			}
		}
	}
	return 0, 0
}

// endsArrowBody reports whether token i, at bracket depth depth, is past the
// end of an arrow function's expression body that started at bodyDepth: a
// bracket closing an enclosing group, a ',' or ';' at the body's level, or a
// new statement on a new line.
func endsArrowBody(s *script, i, depth, bodyDepth int) bool {
	if _, close := jsBracketDelta(s, i); close > 0 && depth <= bodyDepth {
		return true
	}
	if depth != bodyDepth {
		return false
	}
	if s.Is(i, ",") || s.Is(i, ";") {
		return true
	}
	t := s.Tokens[i]
	if !t.NewlineBefore || i == 0 {
		return false
	}
	starts := t.Kind == jsscan.Ident || t.Kind == jsscan.Keyword || t.Kind == jsscan.String || t.Kind == jsscan.Number
	prev := s.Tokens[i-1]
	ended := prev.Kind == jsscan.Ident || prev.Kind == jsscan.Number || prev.Kind == jsscan.String ||
		prev.Kind == jsscan.Template || prev.Kind == jsscan.TemplateTail || prev.Kind == jsscan.Regexp ||
		s.Is(i-1, ")") || s.Is(i-1, "]") || s.Is(i-1, "}")
	return starts && ended && !isName(s, i, "instanceof") && !s.Is(i, "in")
}

// newScope records a function scope.
func (fx *jsFacts) newScope(s *script, parent int32, params span, name int) int32 {
	id := int32(len(fx.scopes))
	fx.scopes = append(fx.scopes, jsScope{parent: parent, params: jsParamNames(s, params)})
	for _, p := range fx.scopes[id].params {
		if p != "" {
			fx.declare(p, id)
		}
	}
	declarePatternNames(fx, s, params, id)
	if name >= 0 {
		if _, seen := fx.functions[s.Text(s.Tokens[name])]; !seen {
			fx.functions[s.Text(s.Tokens[name])] = id
		}
	}
	return id
}

func (fx *jsFacts) declare(name string, scope int32) {
	m := fx.declared[name]
	if m == nil {
		m = map[int32]bool{}
		fx.declared[name] = m
	}
	m[scope] = true
}

// jsFunctionHead reads the head of a function whose block body opens at the
// brace: `function name(params) {`, `function (params) {`, a method
// `name(params) {`, an arrow `(params) => {`, with a TypeScript return type
// before the brace. It returns the parameters, the token of the function's
// name (-1 for none; methods have none a page can call by itself) and
// whether the brace opens a function body at all.
func jsFunctionHead(s *script, brace int) (params span, name int, ok bool) {
	if s.Is(brace-1, "=>") {
		params, name = jsArrowHead(s, brace-1)
		return params, name, true
	}
	close := jsParamsClose(s, brace)
	if close < 0 {
		return span{}, -1, false
	}
	open := s.Match(close)
	if open < 0 || open > close {
		return span{}, -1, false
	}
	params = span{open + 1, close}
	q := open - 1
	switch {
	case s.Is(q, "function"):
		return params, jsAssignedName(s, q), true
	case isAuthorIdent(s, q) && (s.Is(q-1, "function") || s.Is(q-1, "*") && s.Is(q-2, "function")):
		return params, q, true
	case isAuthorIdent(s, q) && !isProperty(s, q) && methodName(s, q):
		return params, -1, true // a method: name(params) {
	}
	return span{}, -1, false
}

// methodName reports whether the name at token q stands where a method
// definition's name does: first in an object literal or class body, after
// a member, or after a modifier (async, get, set, static).
func methodName(s *script, q int) bool {
	if q == 0 || s.Tokens[q].NewlineBefore {
		return true
	}
	if s.Is(q-1, "{") || s.Is(q-1, "}") || s.Is(q-1, ";") || s.Is(q-1, ",") || s.Is(q-1, "*") {
		return true
	}
	for _, m := range [...]string{"async", "get", "set", "static", "public", "private", "protected", "override"} {
		if s.Is(q-1, m) {
			return true
		}
	}
	return false
}

// jsParamsClose returns the ')' closing the parameters of a function whose
// body opens at the brace, skipping a TypeScript return type
// (`(a: T): string | undefined {`), or -1.
func jsParamsClose(s *script, brace int) int {
	if s.Is(brace-1, ")") {
		return brace - 1
	}
	return tsReturnTypeStart(s, brace-1)
}

// tsReturnTypeStart walks back from token k over a TypeScript return type to
// the ':' that starts it and returns the ')' before that ':', or -1. Types
// are short; the walk gives up after a few tokens.
func tsReturnTypeStart(s *script, k int) int {
	for steps := 0; k > 0 && steps < 32; steps++ {
		if s.Is(k, ":") {
			if s.Is(k-1, ")") {
				return k - 1
			}
			return -1
		}
		if s.Is(k, ")") || s.Is(k, "]") || s.Is(k, "}") {
			if m := s.Match(k); m >= 0 && m < k {
				k = m - 1
				continue
			}
			return -1
		}
		t := s.Tokens[k]
		switch {
		case t.Kind == jsscan.Ident, t.Kind == jsscan.String, t.Kind == jsscan.Number:
		case s.Is(k, ".") || s.Is(k, "|") || s.Is(k, "&") || s.Is(k, "<") || s.Is(k, ">") || s.Is(k, ",") || s.Is(k, "?"):
		case t.Kind == jsscan.Keyword && (s.Is(k, "null") || s.Is(k, "void") || s.Is(k, "typeof")):
		default:
			return -1
		}
		k--
	}
	return -1
}

// jsArrowHead returns the parameters of the arrow function whose '=>' is
// token arrow, and the token of the name it is assigned to (-1 for none).
func jsArrowHead(s *script, arrow int) (span, int) {
	k := arrow - 1
	if close := jsParamsClose(s, arrow); close >= 0 {
		if open := s.Match(close); open >= 0 && open < close {
			return span{open + 1, close}, jsAssignedName(s, open)
		}
	}
	if isAuthorIdent(s, k) {
		return span{k, k + 1}, jsAssignedName(s, k)
	}
	return span{}, -1
}

// jsAssignedName returns the name a function expression starting at token
// start is assigned to (`var name = function`, `name = async (`), or -1.
func jsAssignedName(s *script, start int) int {
	q := start - 1
	if isName(s, q, "async") {
		q--
	}
	if s.Is(q, "=") && isAuthorIdent(s, q-1) && !isProperty(s, q-1) {
		return q - 1
	}
	return -1
}

// isAuthorIdent reports whether token i is an identifier the author wrote.
func isAuthorIdent(s *script, i int) bool {
	return i >= 0 && i < len(s.Tokens) && s.Tokens[i].Kind == jsscan.Ident && !s.Tokens[i].Templated
}

// jsParamNames returns the names of a parameter list, in order: the first
// identifier of each parameter (past `...`), or "" for a pattern.
func jsParamNames(s *script, params span) []string {
	var names []string
	item := params.from
	for i := params.from; i <= params.to; i++ {
		if i < params.to {
			if m := s.Match(i); m > i {
				i = m
				continue
			}
			if !s.Is(i, ",") {
				continue
			}
		}
		if item < i {
			k := item
			if s.Is(k, "...") {
				k++
			}
			name := ""
			if isAuthorIdent(s, k) {
				name = s.Text(s.Tokens[k])
			}
			names = append(names, name)
		}
		item = i + 1
	}
	return names
}

// declarePatternNames declares the names bound by the destructuring
// patterns of sp ({a, b: c} binds a and c), as a function's parameters or a
// declaration. Keys (followed by ':') are not names.
func declarePatternNames(fx *jsFacts, s *script, sp span, scope int32) {
	for i := sp.from; i < sp.to; i++ {
		if !s.Is(i, "{") && !s.Is(i, "[") {
			continue
		}
		end := s.Match(i)
		if end < i || end > sp.to {
			continue
		}
		for k := i + 1; k < end; k++ {
			if isAuthorIdent(s, k) && !isProperty(s, k) && !s.Is(k+1, ":") && !s.Is(k+1, "(") &&
				(s.Is(k-1, "{") || s.Is(k-1, "[") || s.Is(k-1, ",") || s.Is(k-1, ":") || s.Is(k-1, "...")) {
				fx.declare(s.Text(s.Tokens[k]), scope)
			}
		}
		i = end
	}
}

// scanDeclarations records the names each scope declares with var, let,
// const and function, and which declarations start from an object literal.
func (fx *jsFacts) scanDeclarations(s *script) {
	for i := range s.Tokens {
		switch {
		case s.Is(i, "function") && isAuthorIdent(s, i+1) && s.Is(i+2, "("):
			fx.declare(s.Text(s.Tokens[i+1]), fx.scope(s, i))
		case s.Is(i, "var") || s.Is(i, "let") || s.Is(i, "const"):
			fx.declarators(s, i+1)
		}
	}
}

// declarators reads the declarators of a var/let/const starting at token i:
// `a = 1, { b } = c, d`.
func (fx *jsFacts) declarators(s *script, i int) {
	scope := fx.scope(s, i)
	for steps := 0; steps < maxExpressionSteps && i < len(s.Tokens); steps++ {
		switch {
		case isAuthorIdent(s, i):
			name := s.Text(s.Tokens[i])
			fx.declare(name, scope)
			if eq := jsDeclaredValue(s, i); eq > 0 && s.Is(eq, "{") {
				fx.literal[jsBinding{scope, name}] = jsTokenAt{s, eq}
			}
			i++
		case (s.Is(i, "{") || s.Is(i, "[")) && s.Match(i) > i:
			declarePatternNames(fx, s, span{i, s.Match(i) + 1}, scope)
			i = s.Match(i) + 1
		default:
			return
		}
		// Skip a type annotation and the initializer to the next declarator.
		for i < len(s.Tokens) && !s.Is(i, ",") {
			if s.Is(i, "=") {
				end, ok := expressionEnd(s, i+1, maxExpressionSteps)
				if !ok {
					return
				}
				i = end
				break
			}
			if s.Is(i, ":") && (isAuthorIdent(s, i+1) || i+1 < len(s.Tokens) && s.Tokens[i+1].Kind == jsscan.Keyword) {
				i += 2
				continue
			}
			return
		}
		if !s.Is(i, ",") {
			return
		}
		i++
	}
}

// jsDeclaredValue returns the first token of the value a declared or assigned
// name at token i gets (`name = v`, `name: Type = v`), or -1.
func jsDeclaredValue(s *script, i int) int {
	if s.Is(i+1, "=") {
		return i + 2
	}
	if s.Is(i+1, ":") && (isAuthorIdent(s, i+2) || i+2 < len(s.Tokens) && s.Tokens[i+2].Kind == jsscan.Keyword) && s.Is(i+3, "=") {
		return i + 4
	}
	return -1
}

// resolve returns the binding the name at token i refers to: the nearest
// enclosing scope that declares it, or the global scope.
func (fx *jsFacts) resolve(s *script, i int) jsBinding {
	name := s.Text(s.Tokens[i])
	scopes := fx.declared[name]
	sc := fx.scope(s, i)
	for steps := 0; sc > 0 && steps < jsMaxScopeDepth; steps++ {
		if scopes[sc] {
			return jsBinding{sc, name}
		}
		sc = fx.scopes[sc].parent
	}
	return jsBinding{0, name}
}

// valueSite is a place where a binding may receive an OktaUtil value: a
// declaration or assignment (value is the first token of the expression),
// or an argument passed to a parameter (arg is the argument's span).
type valueSite struct {
	s      *script
	target jsBinding
	value  int
	arg    span
}

// propagate follows OktaUtil values into names: declarations and plain
// assignments of a value expression, and arguments passed to the
// parameters of functions the page declares by name. It repeats a few
// rounds so that aliases of aliases are followed too.
func (fx *jsFacts) propagate(f *lint.File) {
	var sites []valueSite
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if !isAuthorIdent(s, i) || isProperty(s, i) {
				continue
			}
			if v := jsDeclaredValue(s, i); v > 0 && !s.Is(i-1, "function") {
				b := fx.resolve(s, i)
				if !s.Is(i-1, "var") && !s.Is(i-1, "let") && !s.Is(i-1, "const") && !s.Is(i-1, ",") {
					fx.reassigned[b] = true
				}
				sites = append(sites, valueSite{s: s, target: b, value: v})
				continue
			}
			if !s.Is(i+1, "(") || s.Is(i-1, "function") {
				continue
			}
			scope, ok := fx.functions[s.Text(s.Tokens[i])]
			if !ok || len(fx.scopes[scope].params) == 0 {
				continue
			}
			args, ok := callArgs(s, i+1)
			if !ok {
				continue
			}
			params := fx.scopes[scope].params
			for k, a := range args {
				if k < len(params) && params[k] != "" && !a.empty() {
					sites = append(sites, valueSite{s: s, target: jsBinding{scope, params[k]}, value: -1, arg: a})
				}
			}
		}
	}
	for round := 0; round < jsMaxPropagation; round++ {
		changed := false
		for _, site := range sites {
			if fx.bound[site.target] != valueNone {
				continue
			}
			var v oktaValue
			if site.value >= 0 {
				var end int
				v, end = fx.valueExpr(site.s, site.value)
				if !endsExpression(site.s, end) {
					v = valueNone
				}
			} else if val, end := fx.valueExpr(site.s, site.arg.from); end == site.arg.to {
				v = val
			}
			if v != valueNone {
				fx.bound[site.target] = v
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// oktaUtilCall reads `[window.]OktaUtil.method()` starting at token i (the
// receiver may be any member chain ending in OktaUtil, in any case, as in a
// parameter named oktaUtil) and returns the value the method returns and
// the index after the call.
func oktaUtilCall(s *script, i int) (oktaValue, int) {
	j := i
	for isAuthorIdent(s, j) && isDot(s, j+1) && !strings.EqualFold(s.Text(s.Tokens[j]), "OktaUtil") {
		j += 2 // window. this. self.
	}
	if !isAuthorIdent(s, j) || !strings.EqualFold(s.Text(s.Tokens[j]), "OktaUtil") || !isDot(s, j+1) {
		return valueNone, i
	}
	var v oktaValue
	switch {
	case isName(s, j+2, "getRequestContext"):
		v = valueRequestContext
	case isName(s, j+2, "getSignInWidgetConfig"):
		v = valueWidgetConfig
	default:
		return valueNone, i
	}
	k := j + 3
	if s.Is(k, "?.") {
		k++
	}
	if !s.Is(k, "(") || s.Match(k) != k+1 {
		return valueNone, i
	}
	return v, k + 2
}

// simpleValue reads an OktaUtil call or a name holding an OktaUtil value
// at token i, and returns the value and the index after it, or valueNone.
func (fx *jsFacts) simpleValue(s *script, i int) (oktaValue, int) {
	if v, end := oktaUtilCall(s, i); v != valueNone {
		return v, end
	}
	if !isAuthorIdent(s, i) || isProperty(s, i) || isDot(s, i+1) || s.Is(i+1, "(") || s.Is(i+1, "[") || s.Is(i+1, "=>") || s.Is(i+1, "`") {
		return valueNone, i
	}
	if v := fx.bound[fx.resolve(s, i)]; v != valueNone {
		return v, i + 1
	}
	return valueNone, i
}

// primaryValue reads the OktaUtil value an expression starting at token i
// begins with: an OktaUtil call, a name holding a value, a parenthesized
// value expression, and for the widget configuration a copy of it
// ({ ...config }, Object.assign({}, config)). It returns the value and the
// index after it, or valueNone. Copies are read one level deep, so that
// nested copies cannot make the reading quadratic.
func (fx *jsFacts) primaryValue(s *script, i int) (oktaValue, int) {
	if v, end := fx.simpleValue(s, i); v != valueNone {
		return v, end
	}
	switch {
	case isName(s, i, "Object") && isDot(s, i+1) && isName(s, i+2, "assign") && s.Is(i+3, "(") && s.Match(i+3) > i+3:
		if args, ok := callArgs(s, i+3); ok {
			for _, a := range args {
				if v, end := fx.suffixed(s, a.from, fx.simpleValue); v == valueWidgetConfig && end == a.to {
					return valueWidgetConfig, s.Match(i+3) + 1
				}
			}
		}
	case s.Is(i, "(") && s.Match(i) > i && fx.parens < jsMaxParens:
		fx.parens++
		v, end := fx.valueExpr(s, i+1)
		fx.parens--
		if v != valueNone && end == s.Match(i) {
			return v, end + 1
		}
	case s.Is(i, "{") && s.Match(i) > i:
		if fx.spreadsConfig(s, i) >= 0 {
			return valueWidgetConfig, s.Match(i) + 1
		}
	}
	return valueNone, i
}

// valueExpr reads a value expression at token i: a primary value, after
// guards (`OktaUtil && ...`), followed by what keeps it (a TypeScript `!`
// or `as Type`, a fallback to an empty object `|| {}`). It returns the
// value and the index after the part of the expression it read.
func (fx *jsFacts) valueExpr(s *script, i int) (oktaValue, int) {
	// A guard before the value: OktaUtil.getRequestContext &&
	// OktaUtil.getRequestContext() gives the context or something falsy.
	for g := 0; g < 4; g++ {
		end := memberChainEnd(s, i)
		if end == i || !s.Is(end, "&&") {
			break
		}
		i = end + 1
	}
	return fx.suffixed(s, i, fx.primaryValue)
}

// suffixed reads a value with read, then the suffixes valueExpr allows.
func (fx *jsFacts) suffixed(s *script, i int, read func(*script, int) (oktaValue, int)) (oktaValue, int) {
	v, end := read(s, i)
	if v == valueNone {
		return valueNone, i
	}
	for steps := 0; steps < 8; steps++ {
		switch {
		case s.Is(end, "!"):
			end++
		case (s.Is(end, "||") || s.Is(end, "??")) && s.Is(end+1, "{") && s.Is(end+2, "}"):
			end += 3
		case isName(s, end, "as") && isAuthorIdent(s, end+1):
			end += 2
		default:
			return v, end
		}
	}
	return v, end
}

// valueBefore returns the OktaUtil value of the expression that ends with
// token k, the object of a member access after it: a name, an OktaUtil call,
// or a parenthesized value expression.
func (fx *jsFacts) valueBefore(s *script, k int) oktaValue {
	if s.Is(k, "!") {
		k--
	}
	switch {
	case isAuthorIdent(s, k) && !isProperty(s, k):
		return fx.bound[fx.resolve(s, k)]
	case s.Is(k, ")"):
		open := s.Match(k)
		if open < 0 || open > k {
			return valueNone
		}
		q := open - 1
		if s.Is(q, "?.") {
			q--
		}
		if isName(s, q, "getRequestContext") || isName(s, q, "getSignInWidgetConfig") {
			start := q - 2
			for isDot(s, start-1) && isAuthorIdent(s, start-2) {
				start -= 2
			}
			if v, end := oktaUtilCall(s, start); end == k+1 {
				return v
			}
			return valueNone
		}
		if q >= 0 && (s.Tokens[q].Kind == jsscan.Ident || s.Is(q, ")") || s.Is(q, "]") || s.Tokens[q].Kind.IsLiteralText()) {
			return valueNone // a call, not a parenthesized expression
		}
		if v, end := fx.valueExpr(s, open+1); end == k {
			return v
		}
	}
	return valueNone
}

// spreadsConfig returns, for the object literal opening at brace, the index
// of the first top-level `...` that spreads the widget configuration (a
// name holding it, or the OktaUtil call), or -1. Keys after it override
// the configuration's own.
func (fx *jsFacts) spreadsConfig(s *script, brace int) int {
	close := s.Match(brace)
	for i := brace + 1; i < close; i++ {
		if m := s.Match(i); m > i {
			i = m
			continue
		}
		if s.Is(i, "...") && (s.Is(i-1, "{") || s.Is(i-1, ",")) {
			if v, end := fx.suffixed(s, i+1, fx.simpleValue); v == valueWidgetConfig && (s.Is(end, ",") || end == close) {
				return i
			}
		}
	}
	return -1
}

// jsObjectItem is one top-level member of an object literal: its key token
// (-1 for a spread or a computed key) and the span of its value.
type jsObjectItem struct {
	key   int
	value span
	// spread is set for `...expr`.
	spread bool
}

// jsObjectItems splits the object literal opening at brace into its
// top-level members (see readProps). ok is false for a literal it cannot
// read. A member whose key is not a plain name (computed keys, methods,
// accessors, keys made by Mustache tags) gets key -1 and its whole text as
// value: the literal is then not simple.
func jsObjectItems(s *script, brace int) (items []jsObjectItem, ok bool) {
	if s.Match(brace) < brace {
		return nil, false
	}
	for _, p := range readProps(objectLiteral{script: s, open: brace}) {
		it := jsObjectItem{key: p.key, value: p.value, spread: p.spread}
		if !p.spread && (p.key < 0 || p.method || p.key != p.from || s.Tokens[p.key].Templated) {
			it.key, it.value = -1, span{p.from, p.to}
		}
		items = append(items, it)
	}
	return items, true
}

// jsKeyName returns the name of an object key token: an identifier or a
// string literal's value.
func jsKeyName(s *script, k int) string {
	if k < 0 || k >= len(s.Tokens) {
		return ""
	}
	if s.Tokens[k].Kind == jsscan.String {
		v, _ := stringValue(s, k)
		return v
	}
	return s.Text(s.Tokens[k])
}

// jsKeyIs reports whether the key token k is name, without allocating for
// an identifier.
func jsKeyIs(s *script, k int, name string) bool {
	if k < 0 || k >= len(s.Tokens) {
		return false
	}
	if s.Tokens[k].Kind == jsscan.String {
		v, ok := stringValue(s, k)
		return ok && v == name
	}
	return s.Is(k, name)
}

// jsMember returns, for a member access starting at token i (`.name`,
// `?.name` or `['name']`), the token of the name and the index after the
// access, or -1.
func jsMember(s *script, i int) (at, next int) {
	switch {
	case isDot(s, i) && i+1 < len(s.Tokens) && s.Tokens[i+1].Kind == jsscan.Ident && !s.Tokens[i+1].Templated:
		return i + 1, i + 2
	case s.Is(i, "[") && s.Is(i+2, "]") && s.Tokens[i+1].Kind == jsscan.String && !s.Tokens[i+1].Templated:
		return i + 1, i + 3
	case s.Is(i, "?.") && s.Is(i+1, "[") && s.Is(i+3, "]") && i+2 < len(s.Tokens) && s.Tokens[i+2].Kind == jsscan.String && !s.Tokens[i+2].Templated:
		return i + 2, i + 4
	}
	return -1, i
}

// gen3Sections returns the byte ranges of the file's {{#useSiwGen3}} ...
// {{/useSiwGen3}} sections, outermost only; an unclosed section runs to the
// end of the file.
func gen3Sections(f *lint.File) []jsscan.Span {
	var out []jsscan.Span
	depth, start := 0, 0
	for _, t := range f.Doc.Mustache {
		if t.Name != "useSiwGen3" {
			continue
		}
		switch t.Kind {
		case jsscan.MustacheSection:
			if depth == 0 {
				start = t.Start
			}
			depth++
		case jsscan.MustacheClose:
			if depth > 0 {
				depth--
				if depth == 0 {
					out = append(out, jsscan.Span{Start: start, End: t.End})
				}
			}
		}
	}
	if depth > 0 {
		out = append(out, jsscan.Span{Start: start, End: len(f.Content)})
	}
	return out
}

// fileHasName reports whether any script of the file has an identifier spelled
// name; rules use it to skip the analysis on files it cannot concern.
func fileHasName(f *lint.File, name string) bool {
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if isName(s, i, name) {
				return true
			}
		}
	}
	return false
}
