package jsmodel

import (
	"bytes"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// Value says which Okta value an expression or a name holds.
type Value uint8

const (
	None           Value = iota
	RequestContext       // OktaUtil.getRequestContext()
	WidgetConfig         // OktaUtil.getSignInWidgetConfig(), or a copy of it
	OktaUtil             // the OktaUtil object of a hosted page
	WidgetClass          // the OktaSignIn constructor (global or imported)
	AuthClass            // the OktaAuth constructor of @okta/okta-auth-js
	Widget               // a widget instance: new OktaSignIn(...)
	AuthClient           // an Auth JS client: new OktaAuth(...), widget.authClient
	Response             // what the widget gives a success callback or resolves with
	Transaction          // what authClient.signIn or signInWithCredentials resolves with
	Derived              // read from one of the above: res.session, const { session } = res
	CompleteLogin        // OktaUtil.completeLogin, an alias of it, or it bound to OktaUtil
	WidgetModule         // the widget module's namespace: import * as ns; ns.default is the constructor
)

// Okta reports whether v is a value that comes from Okta's code.
func (v Value) Okta() bool { return v != None }

// Evidence says how sure the model is that code deals with Okta.
type Evidence uint8

const (
	// NoEvidence: nothing ties the code to Okta.
	NoEvidence Evidence = iota
	// Weak: only a name (sessionToken, res.session) in a file about Okta:
	// one that imports an Okta SDK, loads or creates the widget, or is a
	// hosted page.
	Weak
	// Strong: the value flows from an Okta source.
	Strong
)

// Binding is a name declared in a scope; scope 0 is the file's global scope,
// which every script of a page shares.
type Binding struct {
	Scope int32
	Name  string
}

// TokenAt is a token of one script.
type TokenAt struct {
	S *Script
	I int
}

// Declared is a function the file declares by name.
type Declared struct {
	S  *Script
	Fn Function
	// Name is the token of the name; Decl spans the whole declaration
	// statement (`function name() {...}`, `var name = ...;`), or is empty
	// when the declaration holds more than the function (var a = f, b).
	Name int
	Decl Span
}

// scopeInfo is one function's scope, or the global scope.
type scopeInfo struct {
	parent int32 // -1 for the global scope
	// params are the function's parameter names in order; "" stands for a
	// destructuring pattern.
	params []string
}

// Context is what makes a whole file about Okta. It is cheaper than the
// Model and cached on its own (ContextOf), since rules ask it of every file.
type Context struct {
	hosted, sdk, widgetSrc, createsWidget bool
}

var contextKey = lint.NewKey[*Context]("jsmodel.Context")

// ContextOf returns the file's Okta context, built on first use.
func ContextOf(f *lint.File) *Context { return lint.Cached(f, contextKey, readContext) }

// Hosted reports whether the file is an Okta-hosted sign-in page: it has the
// {{{OktaUtil}}} or {{{SignInWidgetResources}}} tag, or its code uses
// OktaUtil as an object and declares no OktaUtil of its own.
func (c *Context) Hosted() bool { return c.hosted }

// OktaFile reports whether the file is about Okta: a hosted page, a page
// that loads the widget bundle, or code that imports an Okta SDK (any
// @okta/ module) or creates OktaSignIn.
func (c *Context) OktaFile() bool { return c.hosted || c.sdk || c.widgetSrc || c.createsWidget }

// Model is what one file's scripts say, computed once (see Of).
type Model struct {
	*Context

	scopes  []scopeInfo
	scopeOf map[*Script][]int32
	// fnScope maps the token before a function's body (its '{' or '=>')
	// to the function's scope.
	fnScope map[TokenAt]int32
	// declared holds the names each scope declares, as declaredKey; one
	// map for the file, not one per name, with integer keys, so that
	// resolving a name hashes the name once, not at every scope it
	// climbs. nameIDs numbers the declared names.
	declared map[uint64]bool
	nameIDs  map[string]uint32
	// functions maps a function's name to its scope; the first declaration
	// of a name wins.
	functions map[string]int32
	named     map[string]Declared
	// bound maps a binding to the Okta value it holds.
	bound map[Binding]Value
	// parens counts the parentheses primaryValue is inside.
	parens int
	// parents maps a script to the enclosing bracket of each token.
	parents map[*Script][]int32
	// importsWidget is set when an import or require binds a name to the
	// widget's module.
	importsWidget bool
	// objectBrace memoizes IsObjectLiteral.
	objectBrace map[TokenAt]bool
}

var modelKey = lint.NewKey[*Model]("jsmodel")

// Of returns the model of the file's scripts, built on first use and shared
// by every rule that runs on the file.
func Of(f *lint.File) *Model { return lint.Cached(f, modelKey, build) }

func build(f *lint.File) *Model {
	m := &Model{
		Context:   ContextOf(f),
		scopes:    []scopeInfo{{parent: -1}},
		scopeOf:   map[*Script][]int32{},
		fnScope:   map[TokenAt]int32{},
		declared:  map[uint64]bool{},
		nameIDs:   map[string]uint32{},
		functions: map[string]int32{},
		named:     map[string]Declared{},
		bound:     map[Binding]Value{},
	}
	for _, s := range f.Doc.Scripts {
		m.scanScopes(s)
	}
	for _, s := range f.Doc.Scripts {
		m.scanDeclarations(s)
		m.scanNamedFunctions(s)
		m.scanImports(s)
	}
	m.propagate(f)
	return m
}

// readContext reads what makes the whole file about Okta: the hosted page's
// Mustache tags, OktaUtil used as an object, a widget bundle loaded with
// <script src>, an Okta SDK named in a module string.
func readContext(f *lint.File) *Context {
	m := &Context{}
	usesOktaUtil, ownOktaUtil := false, false
	for _, t := range f.Doc.Mustache {
		if t.Kind != jsscan.MustacheComment && (t.Name == "OktaUtil" || t.Name == "SignInWidgetResources") {
			m.hosted = true
		}
	}
	for _, el := range f.Doc.ExternalScripts {
		if src, ok := el.Attr("src"); ok && strings.Contains(src.Val, "okta-signin-widget") {
			m.widgetSrc = true
		}
	}
	for _, s := range f.Doc.Scripts {
		for i, t := range s.Tokens {
			switch t.Kind {
			case jsscan.Ident:
				if IsName(s, i, "OktaUtil") {
					usesOktaUtil = usesOktaUtil || IsDot(s, i+1)
					// function OktaUtil(), var OktaUtil =: the file's own.
					ownOktaUtil = ownOktaUtil || s.Is(i-1, "function") || (s.Is(i-1, "var") || s.Is(i-1, "let") || s.Is(i-1, "const") || s.Is(i-1, "class")) && !IsProperty(s, i)
				}
				if IsName(s, i, "OktaSignIn") && s.Is(i+1, "(") && (s.Is(i-1, "new") || IsDot(s, i-1) && s.Is(i-3, "new")) {
					m.createsWidget = true
				}
			case jsscan.String:
				if isModuleString(s, i) && bytes.Contains(s.Bytes(t), []byte("@okta/")) {
					m.sdk = true
				}
			}
		}
	}
	m.hosted = m.hosted || usesOktaUtil && !ownOktaUtil
	return m
}

// isModuleString reports whether string token i names a module: after
// `from`, `import`, or as the argument of require(...) or import(...).
func isModuleString(s *Script, i int) bool {
	return s.Is(i-1, "from") || s.Is(i-1, "import") ||
		s.Is(i-1, "(") && (IsName(s, i-2, "require") || s.Is(i-2, "import")) && s.Is(i+1, ")")
}

// OktaFile reports whether the file is about Okta (Context.OktaFile), or
// creates an OktaAuth client.
func (m *Model) OktaFile() bool {
	if m.Context.OktaFile() {
		return true
	}
	for _, v := range m.bound {
		if v == Widget || v == AuthClient {
			return true
		}
	}
	return false
}

// Scope returns the innermost function scope of token i; 0 is the global
// scope.
func (m *Model) Scope(s *Script, i int) int32 { return m.scope(s, i) }

// Resolve returns the binding the name at token i refers to: the nearest
// enclosing scope that declares it, or the global scope.
func (m *Model) Resolve(s *Script, i int) Binding { return m.resolve(s, i) }

// Bound returns the Okta value a binding holds.
func (m *Model) Bound(b Binding) Value { return m.bound[b] }

// FunctionNamed returns the function the file declares under name:
// `function name(...) {...}` or `var|let|const name = <function>`. The
// first declaration wins, as hoisting makes it visible everywhere.
func (m *Model) FunctionNamed(name string) (Declared, bool) {
	d, ok := m.named[name]
	return d, ok
}

// FunctionPassed returns the function an argument passes: a function or
// arrow written as the argument (inline), or the name of a function the
// file declares (FunctionNamed), with the script that holds it.
func (m *Model) FunctionPassed(s *Script, arg Span) (fs *Script, fn Function, inline, ok bool) {
	if fn, ok := FunctionAt(s, arg); ok {
		return s, fn, true, true
	}
	if arg.To-arg.From == 1 && s.Tokens[arg.From].Kind == jsscan.Ident {
		if d, ok := m.FunctionNamed(s.Text(s.Tokens[arg.From])); ok {
			return d.S, d.Fn, false, true
		}
	}
	return s, Function{}, false, false
}

// ValueBefore returns the Okta value of the expression that ends with
// token k, the object of a member access after it.
func (m *Model) ValueBefore(s *Script, k int) Value { return m.valueBefore(s, k) }

// ValueExpr reads an expression at token i and returns the Okta value it
// gives and the index after the part it read.
func (m *Model) ValueExpr(s *Script, i int) (Value, int) { return m.valueExpr(s, i) }

// ConfigRef reads, at token i, the widget configuration by name or by the
// OktaUtil call (with TypeScript's ! and as), and returns the index after
// it, or ok false.
func (m *Model) ConfigRef(s *Script, i int) (end int, ok bool) {
	v, end := m.suffixed(s, i, m.simpleValue)
	return end, v == WidgetConfig
}

// SpreadsConfig returns, for the object literal opening at brace, the index
// of the first top-level `...` that spreads the hosted widget
// configuration, or -1.
func (m *Model) SpreadsConfig(s *Script, brace int) int { return m.spreadsConfig(s, brace) }

// ChainRoot walks back from token k, the last token of an object
// expression (a name, a call's ')', a bracket access' ']'), over member
// accesses and calls to the chain's first token, and returns it, or -1 when
// the chain does not start with a name (a literal, a parenthesized
// expression).
func ChainRoot(s *Script, k int) int {
	for steps := 0; k >= 0 && steps < 64; steps++ {
		if s.Is(k, "!") {
			k--
			continue
		}
		switch {
		case IsAuthorIdent(s, k) || s.Is(k, "this"):
			if IsDot(s, k-1) {
				k -= 2
				continue
			}
			return k
		case s.Is(k, ")") || s.Is(k, "]"):
			open := s.Match(k)
			if open <= 0 || open > k {
				return -1
			}
			q := open - 1
			if s.Is(q, "?.") {
				q--
			}
			if s.Is(q, ")") || s.Is(q, "]") || IsAuthorIdent(s, q) {
				k = q
				continue
			}
			return -1
		default:
			return -1
		}
	}
	return -1
}

// RootValue returns the Okta value of the chain whose last object token
// is k: the value of its root name, of a `new` expression at its root, or
// of a known global (OktaUtil, OktaSignIn, OktaAuth).
func (m *Model) RootValue(s *Script, k int) Value {
	if v := m.valueBefore(s, k); v != None {
		return v
	}
	r := ChainRoot(s, k)
	if r < 0 {
		return None
	}
	if s.Is(r-1, "new") {
		if v, _ := m.newValue(s, r-1); v != None {
			return v
		}
	}
	if IsDot(s, r+1) || s.Is(r+1, "[") || s.Is(r+1, "(") || s.Is(r+1, "?.") || r == k {
		if v := m.nameValue(s, r); v != None {
			if r == k {
				return v
			}
			return Derived
		}
	}
	return None
}

// EvidenceAt returns the evidence that the member access whose object ends
// at token k reads an Okta value: Strong when the chain's root holds one,
// Weak in a file about Okta, none elsewhere.
func (m *Model) EvidenceAt(s *Script, k int) Evidence {
	if m.RootValue(s, k) != None {
		return Strong
	}
	if m.OktaFile() {
		return Weak
	}
	return NoEvidence
}

// FileEvidence is the evidence of a name the model cannot trace to a
// value: Weak in a file about Okta, none elsewhere.
func (m *Model) FileEvidence() Evidence {
	if m.OktaFile() {
		return Weak
	}
	return NoEvidence
}

// KeyEvidence returns the evidence for an object key at token key: the
// evidence of the call the object literal is an argument of (nested
// literals are followed out), or FileEvidence when it is no argument.
func (m *Model) KeyEvidence(s *Script, key int) Evidence {
	i := key
	for depth := 0; depth < 8; depth++ {
		open := m.enclosingOpen(s, i)
		if open < 0 {
			break
		}
		switch {
		case s.Is(open, "{"):
			i = open
			continue
		case s.Is(open, "(") && open > 0:
			q := open - 1
			if s.Is(q, "?.") {
				q--
			}
			if IsAuthorIdent(s, q) || s.Is(q, ")") || s.Is(q, "]") {
				if m.RootValue(s, q) != None || m.calleeOkta(s, q) {
					return Strong
				}
				return m.FileEvidence()
			}
		}
		break
	}
	return m.FileEvidence()
}

// calleeOkta reports whether the callee ending at token q is itself a
// method of an Okta value (authClient.token.getWithRedirect).
func (m *Model) calleeOkta(s *Script, q int) bool {
	if IsAuthorIdent(s, q) && IsDot(s, q-1) {
		return m.RootValue(s, q-2) != None
	}
	return false
}

// enclosingOpen returns the opening bracket that encloses token i, or -1.
// The index of enclosing brackets is built once per script, on first use.
func (m *Model) enclosingOpen(s *Script, i int) int {
	parent, ok := m.parents[s]
	if !ok {
		parent = make([]int32, len(s.Tokens))
		var stack []int32
		for k := range s.Tokens {
			if c := s.Match(k); c >= 0 && c < k && (s.Is(k, ")") || s.Is(k, "]") || s.Is(k, "}")) {
				for len(stack) > 0 {
					top := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					if int(top) == c {
						break
					}
				}
			}
			parent[k] = -1
			if len(stack) > 0 {
				parent[k] = stack[len(stack)-1]
			}
			if c := s.Match(k); c > k && (s.Is(k, "(") || s.Is(k, "[") || s.Is(k, "{")) {
				stack = append(stack, int32(k))
			}
		}
		if m.parents == nil {
			m.parents = map[*Script][]int32{}
		}
		m.parents[s] = parent
	}
	if i < 0 || i >= len(parent) {
		return -1
	}
	return int(parent[i])
}

// nameValue returns the value the name at token r holds: its binding's,
// or for a global that nothing declares, OktaUtil, OktaSignIn and OktaAuth.
func (m *Model) nameValue(s *Script, r int) Value {
	if !IsAuthorIdent(s, r) || IsProperty(s, r) {
		return None
	}
	b := m.resolve(s, r)
	if v := m.bound[b]; v != None {
		return v
	}
	if b.Scope != 0 || m.declares(0, b.Name) {
		return None
	}
	switch b.Name {
	case "OktaUtil":
		return OktaUtil
	case "OktaSignIn":
		return WidgetClass
	case "OktaAuth":
		return AuthClass
	}
	return None
}

// newValue reads `new C(...)` at token i: a widget when C is the widget's
// constructor (OktaSignIn, window.OktaSignIn, an import or alias of it), an
// auth client for OktaAuth.
func (m *Model) newValue(s *Script, i int) (Value, int) {
	v, open := m.newCall(s, i)
	if v == None {
		return None, i
	}
	return v, s.Match(open) + 1
}

// newCall reads `new C(` at token i and returns what the call creates
// (Widget, AuthClient or None) and the index of its '('; the constructor
// runs from i+1 to that '('.
func (m *Model) newCall(s *Script, i int) (Value, int) {
	if !s.Is(i, "new") {
		return None, i
	}
	j := i + 1
	for (IsName(s, j, "window") || IsName(s, j, "globalThis") || IsName(s, j, "self")) && IsDot(s, j+1) && IsAuthorIdent(s, j+2) {
		j += 2
	}
	open := j + 1
	v := None
	switch {
	case !IsAuthorIdent(s, j):
		return None, i
	case IsDot(s, j+1) && IsName(s, j+2, "default") && m.nameValue(s, j) == WidgetModule:
		// import * as ns from '@okta/okta-signin-widget'; new ns.default(...)
		v, open = WidgetClass, j+3
	default:
		v = m.nameValue(s, j)
		if j > i+1 {
			switch s.Text(s.Tokens[j]) {
			case "OktaSignIn":
				v = WidgetClass
			case "OktaAuth":
				v = AuthClass
			}
		}
	}
	if !s.Is(open, "(") || s.Match(open) < open {
		return None, i
	}
	switch v {
	case WidgetClass:
		return Widget, open
	case AuthClass:
		return AuthClient, open
	}
	return None, i
}

// methodValue reads `[await] X.method(...)` at token i, where method is
// one whose result the model knows, and returns that result.
func (m *Model) methodValue(s *Script, i int) (Value, int) {
	if s.Is(i, "await") {
		i++
	}
	end := MemberChainEnd(s, i)
	if end-i < 3 || !s.Is(end, "(") || s.Match(end) < end || !IsAuthorIdent(s, end-1) || !IsDot(s, end-2) {
		return None, i
	}
	recv := m.RootValue(s, end-3)
	switch s.Text(s.Tokens[end-1]) {
	case "showSignIn", "showSignInToGetTokens":
		if recv == Widget {
			return Response, s.Match(end) + 1
		}
	case "signIn", "signInWithCredentials":
		if recv == AuthClient {
			return Transaction, s.Match(end) + 1
		}
	}
	return None, i
}

// scanNamedFunctions indexes the functions s declares by name.
func (m *Model) scanNamedFunctions(s *Script) {
	for i := range s.Tokens {
		if !IsAuthorIdent(s, i) || IsProperty(s, i) {
			continue
		}
		name := s.Text(s.Tokens[i])
		if _, seen := m.named[name]; seen {
			continue
		}
		if s.Is(i-1, "function") && s.Is(i+1, "(") {
			close := s.Match(i + 1)
			if close > 0 && s.Is(close+1, "{") && s.Match(close+1) > close {
				end := s.Match(close + 1)
				d := Declared{S: s, Fn: Function{Params: Span{i + 2, close}, Body: Span{close + 2, end}}, Name: i}
				if functionStatement(s, i-1) {
					d.Decl = Span{i - 1, end + 1}
				}
				m.named[name] = d
			}
			continue
		}
		if (s.Is(i-1, "var") || s.Is(i-1, "let") || s.Is(i-1, "const")) && s.Is(i+1, "=") {
			if fn, end, ok := FunctionFrom(s, i+2); ok {
				d := Declared{S: s, Fn: fn, Name: i}
				if s.Is(end, ";") {
					end++
				}
				if EndsExpression(s, end) && !s.Is(end, ",") {
					d.Decl = Span{i - 1, end}
				}
				m.named[name] = d
			}
		}
	}
}

// scanImports binds the names an import or require gives the widget's and
// Auth JS's constructors.
func (m *Model) scanImports(s *Script) {
	for i, t := range s.Tokens {
		if t.Kind != jsscan.String || !isModuleString(s, i) {
			continue
		}
		mod, _ := StringValue(s, i)
		var class Value
		switch {
		case IsWidgetModule(mod):
			class = WidgetClass
		case mod == "@okta/okta-auth-js":
			class = AuthClass
		default:
			continue
		}
		// import * as ns from 'mod': ns.default is the constructor.
		if class == WidgetClass && s.Is(i-1, "from") && IsAuthorIdent(s, i-2) && IsName(s, i-3, "as") && s.Is(i-4, "*") {
			m.bound[Binding{0, s.Text(s.Tokens[i-2])}] = WidgetModule
			m.importsWidget = true
			continue
		}
		// import X from 'mod' / import X, { ... } from 'mod'
		if s.Is(i-1, "from") {
			k := i - 2
			if s.Is(k, "}") && s.Match(k) >= 0 {
				m.importNamed(s, s.Match(k), k, class)
				k = s.Match(k) - 1
				if s.Is(k, ",") {
					k--
				}
			}
			if IsAuthorIdent(s, k) && s.Is(k-1, "import") {
				m.bind(Binding{0, s.Text(s.Tokens[k])}, class)
			}
			continue
		}
		// const X = require('mod'), const { OktaAuth } = require('mod'),
		// import X = require('mod')
		if s.Is(i-1, "(") && IsName(s, i-2, "require") && s.Is(i-3, "=") {
			switch k := i - 4; {
			case IsAuthorIdent(s, k):
				m.bind(m.resolve(s, k), class)
			case s.Is(k, "}") && s.Match(k) >= 0:
				m.importNamed(s, s.Match(k), k, class)
			}
		}
	}
}

// importNamed binds the names of `{ OktaAuth, default as X }` (import) or
// `{ OktaAuth: X }` (require) that stand for the module's constructor.
func (m *Model) importNamed(s *Script, open, close int, class Value) {
	for k := open + 1; k < close; k++ {
		if !IsAuthorIdent(s, k) && !s.Is(k, "default") || !(s.Is(k-1, "{") || s.Is(k-1, ",")) {
			continue
		}
		name := s.Text(s.Tokens[k])
		local := k
		if (IsName(s, k+1, "as") || s.Is(k+1, ":")) && IsAuthorIdent(s, k+2) {
			local = k + 2
		}
		if name == "default" || name == "OktaSignIn" && class == WidgetClass || name == "OktaAuth" && class == AuthClass {
			m.bind(Binding{m.scope(s, local), s.Text(s.Tokens[local])}, class)
		}
	}
}

// bind gives an imported name the module's constructor, and notes an
// import of the widget.
func (m *Model) bind(b Binding, class Value) {
	m.bound[b] = class
	m.importsWidget = m.importsWidget || class == WidgetClass
}

// widgetModule is the npm package of the Sign-In Widget.
const widgetModule = "@okta/okta-signin-widget"

// IsWidgetModule reports whether a module name is the widget's package or
// a script file in it (not a style sheet).
func IsWidgetModule(mod string) bool {
	if mod == widgetModule {
		return true
	}
	rest, ok := strings.CutPrefix(mod, widgetModule+"/")
	return ok && !strings.HasSuffix(rest, ".css") && !strings.HasSuffix(rest, ".scss")
}

// maxScopeDepth bounds the walk from a scope to the scope declaring a name.
// Real pages nest a handful of functions; a generated page nesting
// thousands would otherwise cost a walk per name per level.
const maxScopeDepth = 64

// maxParens bounds how deep primaryValue looks into parentheses:
// ((ctx)).target is read, but a value is not searched for through every
// level of ((((...).a).a).a), once per level.
const maxParens = 4

// maxPropagation bounds the rounds that follow values through aliases,
// parameters and callbacks (var a = ctx; helper(a); function helper(c)
// {...}).
const maxPropagation = 8

// functionStatement reports whether the `function` keyword at token k
// starts a statement of its own, which can be removed whole: after the
// start of a script, a `;` or a brace, or on a new line after something
// that ends a statement.
func functionStatement(s *Script, k int) bool {
	if k == 0 || s.Is(k-1, ";") || s.Is(k-1, "}") || s.Is(k-1, "{") {
		return true
	}
	if !s.Tokens[k].NewlineBefore {
		return false
	}
	p := s.Tokens[k-1]
	return p.Kind == jsscan.Ident && !s.Is(k-1, "export") && !s.Is(k-1, "default") && !s.Is(k-1, "return") && !s.Is(k-1, "async") ||
		p.Kind == jsscan.Number || p.Kind == jsscan.String || s.Is(k-1, ")") || s.Is(k-1, "]")
}

// IsCompleteLogin reports whether the expression sp is exactly
// OktaUtil.completeLogin: on any receiver that holds OktaUtil (window.OktaUtil,
// window['OktaUtil'], an alias), through a name that holds it
// (var success = OktaUtil.completeLogin), or bound (.bind(OktaUtil)).
func (m *Model) IsCompleteLogin(s *Script, sp Span) bool {
	if sp.Empty() {
		return false
	}
	v, end := m.valueExpr(s, sp.From)
	return v == CompleteLogin && end == sp.To
}
