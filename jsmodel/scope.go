package jsmodel

import (
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// scope returns the innermost scope of token i.
func (fx *Model) scope(s *Script, i int) int32 {
	of := fx.scopeOf[s]
	if i < 0 || i >= len(of) {
		return 0
	}
	return of[i]
}

// openScope is a function whose body the scope scan is inside.
type openScope struct {
	id int32
	// end is the closing brace of a block body, or -1 for the expression
	// body of an arrow function, which ends where the expression does.
	end int
	// depth is the bracket depth at an expression body's start.
	depth int
}

// scanScopes assigns every token of s to its innermost function scope, in
// one pass with a stack of open functions.
func (fx *Model) scanScopes(s *Script) {
	n := len(s.Tokens)
	of := make([]int32, n)
	stack := []openScope{{id: 0, end: -1, depth: -1}}
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
			if params, name, ok := functionHead(s, i); ok {
				id := fx.newScope(s, stack[len(stack)-1].id, params, name)
				fx.fnScope[TokenAt{s, i}] = id
				stack = append(stack, openScope{id: id, end: s.Match(i)})
			}
		}
		of[i] = stack[len(stack)-1].id
		open, close := bracketDelta(s, i)
		depth = max(0, depth-close) + open
		if s.Is(i, "=>") && i+1 < n && !s.Is(i+1, "{") {
			params, name := arrowHead(s, i)
			id := fx.newScope(s, stack[len(stack)-1].id, params, name)
			fx.fnScope[TokenAt{s, i}] = id
			stack = append(stack, openScope{id: id, end: -1, depth: depth})
		}
		for len(stack) > 1 && stack[len(stack)-1].end == i {
			stack = stack[:len(stack)-1]
		}
	}
	fx.scopeOf[s] = of
}

