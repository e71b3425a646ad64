package jsmodel

import (
	"bytes"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// Widgets is what a file shows of the Sign-In Widgets it creates and of
// the configurations it gives them (WidgetsOf):
//
//	import Signin from '@okta/okta-signin-widget'     // Signin is the constructor
//	const cfg = { baseUrl, clientId };                 // a configuration literal
//	cfg.useInteractionCodeFlow = true;                 // an option written later
//	this.widget = new Signin({ ...cfg, el: '#w' });    // a construction
//
// Configurations are followed by Ref: a binding of the model (resolved
// through scopes), or a member path on one (this.config, a class field,
// widgetRef.current). What a Ref holds is the values the file assigns to
// it (valuesOf); a configuration is Known when that is exactly one object
// literal, and an option of it is Unknown when the file does not show it
// (a spread of something untraced, the object handed to other code).
type Widgets struct {
	f *lint.File
	m *Model
	// constructions are the `new OktaSignIn(...)` calls, in file order.
	constructions []*Construction
	// values maps a Ref to the values assigned to it, in file order.
	values map[Ref][]assigned
	// configRefs are the Refs that hold a widget configuration: those
	// passed to a construction, spread into its literal, or holding
	// OktaUtil.getSignInWidgetConfig() (see Model.Bound).
	configRefs map[Ref]bool
	writes     []Write
	writesOf   map[Ref][]int
	// escaped holds the configRefs handed to other code that may change
	// them (Object.assign(config, ...), setup(config), alias = config).
	escaped map[Ref]bool
	// classBody marks the '{' of class bodies, whose fields are this.x.
	classBody map[TokenAt]bool

	props    map[Object][]Prop
	keyAt    map[Object]map[int]int
	valMemo  map[Ref]refValues
	options  map[optionKey]Option
	renders  []RenderEl
	rendRead bool
}

// Ref names what a configuration is passed by: a binding, or a member path
// on one. Path holds the members after the binding, joined with dots
// ("config" is {B, ""}, this.config {this, "config"}).
type Ref struct {
	B    Binding
	Path string
}

// Construction is one `new OktaSignIn(...)`, through any name of the
// constructor (see Model: globals, imports, aliases).
type Construction struct {
	S *Script
	// New is the `new` keyword, CalleeEnd the index after the constructor,
	// Open its '('.
	New, CalleeEnd, Open int
	// Arg is the first argument, the configuration (empty when none).
	Arg    Span
	Config Config
}

// ByteSpan returns the bytes of `new OktaSignIn`.
func (c *Construction) ByteSpan() (int, int) {
	return c.S.Tokens[c.New].Start, c.S.Tokens[c.CalleeEnd-1].End
}

// Config is a construction's configuration as the file shows it.
type Config struct {
	// Ref is what the configuration is passed by; HasRef is false for a
	// literal or another expression.
	Ref    Ref
	HasRef bool
	// Objects are the object literals the configuration may be: the
	// argument itself, or the literals assigned to Ref.
	Objects []Object
	// Known is set when the configuration is exactly one literal of the
	// file; Hosted when a value of Ref is OktaUtil.getSignInWidgetConfig().
	Known, Hosted bool
}

// Write is an assignment to an option of a configuration:
// config.features.router = v, config['features.router'] = v, or a key of a
// literal copied in by Object.assign(config, { ... }).
type Write struct {
	S   *Script
	Ref Ref
	// Path is the option's path after the configuration, dotted keys
	// split (config['features.router'] gives features, router); Toks[k]
	// is the token of Path[k].
	Path  []string
	Toks  []int
	Value Span
}

// State says what a configuration does with an option.
type State uint8

const (
	Missing State = iota // not set: the widget's default applies
	Set                  // set to a value that is not falsy
	Off                  // set to false, !1, null, undefined or void 0
	Unknown              // the file does not show it
)

// Kind says what literal an option's value is.
type Kind uint8

const (
	OtherKind  Kind = iota // a name, a call, an object, ...
	BoolKind               // true, false, !0, !1
	StringKind             // a string literal
)

// Option is what a configuration does with one option (Widgets.Option).
type Option struct {
	State State
	// Kind and Bool say what the value is; S, Key and Value where (for Set
	// and Off). Key is the key's or the written property's token; In is
	// the literal holding the key (zero for a Write).
	Kind  Kind
	Bool  bool
	S     *Script
	Key   int
	Value Span
	In    Object
}

// ByteSpan returns the bytes of the option's value.
func (o Option) ByteSpan() (int, int) { return ByteSpan(o.S, o.Value) }

// RenderEl is a renderEl(...) call on any object.
type RenderEl struct {
	S *Script
	// Name is the renderEl token, Open its '('.
	Name, Open int
	Args       []Span
}

// assigned is one value assigned to a Ref.
type assigned struct {
	s *Script
	// at is the value's first token.
	at   int
	kind valueKind
	// ref is the other Ref, for an alias.
	ref Ref
}

type valueKind uint8

const (
	valueOther         valueKind = iota
	valueLiteral                 // an object literal
	valueHostedConfig            // OktaUtil.getSignInWidgetConfig()
	valueAlias                   // another Ref
	valueUninitialized           // a declaration without a value
)

// refValues is what the values assigned to one Ref come to.
type refValues struct {
	literals []Object
	// others counts values that are not object literals; hosted is set
	// when one is OktaUtil.getSignInWidgetConfig().
	others int
	hosted bool
}

type optionKey struct {
	ref    Ref
	lit    Object
	option string
}

var widgetsKey = lint.NewKey[*Widgets]("jsmodel.Widgets")

// WidgetsOf returns the file's widgets and configurations, built on first
// use from the file's Model.
func WidgetsOf(f *lint.File) *Widgets { return lint.Cached(f, widgetsKey, buildWidgets) }

// maxChainParts bounds the member paths read as Refs (a.b.c...): real
// configuration names are short.
const maxChainParts = 8

// maxSpreadDepth bounds how far spreads of spreads are followed; past it, a
// configuration counts as one the file does not show.
const maxSpreadDepth = 16

func buildWidgets(f *lint.File) *Widgets {
	m := Of(f)
	w := &Widgets{
		f:          f,
		m:          m,
		values:     map[Ref][]assigned{},
		configRefs: map[Ref]bool{},
		escaped:    map[Ref]bool{},
		classBody:  map[TokenAt]bool{},
		props:      map[Object][]Prop{},
	}
	if !m.hosted && !MentionsWidget(f) {
		// Most application files have nothing to do with the widget:
		// skip recording their every assignment.
		return w
	}
	for _, s := range f.Doc.Scripts {
		w.scanClassBodies(s)
		for i := 0; i < len(s.Tokens); i++ {
			t := s.Tokens[i]
			if t.Templated {
				continue
			}
			switch {
			case s.Is(i, "new") && t.Kind == jsscan.Keyword:
				if v, open := m.newCall(s, i); v == Widget {
					c := &Construction{S: s, New: i, CalleeEnd: open, Open: open}
					if args, ok := CallArgs(s, open); ok && len(args) > 0 {
						c.Arg = args[0]
					}
					w.constructions = append(w.constructions, c)
				}
			case (s.Is(i, "var") || s.Is(i, "let") || s.Is(i, "const")) && t.Kind == jsscan.Keyword:
				w.readDeclarations(s, i)
			case t.Kind == jsscan.Ident || s.Is(i, "this"):
				if s.Is(i-1, "var") || s.Is(i-1, "let") || s.Is(i-1, "const") || IsProperty(s, i) {
					continue
				}
				if w.readParameterProperty(s, i) {
					continue
				}
				if p := m.enclosingOpen(s, i); p >= 0 && w.classBody[TokenAt{s, p}] && t.Kind == jsscan.Ident {
					if eq, ok := classFieldInit(s, i); ok {
						w.addValue(Ref{thisBinding, s.Text(t)}, s, eq+1)
						continue
					}
				}
				if ref, end, ok := w.refAt(s, i); ok && s.Is(end, "=") {
					w.addValue(ref, s, end+1)
				}
			}
		}
	}
	argStarts := map[TokenAt]bool{}
	for _, c := range w.constructions {
		if !c.Arg.Empty() {
			c.Config = w.resolveConfig(c.S, c.Arg)
			argStarts[TokenAt{c.S, c.Arg.From}] = true
		}
	}
	for ref, vals := range w.values {
		for _, v := range vals {
			if v.kind == valueHostedConfig {
				w.configRefs[ref] = true
			}
		}
	}
	// Names the model traces to the hosted configuration: copies
	// ({ ...config }, Object.assign({}, config)), aliases, parameters it
	// is passed to. OIE008 reads the same names through the model.
	for b, v := range m.bound {
		if v == WidgetConfig {
			w.configRefs[Ref{B: b}] = true
		}
	}
	spreadRead := map[Object]bool{}
	for _, c := range w.constructions {
		if c.Config.HasRef {
			if w.configRefs[c.Config.Ref] {
				continue // its literals were read for an earlier construction
			}
			w.configRefs[c.Config.Ref] = true
		}
		for _, lit := range c.Config.Objects {
			w.addSpreadRefs(lit, spreadRead, 0)
		}
	}
	if len(w.configRefs) > 0 {
		heads := map[string]bool{}
		for ref := range w.configRefs {
			heads[ref.B.Name] = true
		}
		for _, s := range f.Doc.Scripts {
			w.findUses(s, argStarts, heads)
		}
	}
	w.writesOf = map[Ref][]int{}
	for i, u := range w.writes {
		w.writesOf[u.Ref] = append(w.writesOf[u.Ref], i)
	}
	return w
}

// MentionsWidget reports whether the file's code names OktaSignIn or the
// widget's npm module: without either it can neither create nor import
// the widget.
func MentionsWidget(f *lint.File) bool {
	for _, s := range f.Doc.Scripts {
		for i, t := range s.Tokens {
			switch t.Kind {
			case jsscan.Ident:
				if s.Is(i, "OktaSignIn") {
					return true
				}
			case jsscan.String, jsscan.Template:
				if bytes.Contains(s.Bytes(t), []byte("okta-signin-widget")) {
					return true
				}
			}
		}
	}
	return false
}

// Constructions returns the file's `new OktaSignIn(...)` calls in file
// order.
func (w *Widgets) Constructions() []*Construction { return w.constructions }

// ImportsWidget reports whether the file imports or requires the widget's
// module with a binding.
func (w *Widgets) ImportsWidget() bool { return w.m.importsWidget }

// WidgetFile reports whether the file is about the Sign-In Widget: a
// hosted page, or a file that imports or creates the widget.
func (w *Widgets) WidgetFile() bool {
	return w.m.importsWidget || len(w.constructions) > 0 || w.m.hosted
}

// Writes returns the assignments to options of the file's configurations
// (those passed to a construction or spread into one, and those holding
// OktaUtil.getSignInWidgetConfig()), in file order.
func (w *Widgets) Writes() []Write { return w.writes }

// thisBinding is the Ref binding of `this`: members of this are keyed by
// name whatever the class, as a page rarely has two widget classes.
var thisBinding = Binding{0, "this"}

// refAt reads the Ref starting at token i: a name (or this) that is not
// itself a property, resolved through scopes, followed by up to
// maxChainParts-1 `.name` accesses. It returns the index after it.
func (w *Widgets) refAt(s *Script, i int) (Ref, int, bool) {
	if i < 0 || i >= len(s.Tokens) || s.Tokens[i].Templated || IsProperty(s, i) {
		return Ref{}, i, false
	}
	var ref Ref
	switch {
	case s.Is(i, "this"):
		ref.B = thisBinding
	case s.Tokens[i].Kind == jsscan.Ident:
		ref.B = w.m.resolve(s, i)
	default:
		return Ref{}, i, false
	}
	end := i + 1
	var path strings.Builder
	for n := 1; n < maxChainParts && IsDot(s, end) && IsAuthorIdent(s, end+1); n++ {
		if path.Len() > 0 {
			path.WriteByte('.')
		}
		path.WriteString(s.Text(s.Tokens[end+1]))
		end += 2
	}
	ref.Path = path.String()
	return ref, end, true
}

// scanClassBodies marks the class bodies of s: class Name [extends Base]
// [implements I] { ... }.
func (w *Widgets) scanClassBodies(s *Script) {
	for i, t := range s.Tokens {
		if !s.Is(i, "class") || t.Kind != jsscan.Keyword {
			continue
		}
		for j := i + 1; j < len(s.Tokens) && j < i+64; j++ {
			if s.Is(j, "{") {
				if s.Match(j) > j {
					w.classBody[TokenAt{s, j}] = true
				}
				break
			}
			if s.Is(j, "(") && s.Match(j) > j {
				j = s.Match(j)
				continue
			}
			if s.Is(j, ";") || s.Is(j, "}") || s.Is(j, ")") {
				break
			}
		}
	}
}

// readDeclarations reads `var|let|const a [: T] = v, b = w` starting at the
// keyword i.
func (w *Widgets) readDeclarations(s *Script, i int) {
	k := i + 1
	for steps := 0; steps < 64 && k < len(s.Tokens); steps++ {
		if s.Tokens[k].Kind != jsscan.Ident || s.Tokens[k].Templated {
			return // a pattern, or something else
		}
		ref := Ref{B: w.m.resolve(s, k)}
		eq := k + 1
		if s.Is(eq, "!") {
			eq++
		}
		if s.Is(eq, ":") {
			eq = typeEnd(s, eq+1)
		}
		if !s.Is(eq, "=") {
			w.values[ref] = append(w.values[ref], assigned{s: s, at: eq, kind: valueUninitialized})
			if s.Is(eq, ",") {
				k = eq + 1
				continue
			}
			return
		}
		w.addValue(ref, s, eq+1)
		end, ok := ExpressionEnd(s, eq+1, MaxExpressionSteps)
		if !ok || !s.Is(end, ",") {
			return
		}
		k = end + 1
	}
}

// typeEnd skips a TypeScript type annotation starting at token i and
// returns the index of the '=', ',', ';' or ')' after it.
func typeEnd(s *Script, i int) int {
	for steps := 0; i < len(s.Tokens) && steps < 64; steps++ {
		if s.Is(i, "=") || s.Is(i, ",") || s.Is(i, ";") || s.Is(i, ")") || s.Is(i, "}") {
			return i
		}
		if m := s.Match(i); m > i {
			i = m + 1
			continue
		}
		i++
	}
	return i
}

// classFieldInit reads a class field with an initializer starting at the
// name i ([modifiers] name[!|?][: T] = value) and returns the '=' index.
func classFieldInit(s *Script, i int) (int, bool) {
	prevOK := s.Tokens[i].NewlineBefore || s.Is(i-1, "{") || s.Is(i-1, ";") || s.Is(i-1, "}") || s.Is(i-1, ")")
	if tsModifier(s, i-1) || IsName(s, i-1, "static") || IsName(s, i-1, "declare") || IsName(s, i-1, "override") {
		prevOK = true
	}
	if !prevOK {
		return 0, false
	}
	switch s.Text(s.Tokens[i]) {
	case "private", "public", "protected", "readonly", "static", "declare", "override":
		if i+1 < len(s.Tokens) && s.Tokens[i+1].Kind == jsscan.Ident && !s.Tokens[i+1].NewlineBefore {
			return 0, false // a modifier: the name comes next
		}
	}
	eq := i + 1
	if s.Is(eq, "!") || s.Is(eq, "?") {
		eq++
	}
	if s.Is(eq, ":") {
		eq = typeEnd(s, eq+1)
	}
	return eq, s.Is(eq, "=")
}

// tsModifier reports whether token k is a TypeScript access modifier.
func tsModifier(s *Script, k int) bool {
	return IsName(s, k, "private") || IsName(s, k, "public") || IsName(s, k, "protected") || IsName(s, k, "readonly")
}

// readParameterProperty records a TypeScript parameter property
// (constructor(private config: Options)) as a value of this.config that
// the file does not show, and reports whether token i is one.
func (w *Widgets) readParameterProperty(s *Script, i int) bool {
	if s.Tokens[i].Kind != jsscan.Ident || !tsModifier(s, i-1) {
		return false
	}
	next := s.Is(i+1, ",") || s.Is(i+1, ")") || s.Is(i+1, "=") || s.Is(i+1, ":") || s.Is(i+1, "?")
	p := w.m.enclosingOpen(s, i)
	if !next || p < 0 || !s.Is(p, "(") || !IsParamList(s, p) {
		return false
	}
	k := i - 1
	for tsModifier(s, k) {
		k--
	}
	if !s.Is(k, "(") && !s.Is(k, ",") {
		return false
	}
	ref := Ref{thisBinding, s.Text(s.Tokens[i])}
	w.values[ref] = append(w.values[ref], assigned{s: s, at: i})
	return true
}

// addValue records the value starting at token at as assigned to ref.
func (w *Widgets) addValue(ref Ref, s *Script, at int) {
	v := assigned{s: s, at: at}
	switch {
	case s.Is(at, "{") && s.Match(at) > at:
		v.kind = valueLiteral
	default:
		if val, _ := OktaUtilCall(s, at); val == WidgetConfig {
			v.kind = valueHostedConfig
		} else if other, end, ok := w.refAt(s, at); ok && EndsExpression(s, end) {
			v.kind, v.ref = valueAlias, other
		}
	}
	w.values[ref] = append(w.values[ref], v)
}

// valuesOf sums up the values the file assigns to ref, once per Ref.
//
// This is the one place that says what a name holds: a binding imported
// from another module has no value here, so its configuration is unknown;
// following imports plugs in here, by returning the object literal the
// module exports under that name.
func (w *Widgets) valuesOf(ref Ref) refValues {
	if rv, ok := w.valMemo[ref]; ok {
		return rv
	}
	var rv refValues
	for _, v := range w.values[ref] {
		switch v.kind {
		case valueLiteral:
			rv.literals = append(rv.literals, Object{v.s, v.at})
		case valueHostedConfig:
			rv.hosted = true
			rv.others++
		case valueUninitialized:
		default:
			rv.others++
		}
	}
	if len(w.values[ref]) == 0 && ref.B.Scope == 0 && ref.B != thisBinding && !strings.Contains(ref.Path, ".") {
		// A module-level name the file gives no value: an import, whose
		// module may export the literal (ImportedObjectNamed).
		if v, open, ok := ImportedObjectNamed(w.f, ref.B.Name, ref.Path); ok {
			rv.literals = []Object{{v.S, open}}
		}
	}
	if w.valMemo == nil {
		w.valMemo = map[Ref]refValues{}
	}
	w.valMemo[ref] = rv
	return rv
}

// resolveConfig says what the configuration argument sp is.
func (w *Widgets) resolveConfig(s *Script, sp Span) Config {
	if lit, ok := ObjectAt(s, sp); ok {
		return Config{Objects: []Object{lit}, Known: true}
	}
	ref, end, ok := w.refAt(s, sp.From)
	if !ok || end != sp.To {
		return Config{}
	}
	rv := w.valuesOf(ref)
	return Config{Ref: ref, HasRef: true, Objects: rv.literals, Hosted: rv.hosted, Known: len(rv.literals) == 1 && rv.others == 0}
}

// ObjectOf returns the object literal a value is: a literal itself, or a
// name assigned exactly one object literal and nothing else in the file.
func (w *Widgets) ObjectOf(s *Script, sp Span) (Object, bool) {
	if lit, ok := ObjectAt(s, sp); ok {
		return lit, true
	}
	ref, end, ok := w.refAt(s, sp.From)
	if !ok || end != sp.To {
		return Object{}, false
	}
	rv := w.valuesOf(ref)
	if len(rv.literals) != 1 || rv.others != 0 {
		return Object{}, false
	}
	return rv.literals[0], true
}

// addSpreadRefs makes the Refs spread into a configuration literal
// ({...base, el}) configuration Refs too, following their literals.
func (w *Widgets) addSpreadRefs(lit Object, read map[Object]bool, depth int) {
	if read[lit] || depth > maxSpreadDepth {
		return
	}
	read[lit] = true
	for _, p := range w.Props(lit) {
		if !p.Spread {
			continue
		}
		ref, end, ok := w.refAt(lit.S, p.Value.From)
		if !ok || end != p.Value.To || w.configRefs[ref] {
			continue
		}
		w.configRefs[ref] = true
		for _, v := range w.values[ref] {
			if v.kind == valueLiteral {
				w.addSpreadRefs(Object{v.s, v.at}, read, depth+1)
			}
		}
	}
}

// findUses records the uses of configuration Refs in s: option writes, and
// uses that hand the object to other code. argStarts are the construction
// arguments, which are no such hand-over.
func (w *Widgets) findUses(s *Script, argStarts map[TokenAt]bool, heads map[string]bool) {
	for i := range s.Tokens {
		if s.Tokens[i].Templated || (s.Tokens[i].Kind != jsscan.Ident && !s.Is(i, "this")) || IsProperty(s, i) {
			continue
		}
		if !heads[s.Text(s.Tokens[i])] {
			continue // no configuration Ref starts with this name
		}
		ref, end, ok := w.refAt(s, i)
		if !ok {
			continue
		}
		// The longest prefix of the chain that is a configuration Ref.
		var parts []int
		for k := i + 2; k < end; k += 2 {
			parts = append(parts, k)
		}
		n := len(parts)
		for n >= 0 && !w.configRefs[ref] {
			n--
			if n < 0 {
				break
			}
			ref.Path = trimLastPart(ref.Path)
		}
		if n < 0 {
			continue
		}
		u := Write{S: s, Ref: ref}
		for _, p := range parts[n:] {
			u.add(s.Text(s.Tokens[p]), p)
		}
		k := end
		for len(u.Toks) < maxChainParts {
			at, next := Member(s, k)
			if at < 0 {
				break
			}
			name, _ := KeyName(s, at)
			u.add(name, at)
			k = next
		}
		if s.Is(k, "=") {
			valueEnd, _ := ExpressionEnd(s, k+1, MaxExpressionSteps)
			u.Value = Span{k + 1, valueEnd}
			if len(u.Path) > 0 {
				w.writes = append(w.writes, u)
			}
			continue
		}
		if len(u.Path) > 0 || argStarts[TokenAt{s, i}] {
			continue
		}
		// The whole object, handed to other code that may set options:
		// Object.assign(config, ...), setup(config), alias = config.
		if s.Is(i-1, "(") || s.Is(i-1, ",") || s.Is(i-1, "=") || s.Is(i-1, ":") || s.Is(i-1, "return") {
			if s.Is(i-1, "(") && harmlessCallee(s, i-1) || w.assignWrites(s, i, end, ref) {
				continue
			}
			w.escaped[ref] = true
		}
	}
}

// assignWrites reads Object.assign(config, { ... }, ...), whose config is
// the Ref at tokens [i, end), as writes of the keys of the literals after
// it. It reports false, leaving the object handed to unknown code, when an
// argument is not a literal the file shows or a key is not plain (a
// spread, a computed key).
func (w *Widgets) assignWrites(s *Script, i, end int, ref Ref) bool {
	open := i - 1
	if !s.Is(open, "(") || !IsName(s, open-1, "assign") || !IsDot(s, open-2) || !IsName(s, open-3, "Object") || IsProperty(s, open-3) {
		return false
	}
	args, ok := CallArgs(s, open)
	if !ok || len(args) == 0 || args[0] != (Span{i, end}) {
		return false
	}
	var writes []Write
	for _, a := range args[1:] {
		lit, ok := w.ObjectOf(s, a)
		if !ok {
			return false
		}
		for _, p := range w.Props(lit) {
			if p.Key < 0 {
				return false
			}
			u := Write{S: lit.S, Ref: ref, Value: p.Value}
			u.add(p.Name, p.Key)
			writes = append(writes, u)
		}
	}
	w.writes = append(w.writes, writes...)
	return true
}

// add appends a property access to a write's path, splitting a dotted key
// (config['features.router']) into its names.
func (u *Write) add(name string, tok int) {
	for _, n := range strings.Split(name, ".") {
		u.Path = append(u.Path, n)
		u.Toks = append(u.Toks, tok)
	}
}

// trimLastPart drops the last member of a Ref path.
func trimLastPart(path string) string {
	if k := strings.LastIndexByte(path, '.'); k >= 0 {
		return path[:k]
	}
	return ""
}

// harmlessCallee reports whether the call whose '(' is open only reads its
// argument: console.log(config), JSON.stringify(config).
func harmlessCallee(s *Script, open int) bool {
	return IsName(s, open-1, "stringify") && IsDot(s, open-2) && IsName(s, open-3, "JSON") ||
		open >= 3 && IsDot(s, open-2) && IsName(s, open-3, "console")
}

// Props returns the entries of an object literal, memoized.
func (w *Widgets) Props(o Object) []Prop {
	if p, ok := w.props[o]; ok {
		return p
	}
	p := ReadProps(o)
	w.props[o] = p
	return p
}

// PropAt returns the entry of a literal whose key is token key.
func (w *Widgets) PropAt(o Object, key int) (Prop, bool) {
	if w.keyAt == nil {
		w.keyAt = map[Object]map[int]int{}
	}
	index, ok := w.keyAt[o]
	if !ok {
		index = map[int]int{}
		for i, p := range w.Props(o) {
			if p.Key >= 0 {
				index[p.Key] = i
			}
		}
		w.keyAt[o] = index
	}
	i, ok := index[key]
	if !ok {
		return Prop{}, false
	}
	return w.Props(o)[i], true
}

// lookup finds a top-level key of an object literal as the widget would
// see it: the last entry of that name wins, and spreads of literals the
// file shows are followed. unknown is set when a spread of something the
// file does not show, or a computed key, comes after every entry of the
// name.
func (w *Widgets) lookup(o Object, name string, visited map[Object]bool, depth int) (p Prop, in Object, found, unknown bool) {
	if depth > maxSpreadDepth {
		return Prop{}, Object{}, false, true
	}
	if visited[o] {
		return Prop{}, Object{}, false, false // a cycle, or read already
	}
	visited[o] = true
	ps := w.Props(o)
	for j := len(ps) - 1; j >= 0; j-- {
		q := ps[j]
		if q.Key >= 0 && q.Name == name {
			return q, o, true, false
		}
		if !q.Spread {
			if q.Key < 0 && o.S.Is(q.From, "[") {
				// [key]: v, a computed key: it may be the name.
				return Prop{}, Object{}, false, true
			}
			continue
		}
		inner, ok := w.ObjectOf(o.S, q.Value)
		if !ok {
			return Prop{}, Object{}, false, true
		}
		if p, in, found, unknown = w.lookup(inner, name, visited, depth+1); found || unknown {
			return p, in, found, unknown
		}
	}
	return Prop{}, Object{}, false, false
}

// Option says what a construction's configuration does with the option
// named by a dotted path (clientId, features.router, authParams.pkce):
// Set or Off with where, Missing, or Unknown when the file does not show
// it. Writes to the configuration's Ref (config.a.b = v) count as much as
// keys of its literal; statement order is not modelled, so any value that
// sets the option wins over one that turns it off. A write of a whole
// object on the path (config.authParams = ...) makes the option Unknown.
// Constructions that share a configuration share the answer.
func (w *Widgets) Option(c *Construction, path string) Option {
	if c.Arg.Empty() {
		return Option{State: Unknown, Key: -1}
	}
	k := optionKey{option: path}
	if c.Config.HasRef {
		k.ref = c.Config.Ref
	} else if len(c.Config.Objects) > 0 {
		k.lit = c.Config.Objects[0]
	}
	if o, ok := w.options[k]; ok {
		return o
	}
	o := w.option(c, strings.Split(path, "."))
	if w.options == nil {
		w.options = map[optionKey]Option{}
	}
	w.options[k] = o
	return o
}

func (w *Widgets) option(c *Construction, names []string) Option {
	var off *Write
	if c.Config.HasRef {
		for _, i := range w.writesOf[c.Config.Ref] {
			u := &w.writes[i]
			switch {
			case equalPath(u.Path, names):
				if !Falsy(u.S, u.Value) {
					return valueOption(Set, u.S, u.Toks[len(u.Toks)-1], u.Value, Object{})
				}
				off = u
			case len(u.Path) < len(names) && equalPath(u.Path, names[:len(u.Path)]):
				// config.authParams = ...: a whole object this reader
				// does not follow.
				return Option{State: Unknown, Key: -1}
			}
		}
	}
	if !c.Config.Known || c.Config.HasRef && w.escaped[c.Config.Ref] {
		return Option{State: Unknown, Key: -1}
	}
	offOr := func(s State) Option {
		if off != nil {
			return valueOption(Off, off.S, off.Toks[len(off.Toks)-1], off.Value, Object{})
		}
		return Option{State: s, Key: -1}
	}
	obj := c.Config.Objects[0]
	for k, name := range names {
		p, in, found, unknown := w.lookup(obj, name, map[Object]bool{}, 0)
		switch {
		case unknown:
			return offOr(Unknown)
		case !found:
			return offOr(Missing)
		case k < len(names)-1:
			inner, ok := w.ObjectOf(in.S, p.Value)
			if !ok {
				return offOr(Unknown)
			}
			obj = inner
			continue
		case !Falsy(in.S, p.Value):
			return valueOption(Set, in.S, p.Key, p.Value, in)
		case off != nil:
			return offOr(Off)
		}
		return valueOption(Off, in.S, p.Key, p.Value, in)
	}
	return Option{State: Missing, Key: -1}
}

func equalPath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// valueOption describes the value sp of an option.
func valueOption(st State, s *Script, key int, sp Span, in Object) Option {
	o := Option{State: st, S: s, Key: key, Value: sp, In: in}
	switch {
	case sp.To-sp.From == 1 && (s.Is(sp.From, "true") || s.Is(sp.From, "false")):
		o.Kind, o.Bool = BoolKind, s.Is(sp.From, "true")
	case sp.To-sp.From == 2 && s.Is(sp.From, "!") && (s.Is(sp.From+1, "0") || s.Is(sp.From+1, "1")):
		o.Kind, o.Bool = BoolKind, s.Is(sp.From+1, "0")
	case sp.To-sp.From == 1 && s.Tokens[sp.From].Kind == jsscan.String && !s.Tokens[sp.From].Templated:
		o.Kind = StringKind
	}
	return o
}

// RenderEls returns the file's renderEl(...) calls, on any object.
func (w *Widgets) RenderEls() []RenderEl {
	if w.rendRead {
		return w.renders
	}
	w.rendRead = true
	for _, s := range w.f.Doc.Scripts {
		for i := range s.Tokens {
			at, next := Member(s, i)
			if at < 0 || MemberName(s, at) != "renderEl" || !s.Is(next, "(") {
				continue
			}
			if n := len(w.renders); n > 0 && w.renders[n-1].S == s && w.renders[n-1].Name == at {
				continue // w?.['renderEl'] read at '?.' and at '['
			}
			args, _ := CallArgs(s, next)
			w.renders = append(w.renders, RenderEl{S: s, Name: at, Open: next, Args: args})
		}
	}
	return w.renders
}