// bracketDelta returns how many brackets token i opens and closes.
func bracketDelta(s *Script, i int) (open, close int) {
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
func endsArrowBody(s *Script, i, depth, bodyDepth int) bool {
	if _, close := bracketDelta(s, i); close > 0 && depth <= bodyDepth {
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
	return starts && ended && !IsName(s, i, "instanceof") && !s.Is(i, "in")
}

// newScope records a function scope.
func (fx *Model) newScope(s *Script, parent int32, params Span, name int) int32 {
	id := int32(len(fx.scopes))
	fx.scopes = append(fx.scopes, scopeInfo{parent: parent, params: paramNames(s, params)})
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

func (fx *Model) declare(name string, scope int32) {
	id, ok := fx.nameIDs[name]
	if !ok {
		id = uint32(len(fx.nameIDs)) + 1
		fx.nameIDs[name] = id
	}
	fx.declared[declaredKey(id, scope)] = true
}

// declaredKey is the key of declared for the name numbered id in scope.
func declaredKey(id uint32, scope int32) uint64 { return uint64(id)<<32 | uint64(uint32(scope)) }

// declares reports whether scope declares name.
func (fx *Model) declares(scope int32, name string) bool {
	id, ok := fx.nameIDs[name]
	return ok && fx.declared[declaredKey(id, scope)]
}

// functionHead reads the head of a function whose block body opens at the
// brace: `function name(params) {`, `function (params) {`, a method
// `name(params) {`, an arrow `(params) => {`, with a TypeScript return type
// before the brace. It returns the parameters, the token of the function's
// name (-1 for none; methods have none a page can call by itself) and
// whether the brace opens a function body at all.
func functionHead(s *Script, brace int) (params Span, name int, ok bool) {
	if s.Is(brace-1, "=>") {
		params, name = arrowHead(s, brace-1)
		return params, name, true
	}
	close := paramsClose(s, brace)
	if close < 0 {
		return Span{}, -1, false
	}
	open := s.Match(close)
	if open < 0 || open > close {
		return Span{}, -1, false
	}
	params = Span{open + 1, close}
	q := open - 1
	switch {
	case s.Is(q, "function"):
		return params, assignedName(s, q), true
	case IsAuthorIdent(s, q) && (s.Is(q-1, "function") || s.Is(q-1, "*") && s.Is(q-2, "function")):
		return params, q, true
	case IsAuthorIdent(s, q) && !IsProperty(s, q) && methodName(s, q):
		return params, -1, true // a method: name(params) {
	}
	return Span{}, -1, false
}

// methodName reports whether the name at token q stands where a method
// definition's name does: first in an object literal or class body, after
// a member, or after a modifier (async, get, set, static).
func methodName(s *Script, q int) bool {
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

// paramsClose returns the ')' closing the parameters of a function whose
// body opens at the brace, skipping a TypeScript return type
// (`(a: T): string | undefined {`), or -1.
func paramsClose(s *Script, brace int) int {
	if s.Is(brace-1, ")") {
		return brace - 1
	}
	return tsReturnTypeStart(s, brace-1)
}

// tsReturnTypeStart walks back from token k over a TypeScript return type to
// the ':' that starts it and returns the ')' before that ':', or -1. Types
// are short; the walk gives up after a few tokens.
func tsReturnTypeStart(s *Script, k int) int {
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

// arrowHead returns the parameters of the arrow function whose '=>' is
// token arrow, and the token of the name it is assigned to (-1 for none).
func arrowHead(s *Script, arrow int) (Span, int) {
	k := arrow - 1
	if close := paramsClose(s, arrow); close >= 0 {
		if open := s.Match(close); open >= 0 && open < close {
			return Span{open + 1, close}, assignedName(s, open)
		}
	}
	if IsAuthorIdent(s, k) {
		return Span{k, k + 1}, assignedName(s, k)
	}
	return Span{}, -1
}

// assignedName returns the name a function expression starting at token
// start is assigned to (`var name = function`, `name = async (`), or -1.
func assignedName(s *Script, start int) int {
	q := start - 1
	if IsName(s, q, "async") {
		q--
	}
	if s.Is(q, "=") && IsAuthorIdent(s, q-1) && !IsProperty(s, q-1) {
		return q - 1
	}
	return -1
}

// paramNames returns the names of a parameter list, in order: the first
// identifier of each parameter (past `...`), or "" for a pattern.
func paramNames(s *Script, params Span) []string {
	var names []string
	item := params.From
	for i := params.From; i <= params.To; i++ {
		if i < params.To {
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
			if IsAuthorIdent(s, k) {
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
func declarePatternNames(fx *Model, s *Script, sp Span, scope int32) {
	for i := sp.From; i < sp.To; i++ {
		if !s.Is(i, "{") && !s.Is(i, "[") {
			continue
		}
		end := s.Match(i)
		if end < i || end > sp.To {
			continue
		}
		for k := i + 1; k < end; k++ {
			if IsAuthorIdent(s, k) && !IsProperty(s, k) && !s.Is(k+1, ":") && !s.Is(k+1, "(") &&
				(s.Is(k-1, "{") || s.Is(k-1, "[") || s.Is(k-1, ",") || s.Is(k-1, ":") || s.Is(k-1, "...")) {
				fx.declare(s.Text(s.Tokens[k]), scope)
			}
		}
		i = end
	}
}

// scanDeclarations records the names each scope declares with var, let,
// const and function.
func (fx *Model) scanDeclarations(s *Script) {
	for i := range s.Tokens {
		switch {
		case s.Is(i, "function") && IsAuthorIdent(s, i+1) && s.Is(i+2, "("):
			fx.declare(s.Text(s.Tokens[i+1]), fx.scope(s, i))
		case s.Is(i, "var") || s.Is(i, "let") || s.Is(i, "const"):
			fx.declarators(s, i+1)
		}
	}
}

// declarators reads the declarators of a var/let/const starting at token i:
// `a = 1, { b } = c, d`.
func (fx *Model) declarators(s *Script, i int) {
	scope := fx.scope(s, i)
	for steps := 0; steps < MaxExpressionSteps && i < len(s.Tokens); steps++ {
		switch {
		case IsAuthorIdent(s, i):
			name := s.Text(s.Tokens[i])
			fx.declare(name, scope)
			i++
		case (s.Is(i, "{") || s.Is(i, "[")) && s.Match(i) > i:
			declarePatternNames(fx, s, Span{i, s.Match(i) + 1}, scope)
			i = s.Match(i) + 1
		default:
			return
		}
		// Skip a type annotation and the initializer to the next declarator.
		for i < len(s.Tokens) && !s.Is(i, ",") {
			if s.Is(i, "=") {
				end, ok := ExpressionEnd(s, i+1, MaxExpressionSteps)
				if !ok {
					return
				}
				i = end
				break
			}
			if s.Is(i, ":") && (IsAuthorIdent(s, i+1) || i+1 < len(s.Tokens) && s.Tokens[i+1].Kind == jsscan.Keyword) {
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

// declaredValue returns the first token of the value a declared or assigned
// name at token i gets (`name = v`, `name: Type = v`), or -1.
func declaredValue(s *Script, i int) int {
	if s.Is(i+1, "=") {
		return i + 2
	}
	if s.Is(i+1, ":") && (IsAuthorIdent(s, i+2) || i+2 < len(s.Tokens) && s.Tokens[i+2].Kind == jsscan.Keyword) && s.Is(i+3, "=") {
		return i + 4
	}
	return -1
}

// resolve returns the binding the name at token i refers to: the nearest
// enclosing scope that declares it, or the global scope.
func (fx *Model) resolve(s *Script, i int) Binding {
	name := s.Text(s.Tokens[i])
	sc := fx.scope(s, i)
	id, ok := fx.nameIDs[name]
	for steps := 0; ok && sc > 0 && steps < maxScopeDepth; steps++ {
		if fx.declared[declaredKey(id, sc)] {
			return Binding{sc, name}
		}
		sc = fx.scopes[sc].parent
	}
	return Binding{0, name}
}

// valueSite is a place where a binding may receive an OktaUtil value: a
// declaration or assignment (value is the first token of the expression),
// or an argument passed to a parameter (arg is the argument's Span).
type valueSite struct {
	s      *Script
	target Binding
	value  int
	arg    Span
}

// propagate follows OktaUtil values into names: declarations and plain
// assignments of a value expression, and arguments passed to the
// parameters of functions the page declares by name. It repeats a few
// rounds so that aliases of aliases are followed too.
func (fx *Model) propagate(f *lint.File) {
	var sites []valueSite
	var patterns []patternSite
	var callbacks []callbackSite
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if (s.Is(i, "{") || s.Is(i, "[")) && s.Match(i) > i && s.Is(s.Match(i)+1, "=") &&
				(s.Is(i-1, "var") || s.Is(i-1, "let") || s.Is(i-1, "const") || s.Is(i-1, ",")) {
				patterns = append(patterns, patternSite{s: s, open: i, value: s.Match(i) + 2})
			}
			if !IsAuthorIdent(s, i) {
				continue
			}
			if IsProperty(s, i) {
				if s.Is(i+1, "(") {
					if c, ok := callbackAt(s, i); ok {
						callbacks = append(callbacks, c)
					}
				}
				continue
			}
			if v := declaredValue(s, i); v > 0 && !s.Is(i-1, "function") {
				sites = append(sites, valueSite{s: s, target: fx.resolve(s, i), value: v})
				continue
			}
			if !s.Is(i+1, "(") || s.Is(i-1, "function") {
				continue
			}
			scope, ok := fx.functions[s.Text(s.Tokens[i])]
			if !ok || len(fx.scopes[scope].params) == 0 {
				continue
			}
			args, ok := CallArgs(s, i+1)
			if !ok {
				continue
			}
			params := fx.scopes[scope].params
			for k, a := range args {
				if k < len(params) && params[k] != "" && !a.Empty() {
					sites = append(sites, valueSite{s: s, target: Binding{scope, params[k]}, value: -1, arg: a})
				}
			}
		}
	}
	for round := 0; round < maxPropagation; round++ {
		changed := false
		for _, site := range sites {
			if fx.bound[site.target] != None {
				continue
			}
			var v Value
			if site.value >= 0 {
				var end int
				v, end = fx.valueExpr(site.s, site.value)
				if !EndsExpression(site.s, end) {
					v = None
				}
			} else if val, end := fx.valueExpr(site.s, site.arg.From); end == site.arg.To {
				v = val
			}
			if v != None {
				fx.bound[site.target] = v
				changed = true
			}
		}
		for k := range patterns {
			p := &patterns[k]
			if p.done {
				continue
			}
			if v, end := fx.valueExpr(p.s, p.value); v != None && EndsExpression(p.s, end) {
				fx.bindPattern(p.s, p.open, Derived, -1)
				p.done, changed = true, true
			}
		}
		for k := range callbacks {
			c := &callbacks[k]
			if !c.done && fx.bindCallback(c) {
				c.done, changed = true, true
			}
		}
		if !changed {
			return
		}
	}
}

// OktaUtilCall reads `[window.]OktaUtil.method()` starting at token i (the
// receiver may be any member chain ending in OktaUtil, in any case, as in a
// parameter named oktaUtil) and returns the value the method returns and
// the index after the call.
func OktaUtilCall(s *Script, i int) (Value, int) {
	j := i
	for IsAuthorIdent(s, j) && IsDot(s, j+1) && !strings.EqualFold(s.Text(s.Tokens[j]), "OktaUtil") {
		j += 2 // window. this. self.
	}
	if !IsAuthorIdent(s, j) || !strings.EqualFold(s.Text(s.Tokens[j]), "OktaUtil") || !IsDot(s, j+1) {
		return None, i
	}
	var v Value
	switch {
	case IsName(s, j+2, "getRequestContext"):
		v = RequestContext
	case IsName(s, j+2, "getSignInWidgetConfig"):
		v = WidgetConfig
	default:
		return None, i
	}
	k := j + 3
	if s.Is(k, "?.") {
		k++
	}
	if !s.Is(k, "(") || s.Match(k) != k+1 {
		return None, i
	}
	return v, k + 2
}

// simpleValue reads an OktaUtil call or a name holding an OktaUtil value
// at token i, and returns the value and the index after it, or None.
func (fx *Model) simpleValue(s *Script, i int) (Value, int) {
	if v, end := OktaUtilCall(s, i); v != None {
		return v, end
	}
	if !IsAuthorIdent(s, i) || IsProperty(s, i) || IsDot(s, i+1) || s.Is(i+1, "(") || s.Is(i+1, "[") || s.Is(i+1, "=>") || s.Is(i+1, "`") {
		return None, i
	}
	if v := fx.nameValue(s, i); v != None {
		return v, i + 1
	}
	return None, i
}

// primaryValue reads the OktaUtil value an expression starting at token i
// begins with: an OktaUtil call, a name holding a value, a parenthesized
// value expression, and for the widget configuration a copy of it
// ({ ...config }, Object.assign({}, config)). It returns the value and the
// index after it, or None. Copies are read one level deep, so that
// nested copies cannot make the reading quadratic.
func (fx *Model) primaryValue(s *Script, i int) (Value, int) {
	if v, end := fx.simpleValue(s, i); v != None {
		return v, end
	}
	switch {
	case IsName(s, i, "Object") && IsDot(s, i+1) && IsName(s, i+2, "assign") && s.Is(i+3, "(") && s.Match(i+3) > i+3:
		if args, ok := CallArgs(s, i+3); ok {
			for _, a := range args {
				if v, end := fx.suffixed(s, a.From, fx.simpleValue); v == WidgetConfig && end == a.To {
					return WidgetConfig, s.Match(i+3) + 1
				}
			}
		}
	case s.Is(i, "(") && s.Match(i) > i && fx.parens < maxParens:
		fx.parens++
		v, end := fx.valueExpr(s, i+1)
		fx.parens--
		if v != None && end == s.Match(i) {
			return v, end + 1
		}
	case s.Is(i, "{") && s.Match(i) > i:
		if fx.spreadsConfig(s, i) >= 0 {
			return WidgetConfig, s.Match(i) + 1
		}
	case s.Is(i, "new"):
		return fx.newValue(s, i)
	}
	if v, end := fx.methodValue(s, i); v != None {
		return v, end
	}
	// window.OktaUtil, self['OktaSignIn']: the globals themselves.
	if IsName(s, i, "window") || IsName(s, i, "self") || IsName(s, i, "globalThis") {
		if at, next := Member(s, i+1); at > 0 && !IsDot(s, next) && !s.Is(next, "[") {
			switch MemberName(s, at) {
			case "OktaUtil":
				return OktaUtil, next
			case "OktaSignIn":
				return WidgetClass, next
			case "OktaAuth":
				return AuthClass, next
			}
		}
	}
	// A member read of an Okta value: widget.authClient is the auth
	// client, OktaUtil.completeLogin the hosted page's finisher (also
	// bound: .bind(OktaUtil)), anything else read from an Okta value is
	// Okta's too.
	if end := MemberChainEnd(s, i); end > i+1 && IsAuthorIdent(s, i) && !IsProperty(s, i) {
		chainEnd := end
		if at, _ := lastMember(s, i, end); at > 0 && MemberName(s, at) == "bind" && IsDot(s, at-1) && s.Is(end, "(") {
			chainEnd = at - 1 // OktaUtil.completeLogin.bind(...)
		}
		if at, next := lastMember(s, i, chainEnd); at > 0 && next == chainEnd && MemberName(s, at) == "completeLogin" && fx.chainValue(s, i, at) == OktaUtil {
			if chainEnd != end {
				if args, ok := CallArgs(s, end); ok && len(args) == 1 {
					if v, e := fx.valueExpr(s, args[0].From); v == OktaUtil && e == args[0].To {
						return CompleteLogin, s.Match(end) + 1
					}
				}
				return None, i
			}
			return CompleteLogin, end
		}
		switch root := fx.nameValue(s, i); {
		case root == Widget && end == i+3 && IsName(s, i+2, "authClient"):
			return AuthClient, end
		case root != None:
			return Derived, end
		}
	}
	return None, i
}

// valueExpr reads a value expression at token i: a primary value, after
// guards (`OktaUtil && ...`), followed by what keeps it (a TypeScript `!`
// or `as Type`, a fallback to an empty object `|| {}`). It returns the
// value and the index after the part of the expression it read.
func (fx *Model) valueExpr(s *Script, i int) (Value, int) {
	// A guard before the value: OktaUtil.getRequestContext &&
	// OktaUtil.getRequestContext() gives the context or something falsy.
	for g := 0; g < 4; g++ {
		end := MemberChainEnd(s, i)
		if end == i || !s.Is(end, "&&") {
			break
		}
		i = end + 1
	}
	return fx.suffixed(s, i, fx.primaryValue)
}

// suffixed reads a value with read, then the suffixes valueExpr allows.
func (fx *Model) suffixed(s *Script, i int, read func(*Script, int) (Value, int)) (Value, int) {
	v, end := read(s, i)
	if v == None {
		return None, i
	}
	for steps := 0; steps < 8; steps++ {
		switch {
		case s.Is(end, "!"):
			end++
		case (s.Is(end, "||") || s.Is(end, "??")) && s.Is(end+1, "{") && s.Is(end+2, "}"):
			end += 3
		case IsName(s, end, "as") && IsAuthorIdent(s, end+1):
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
func (fx *Model) valueBefore(s *Script, k int) Value {
	if s.Is(k, "!") {
		k--
	}
	switch {
	case IsAuthorIdent(s, k) && !IsProperty(s, k):
		return fx.bound[fx.resolve(s, k)]
	case s.Is(k, ")"):
		open := s.Match(k)
		if open < 0 || open > k {
			return None
		}
		q := open - 1
		if s.Is(q, "?.") {
			q--
		}
		if IsName(s, q, "getRequestContext") || IsName(s, q, "getSignInWidgetConfig") {
			start := q - 2
			for IsDot(s, start-1) && IsAuthorIdent(s, start-2) {
				start -= 2
			}
			if v, end := OktaUtilCall(s, start); end == k+1 {
				return v
			}
			return None
		}
		if q >= 0 && (s.Tokens[q].Kind == jsscan.Ident || s.Is(q, ")") || s.Is(q, "]") || s.Tokens[q].Kind.IsLiteralText()) {
			return None // a call, not a parenthesized expression
		}
		if v, end := fx.valueExpr(s, open+1); end == k {
			return v
		}
	}
	return None
}

// spreadsConfig returns, for the object literal opening at brace, the index
// of the first top-level `...` that spreads the widget configuration (a
// name holding it, or the OktaUtil call), or -1. Keys after it override
// the configuration's own.
func (fx *Model) spreadsConfig(s *Script, brace int) int {
	close := s.Match(brace)
	for i := brace + 1; i < close; i++ {
		if m := s.Match(i); m > i {
			i = m
			continue
		}
		if s.Is(i, "...") && (s.Is(i-1, "{") || s.Is(i-1, ",")) {
			if v, end := fx.suffixed(s, i+1, fx.simpleValue); v == WidgetConfig && (s.Is(end, ",") || end == close) {
				return i
			}
		}
	}
	return -1
}

// patternSite is a destructuring declaration: `const { session } = res`.
type patternSite struct {
	s           *Script
	open, value int
	done        bool
}

// bindPattern gives every name the pattern opening at token open binds the
// value v.
func (fx *Model) bindPattern(s *Script, open int, v Value, scope int32) {
	end := s.Match(open)
	for k := open + 1; k < end; k++ {
		if IsAuthorIdent(s, k) && !IsProperty(s, k) && !s.Is(k+1, ":") && !s.Is(k+1, "(") &&
			(s.Is(k-1, "{") || s.Is(k-1, "[") || s.Is(k-1, ",") || s.Is(k-1, ":") || s.Is(k-1, "...")) {
			b := fx.resolve(s, k)
			if scope >= 0 {
				b = Binding{scope, s.Text(s.Tokens[k])}
			}
			if fx.bound[b] == None {
				fx.bound[b] = v
			}
		}
	}
}

// callbackSite is a function handed to the widget or the auth client,
// whose first parameter receives an Okta value: the success callback of
// renderEl, and the .then callback of showSignIn, showSignInToGetTokens,
// signIn and signInWithCredentials.
type callbackSite struct {
	s *Script
	// recv is the last token of the receiver, method its method name.
	recv   int
	method string
	arg    Span
	done   bool
}

// callbackAt reads a callback site at the method name at token i.
func callbackAt(s *Script, i int) (callbackSite, bool) {
	name := s.Text(s.Tokens[i])
	switch name {
	case "renderEl":
		args, ok := CallArgs(s, i+1)
		if !ok || len(args) < 2 || args[1].Empty() {
			return callbackSite{}, false
		}
		return callbackSite{s: s, recv: i - 2, method: name, arg: args[1]}, true
	case "then":
		close := i - 2
		open := s.Match(close)
		if !s.Is(close, ")") || open < 3 || !IsAuthorIdent(s, open-1) || !IsDot(s, open-2) {
			return callbackSite{}, false
		}
		args, ok := CallArgs(s, i+1)
		if !ok || len(args) < 1 || args[0].Empty() {
			return callbackSite{}, false
		}
		return callbackSite{s: s, recv: open - 3, method: s.Text(s.Tokens[open-1]), arg: args[0]}, true
	}
	return callbackSite{}, false
}

// bindCallback binds the first parameter of the callback of c once its
// receiver is known to be the widget or the auth client, and reports
// whether it did. The receiver of renderEl need not be traced in a file
// that creates or loads the widget: renderEl is the widget's own method.
func (fx *Model) bindCallback(c *callbackSite) bool {
	recv := fx.RootValue(c.s, c.recv)
	var v Value
	switch c.method {
	case "renderEl":
		if recv == Widget || recv == None && fx.widgetFile() {
			v = Response
		}
	case "showSignIn", "showSignInToGetTokens":
		if recv == Widget {
			v = Response
		}
	case "signIn", "signInWithCredentials":
		if recv == AuthClient {
			v = Transaction
		}
	}
	if v == None {
		return false
	}
	s, scope := c.s, int32(-1)
	if fn, ok := FunctionAt(s, c.arg); ok {
		id, known := fx.fnScope[TokenAt{s, fn.Body.From - 1}]
		if !known {
			return false
		}
		scope = id
		if p := fn.Params.From; !fn.Params.Empty() && (s.Is(p, "{") || s.Is(p, "[")) && s.Match(p) > p {
			fx.bindPattern(s, p, Derived, id)
			return true
		}
	} else if c.arg.To-c.arg.From == 1 && IsAuthorIdent(s, c.arg.From) {
		id, known := fx.functions[s.Text(s.Tokens[c.arg.From])]
		if !known {
			return false
		}
		scope = id
	}
	if scope < 0 || len(fx.scopes[scope].params) == 0 || fx.scopes[scope].params[0] == "" {
		return false
	}
	b := Binding{scope, fx.scopes[scope].params[0]}
	if fx.bound[b] == None {
		fx.bound[b] = v
	}
	return true
}

// widgetFile reports whether the file loads, imports or creates the
// widget.
func (fx *Model) widgetFile() bool {
	if fx.hosted || fx.widgetSrc || fx.createsWidget {
		return true
	}
	for _, v := range fx.bound {
		if v == WidgetClass || v == Widget {
			return true
		}
	}
	return false
}

// lastMember returns the last member access of the chain [i, end): the
// token of its name and the index after it, or -1.
func lastMember(s *Script, i, end int) (at, next int) {
	at, next = -1, i+1
	for k := i + 1; k < end; {
		a, n := Member(s, k)
		if a < 0 {
			return -1, k
		}
		at, next, k = a, n, n
	}
	return at, next
}

// chainValue returns the Okta value of the chain from the name at token i
// up to (not including) the member access whose name is token at:
// window.OktaUtil and window['OktaUtil'] are OktaUtil, a name its value.
func (fx *Model) chainValue(s *Script, i, at int) Value {
	start := at - 1 // the '.' or '['
	if s.Is(start, "[") && s.Is(start-1, "?.") {
		start--
	}
	if start == i+1 {
		return fx.nameValue(s, i)
	}
	if IsName(s, i, "window") || IsName(s, i, "self") || IsName(s, i, "globalThis") {
		if a, n := Member(s, i+1); a > 0 && n == start && MemberName(s, a) == "OktaUtil" {
			return OktaUtil
		}
	}
	return None
}
