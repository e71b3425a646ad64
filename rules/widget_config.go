package rules

import (
	"bytes"
	"github.com/tmpllint/tmpllint/jsmodel"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// This file finds where a file creates the Sign-In Widget and what
// configuration it gives it, for the rules about widget options (OIE004,
// OIE005, OIE006). It works on tokens, as the other rules do, and follows
// names only as far as the file itself shows them:
//
//	import Signin from '@okta/okta-signin-widget'     // Signin is the widget
//	const cfg = { baseUrl, clientId };                 // a configuration literal
//	cfg.useInteractionCodeFlow = true;                 // an option set later
//	this.widget = new Signin({ ...cfg, el: '#w' });    // a construction
//
// Names are keyed by their member chain ("cfg", "this.widget",
// "widgetRef.current"); a class field `widget = ...` is keyed "this.widget".
// Scopes are not modelled: the scripts of a page share one global scope,
// and a module that uses one name for two things is rare enough to accept
// a missed finding (never a wrong one: an unclear configuration is not
// reported).

// widgetModule is the npm package of the Sign-In Widget.
const widgetModule = "@okta/okta-signin-widget"

// maxChainParts bounds the member chains read as names (a.b.c...): real
// configuration names are short, and a bound keeps a chain of thousands of
// accesses linear.
const maxChainParts = 8

// widgetSetup is what a file shows of the widgets it creates.
type widgetSetup struct {
	// imports is set when the file imports or requires the widget module
	// with a binding (import OktaSignIn from ..., require(...)).
	imports bool
	// constructions are the `new OktaSignIn(...)` calls (through any
	// alias), in file order.
	constructions []*widgetConstruction
	// values maps a name to the values assigned to it, in file order.
	values map[string][]assignedValue
	// configRefs are the names that hold a widget configuration object:
	// those passed to a construction, spread into its literal, or assigned
	// OktaUtil.getSignInWidgetConfig().
	configRefs map[string]bool
	// refUses are the uses of configRefs: option assignments
	// (config.features.router = true) and uses that hand the object to
	// other code (Object.assign(config, ...)).
	refUses []configRefUse
	// usesByKey indexes refUses by their name.
	usesByKey map[string][]int
	// escaped holds the configRefs that other code may change.
	escaped map[string]bool

	// file is the file analysed, whose project follows its imports
	// (importedLiteral).
	file *lint.File

	info      map[*script]*scriptShape
	propMemo  map[propsKey][]objectProp
	propIndex map[propsKey]map[int]int
	keyMemo   map[string]keyValues
	stateMemo map[stateKey]optionResult
	renders   *[]renderElCall
}

// keyValues is what the values assigned to one name come to.
type keyValues struct {
	literals []objectLiteral
	// others counts values that are not object literals (declarations
	// without a value aside); hosted is set when one is
	// OktaUtil.getSignInWidgetConfig().
	others int
	hosted bool
}

// keyValuesOf sums up the values assigned to key, once per name.
func (w *widgetSetup) keyValuesOf(key string) keyValues {
	if kv, ok := w.keyMemo[key]; ok {
		return kv
	}
	var kv keyValues
	for _, v := range w.values[key] {
		switch v.kind {
		case valueLiteral:
			kv.literals = append(kv.literals, objectLiteral{v.script, v.at})
		case valueHostedConfig:
			kv.hosted = true
			kv.others++
		case valueUninitialized:
		default:
			kv.others++
		}
	}
	if w.keyMemo == nil {
		w.keyMemo = map[string]keyValues{}
	}
	w.keyMemo[key] = kv
	return kv
}

// widgetConstruction is one `new OktaSignIn(...)`.
type widgetConstruction struct {
	script *script
	// newTok is the `new` keyword, calleeEnd the index after the
	// constructor's name, open its '('.
	newTok, calleeEnd, open int
	// arg is the first argument, the configuration (empty when none).
	arg span
	// config is what the file shows of the configuration.
	config configSource
}

// configSource is a configuration as the file shows it: object literals,
// or a name, or neither.
type configSource struct {
	// key is the name the configuration is passed by ("" for a literal or
	// an expression).
	key string
	// literals are the object literals the configuration may be: the
	// argument itself, or the literals assigned to key.
	literals []objectLiteral
	// known is set when the configuration is exactly one literal of the
	// file, and hosted when it comes from OktaUtil.getSignInWidgetConfig().
	known, hosted bool
}

// objectLiteral is a `{...}` object literal: its script and the index of
// its '{'.
type objectLiteral struct {
	script *script
	open   int
}

func (o objectLiteral) close() int { return o.script.Match(o.open) }

// valueKind says what an assignment assigns.
type valueKind uint8

const (
	valueOther         valueKind = iota
	valueLiteral                 // an object literal
	valueHostedConfig            // OktaUtil.getSignInWidgetConfig()
	valueName                    // another name (an alias)
	valueUninitialized           // a declaration without a value
)

// assignedValue is one value assigned to a name.
type assignedValue struct {
	script *script
	// at is the value's first token.
	at   int
	kind valueKind
	// name is the other name, for valueName.
	name string
}

// configRefUse is a use of a configuration name.
type configRefUse struct {
	script *script
	key    string
	// path is the option path after the name: config.features['router']
	// gives "features", "router"; config['features.router'] gives
	// "features.router" (split by the reader of the path).
	path []pathPart
	// value is the assigned value when the use is an assignment.
	value  span
	assign bool
}

// pathPart is one property access of an option path, and its token.
type pathPart struct {
	name string
	tok  int
}

// scriptShape holds per-script facts the analysis needs: the enclosing
// bracket of every token and the class bodies.
type scriptShape struct {
	parent     []int32
	classBody  map[int]bool
	literalMem map[int]int8
}

type widgetSetupKey struct{}

// widgetSetupOf returns the file's widget analysis, built once per file.
func widgetSetupOf(f *lint.File) *widgetSetup {
	return f.Memo(widgetSetupKey{}, func() any { return analyzeWidgetSetup(f) }).(*widgetSetup)
}

// widgetFile reports whether a file is about the Sign-In Widget: a hosted
// page, or a file that imports or creates the widget.
func (w *widgetSetup) widgetFile(f *lint.File) bool {
	return w.imports || len(w.constructions) > 0 || hostedPage(f)
}

// mentionsWidget reports whether the file's code names OktaSignIn or the
// widget's npm module: without either it can neither create nor import
// the widget.
func mentionsWidget(f *lint.File) bool {
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

func analyzeWidgetSetup(f *lint.File) *widgetSetup {
	w := &widgetSetup{
		file:       f,
		values:     map[string][]assignedValue{},
		configRefs: map[string]bool{},
		escaped:    map[string]bool{},
		info:       map[*script]*scriptShape{},
	}
	if !hostedPage(f) && !mentionsWidget(f) {
		// Most application files have nothing to do with the widget:
		// skip recording their every assignment.
		return w
	}
	ctors := map[string]bool{"OktaSignIn": true, "window.OktaSignIn": true, "globalThis.OktaSignIn": true, "self.OktaSignIn": true}
	type newCall struct {
		s                   *script
		at, calleeEnd, open int
		callee              string
	}
	var news []newCall
	for _, s := range f.Doc.Scripts {
		shape := w.shape(s)
		for i := 0; i < len(s.Tokens); i++ {
			t := s.Tokens[i]
			if t.Templated {
				continue
			}
			switch {
			case s.Is(i, "import") && t.Kind == jsscan.Keyword:
				w.readImport(s, i, ctors)
			case jsmodel.IsName(s, i, "require") && s.Is(i+1, "(") && !jsmodel.IsProperty(s, i):
				w.readRequire(s, i, ctors)
			case s.Is(i, "new") && t.Kind == jsscan.Keyword:
				parts, end := readChain(s, i+1)
				if len(parts) > 0 && s.Is(end, "(") {
					news = append(news, newCall{s, i, end, end, chainKey(s, parts)})
				}
			case (s.Is(i, "var") || s.Is(i, "let") || s.Is(i, "const")) && t.Kind == jsscan.Keyword:
				w.readDeclarations(s, i)
			case t.Kind == jsscan.Ident || s.Is(i, "this"):
				if s.Is(i-1, "var") || s.Is(i-1, "let") || s.Is(i-1, "const") || jsmodel.IsProperty(s, i) {
					continue
				}
				if w.readParameter(s, i) {
					continue
				}
				if p := shape.parent[i]; p >= 0 && shape.classBody[int(p)] && t.Kind == jsscan.Ident {
					if eq, ok := classFieldInit(s, i); ok {
						w.addValue("this."+s.Text(t), s, eq+1)
						continue
					}
				}
				parts, end := readChain(s, i)
				if len(parts) > 0 && s.Is(end, "=") {
					w.addValue(chainKey(s, parts), s, end+1)
				}
			}
		}
	}
	// An alias of the constructor (const W = window.OktaSignIn) is one too.
	for key, vals := range w.values {
		if len(vals) == 1 && vals[0].kind == valueName && ctors[vals[0].name] {
			ctors[key] = true
		}
	}
	argStarts := map[*script]map[int]bool{}
	for _, n := range news {
		if !ctors[n.callee] {
			continue
		}
		c := &widgetConstruction{script: n.s, newTok: n.at, calleeEnd: n.calleeEnd, open: n.open}
		if args, ok := jsmodel.CallArgs(n.s, n.open); ok && len(args) > 0 {
			c.arg = args[0]
		}
		if !c.arg.Empty() {
			c.config = w.resolveConfig(n.s, c.arg)
			if argStarts[n.s] == nil {
				argStarts[n.s] = map[int]bool{}
			}
			argStarts[n.s][c.arg.From] = true
		}
		w.constructions = append(w.constructions, c)
	}
	for key, vals := range w.values {
		for _, v := range vals {
			if v.kind == valueHostedConfig {
				w.configRefs[key] = true
			}
		}
	}
	spreadRead := map[propsKey]bool{}
	for _, c := range w.constructions {
		if c.config.key != "" {
			if w.configRefs[c.config.key] {
				continue // its literals were read for an earlier construction
			}
			w.configRefs[c.config.key] = true
		}
		for _, lit := range c.config.literals {
			w.addSpreadRefs(lit, spreadRead, 0)
		}
	}
	if len(w.configRefs) > 0 {
		heads := map[string]bool{}
		for key := range w.configRefs {
			head, _, _ := strings.Cut(key, ".")
			heads[head] = true
		}
		for _, s := range f.Doc.Scripts {
			w.findRefUses(s, argStarts[s], heads)
		}
	}
	w.usesByKey = map[string][]int{}
	for i, u := range w.refUses {
		w.usesByKey[u.key] = append(w.usesByKey[u.key], i)
	}
	return w
}

// shape returns the per-script facts, computing them on first use.
func (w *widgetSetup) shape(s *script) *scriptShape {
	if sh, ok := w.info[s]; ok {
		return sh
	}
	sh := &scriptShape{parent: make([]int32, len(s.Tokens)), classBody: map[int]bool{}, literalMem: map[int]int8{}}
	var stack []int32
	for i, t := range s.Tokens {
		m := s.Match(i)
		if m >= 0 && m < i && t.Kind != jsscan.TemplateMiddle {
			for len(stack) > 0 {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if int(top) == m {
					break
				}
			}
		}
		sh.parent[i] = -1
		if len(stack) > 0 {
			sh.parent[i] = stack[len(stack)-1]
		}
		if m > i {
			stack = append(stack, int32(i))
		}
		// class Name [extends Base] [implements I] { ... }
		if s.Is(i, "class") && t.Kind == jsscan.Keyword {
			for j := i + 1; j < len(s.Tokens) && j < i+64; j++ {
				if s.Is(j, "{") {
					if s.Match(j) > j {
						sh.classBody[j] = true
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
	w.info[s] = sh
	return sh
}

// readChain reads the member chain starting at token i: a name (or this)
// that is not itself a property, followed by .name accesses, up to
// maxChainParts. It returns the parts' token indexes and the index after
// the chain; none when no chain starts at i.
func readChain(s *script, i int) ([]int, int) {
	if i < 0 || i >= len(s.Tokens) || s.Tokens[i].Templated || jsmodel.IsProperty(s, i) {
		return nil, i
	}
	if s.Tokens[i].Kind != jsscan.Ident && !s.Is(i, "this") {
		return nil, i
	}
	parts := []int{i}
	i++
	for len(parts) < maxChainParts && jsmodel.IsDot(s, i) && i+1 < len(s.Tokens) && s.Tokens[i+1].Kind == jsscan.Ident && !s.Tokens[i+1].Templated {
		parts = append(parts, i+1)
		i += 2
	}
	return parts, i
}

// chainKey joins a chain's names with dots: the name an analysis keys it by.
func chainKey(s *script, parts []int) string {
	var b strings.Builder
	for k, p := range parts {
		if k > 0 {
			b.WriteByte('.')
		}
		b.Write(s.Bytes(s.Tokens[p]))
	}
	return b.String()
}

// readImport reads `import X from 'mod'`, `import X, { ... } from 'mod'`,
// `import { default as X } from 'mod'`, `import * as ns from 'mod'` and
// TypeScript's `import X = require('mod')`.
func (w *widgetSetup) readImport(s *script, i int, ctors map[string]bool) {
	k := i + 1
	var names []string
	if jsmodel.IsName(s, k, "type") && !s.Is(k+1, "from") && !s.Is(k+1, ",") {
		return // import type ...: no value
	}
	if k < len(s.Tokens) && s.Tokens[k].Kind == jsscan.Ident && !s.Tokens[k].Templated {
		name := s.Text(s.Tokens[k])
		if s.Is(k+1, "=") && jsmodel.IsName(s, k+2, "require") && s.Is(k+3, "(") && isWidgetModule(s, k+4) {
			w.imports, ctors[name] = true, true
			return
		}
		names = append(names, name)
		k++
		if s.Is(k, ",") {
			k++
		}
	}
	if s.Is(k, "*") && jsmodel.IsName(s, k+1, "as") && k+2 < len(s.Tokens) && s.Tokens[k+2].Kind == jsscan.Ident {
		names = append(names, s.Text(s.Tokens[k+2])+".default")
		k += 3
	}
	if s.Is(k, "{") && s.Match(k) > k {
		close := s.Match(k)
		for j := k + 1; j < close; j++ {
			// { default as X } and { OktaSignIn as X } / { OktaSignIn }
			if (s.Is(j, "default") || jsmodel.IsName(s, j, "OktaSignIn")) && jsmodel.IsName(s, j+1, "as") && j+2 < close && s.Tokens[j+2].Kind == jsscan.Ident {
				names = append(names, s.Text(s.Tokens[j+2]))
			}
		}
		k = close + 1
	}
	if !jsmodel.IsName(s, k, "from") || !isWidgetModule(s, k+1) {
		return
	}
	w.imports = true
	for _, n := range names {
		ctors[n] = true
	}
}

// readRequire reads `const X = require('mod')` and `require('mod').default`.
func (w *widgetSetup) readRequire(s *script, i int, ctors map[string]bool) {
	if !isWidgetModule(s, i+2) || !s.Is(i+3, ")") {
		return
	}
	w.imports = true
	if s.Is(i-1, "=") && i >= 2 && s.Tokens[i-2].Kind == jsscan.Ident && !jsmodel.IsProperty(s, i-2) {
		ctors[s.Text(s.Tokens[i-2])] = true
	}
}

// isWidgetModule reports whether token i is a string naming the widget
// package or a script file in it (not a style sheet).
func isWidgetModule(s *script, i int) bool {
	v, ok := jsmodel.StringValue(s, i)
	if !ok {
		return false
	}
	if v == widgetModule {
		return true
	}
	rest, ok := strings.CutPrefix(v, widgetModule+"/")
	return ok && !strings.HasSuffix(rest, ".css") && !strings.HasSuffix(rest, ".scss")
}

// readDeclarations reads `var|let|const a [: T] = v, b = w` starting at the
// keyword i.
func (w *widgetSetup) readDeclarations(s *script, i int) {
	k := i + 1
	for steps := 0; steps < 64 && k < len(s.Tokens); steps++ {
		if s.Tokens[k].Kind != jsscan.Ident || s.Tokens[k].Templated {
			return // a pattern, or something else
		}
		name := s.Text(s.Tokens[k])
		eq := k + 1
		if s.Is(eq, "!") {
			eq++
		}
		if s.Is(eq, ":") {
			eq = typeEnd(s, eq+1)
		}
		if !s.Is(eq, "=") {
			w.values[name] = append(w.values[name], assignedValue{script: s, at: eq, kind: valueUninitialized})
			if s.Is(eq, ",") {
				k = eq + 1
				continue
			}
			return
		}
		w.addValue(name, s, eq+1)
		end, ok := jsmodel.ExpressionEnd(s, eq+1, jsmodel.MaxExpressionSteps)
		if !ok || !s.Is(end, ",") {
			return
		}
		k = end + 1
	}
}

// typeEnd skips a TypeScript type annotation starting at token i and
// returns the index of the '=', ',', ';' or ')' after it.
func typeEnd(s *script, i int) int {
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
func classFieldInit(s *script, i int) (int, bool) {
	prevOK := s.Tokens[i].NewlineBefore || s.Is(i-1, "{") || s.Is(i-1, ";") || s.Is(i-1, "}") || s.Is(i-1, ")")
	switch {
	case jsmodel.IsName(s, i-1, "private"), jsmodel.IsName(s, i-1, "public"), jsmodel.IsName(s, i-1, "protected"),
		jsmodel.IsName(s, i-1, "readonly"), jsmodel.IsName(s, i-1, "static"), jsmodel.IsName(s, i-1, "declare"), jsmodel.IsName(s, i-1, "override"):
		prevOK = true
	}
	if !prevOK {
		return 0, false
	}
	switch name := s.Text(s.Tokens[i]); name {
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

// readParameter records a function parameter at token i as a value the
// file does not show, so that a parameter named like a configuration
// elsewhere in the file (function init(config) {...}) does not pass for it.
// A TypeScript parameter property (constructor(private config: Options))
// also sets this.config.
func (w *widgetSetup) readParameter(s *script, i int) bool {
	if s.Tokens[i].Kind != jsscan.Ident {
		return false
	}
	param := s.Is(i+1, "=>")
	next := s.Is(i+1, ",") || s.Is(i+1, ")") || s.Is(i+1, "=") || s.Is(i+1, ":") || s.Is(i+1, "?")
	if p := w.shape(s).parent[i]; !param && next && p >= 0 && s.Is(int(p), "(") && isParamList(s, int(p)) {
		k := i - 1
		for jsmodel.IsName(s, k, "private") || jsmodel.IsName(s, k, "public") || jsmodel.IsName(s, k, "protected") || jsmodel.IsName(s, k, "readonly") {
			k--
		}
		param = s.Is(k, "(") || s.Is(k, ",") || s.Is(k, "...")
		if param && k < i-1 {
			w.values["this."+s.Text(s.Tokens[i])] = append(w.values["this."+s.Text(s.Tokens[i])], assignedValue{script: s, at: i})
		}
	}
	if param {
		name := s.Text(s.Tokens[i])
		w.values[name] = append(w.values[name], assignedValue{script: s, at: i})
	}
	return param
}

// addValue records the value starting at token at as assigned to key.
func (w *widgetSetup) addValue(key string, s *script, at int) {
	v := assignedValue{script: s, at: at}
	switch {
	case s.Is(at, "{") && s.Match(at) > at:
		v.kind = valueLiteral
	case isHostedConfigCall(s, at):
		v.kind = valueHostedConfig
	default:
		if parts, end := readChain(s, at); len(parts) > 0 && jsmodel.EndsExpression(s, end) {
			v.kind, v.name = valueName, chainKey(s, parts)
		}
	}
	w.values[key] = append(w.values[key], v)
}

// isHostedConfigCall reports whether OktaUtil.getSignInWidgetConfig() (on any
// receiver chain ending in OktaUtil)
// starts at token i.
func isHostedConfigCall(s *script, i int) bool {
	// The model's reader, so that OIE006 and OIE008 accept the same
	// receivers (window.OktaUtil, self.OktaUtil, an oktaUtil parameter).
	v, _ := jsmodel.OktaUtilCall(s, i)
	return v == jsmodel.WidgetConfig
}

// resolveConfig says what the configuration argument sp is.
func (w *widgetSetup) resolveConfig(s *script, sp span) configSource {
	if lit, ok := literalSpan(s, sp); ok {
		return configSource{literals: []objectLiteral{lit}, known: true}
	}
	parts, end := readChain(s, sp.From)
	if len(parts) == 0 || end != sp.To {
		return configSource{}
	}
	key := chainKey(s, parts)
	kv := w.keyValuesOf(key)
	if lit, ok := w.importedLiteral(s, sp, kv); ok {
		return configSource{key: key, literals: []objectLiteral{lit}, known: true}
	}
	return configSource{key: key, literals: kv.literals, hosted: kv.hosted, known: len(kv.literals) == 1 && kv.others == 0}
}

// literalSpan reports whether sp is exactly an object literal, possibly
// with a TypeScript assertion after it ({...} as Options, satisfies T).
func literalSpan(s *script, sp span) (objectLiteral, bool) {
	if !s.Is(sp.From, "{") {
		return objectLiteral{}, false
	}
	close := s.Match(sp.From)
	if close < 0 || close >= sp.To {
		return objectLiteral{}, false
	}
	if close+1 != sp.To && !jsmodel.IsName(s, close+1, "as") && !jsmodel.IsName(s, close+1, "satisfies") {
		return objectLiteral{}, false
	}
	return objectLiteral{s, sp.From}, true
}

// addSpreadRefs makes the names spread into a configuration literal
// ({...base, el}) configuration names too, following their literals.
func (w *widgetSetup) addSpreadRefs(lit objectLiteral, read map[propsKey]bool, depth int) {
	if read[propsKey{lit.script, lit.open}] || depth > maxSpreadDepth {
		return
	}
	read[propsKey{lit.script, lit.open}] = true
	for _, p := range w.props(lit) {
		if !p.spread {
			continue
		}
		parts, end := readChain(lit.script, p.value.From)
		if len(parts) == 0 || end != p.value.To {
			continue
		}
		key := chainKey(lit.script, parts)
		if w.configRefs[key] {
			continue
		}
		w.configRefs[key] = true
		for _, v := range w.values[key] {
			if v.kind == valueLiteral {
				w.addSpreadRefs(objectLiteral{v.script, v.at}, read, depth+1)
			}
		}
	}
}

// findRefUses records the uses of configuration names in s: option
// assignments, and uses that hand the object to other code. argStarts are
// the construction arguments of s, which are no such hand-over.
func (w *widgetSetup) findRefUses(s *script, argStarts map[int]bool, heads map[string]bool) {
	for i := range s.Tokens {
		if s.Tokens[i].Templated || (s.Tokens[i].Kind != jsscan.Ident && !s.Is(i, "this")) || jsmodel.IsProperty(s, i) {
			continue
		}
		if !heads[string(s.Bytes(s.Tokens[i]))] {
			continue // no configuration name starts with this one
		}
		parts, end := readChain(s, i)
		if len(parts) == 0 {
			continue
		}
		// The longest prefix of the chain that is a configuration name; the
		// prefixes' keys are prefixes of the whole chain's key.
		full := chainKey(s, parts)
		n, cut := len(parts), len(full)
		for n > 0 && !w.configRefs[full[:cut]] {
			n--
			if n > 0 {
				cut -= s.Tokens[parts[n]].Len() + 1
			}
		}
		if n == 0 {
			continue
		}
		use := configRefUse{script: s, key: full[:cut]}
		for _, p := range parts[n:] {
			use.path = append(use.path, pathPart{s.Text(s.Tokens[p]), p})
		}
		k := end
		for len(use.path) < maxChainParts {
			if at, next := jsmodel.Member(s, k); at >= 0 {
				name, _ := propertyName(s, at)
				use.path = append(use.path, pathPart{name, at})
				k = next
				continue
			}
			break
		}
		if s.Is(k, "=") {
			valueEnd, _ := jsmodel.ExpressionEnd(s, k+1, jsmodel.MaxExpressionSteps)
			use.assign, use.value = true, span{From: k + 1, To: valueEnd}
			if len(use.path) > 0 {
				w.refUses = append(w.refUses, use)
			}
			continue
		}
		if len(use.path) > 0 || argStarts[i] {
			continue
		}
		// The whole object, handed to other code that may set options:
		// Object.assign(config, ...), setup(config), alias = config.
		if s.Is(i-1, "(") || s.Is(i-1, ",") || s.Is(i-1, "=") || s.Is(i-1, ":") || s.Is(i-1, "return") {
			if s.Is(i-1, "(") && harmlessCallee(s, i-1) {
				continue
			}
			w.escaped[use.key] = true
		}
	}
}

// harmlessCallee reports whether the call whose '(' is open only reads its
// argument: console.log(config), JSON.stringify(config).
func harmlessCallee(s *script, open int) bool {
	return jsmodel.IsName(s, open-1, "stringify") && jsmodel.IsDot(s, open-2) && jsmodel.IsName(s, open-3, "JSON") ||
		open >= 3 && jsmodel.IsDot(s, open-2) && jsmodel.IsName(s, open-3, "console")
}

// propertyName returns the name a key or property token spells: an
// identifier, a keyword used as a name, a string or a number.
func propertyName(s *script, i int) (string, bool) {
	if i < 0 || i >= len(s.Tokens) || s.Tokens[i].Templated {
		return "", false
	}
	switch s.Tokens[i].Kind {
	case jsscan.Ident, jsscan.Keyword, jsscan.Number:
		return s.Text(s.Tokens[i]), true
	case jsscan.String:
		return jsmodel.StringValue(s, i)
	}
	return "", false
}

// objectProp is one entry of an object literal.
type objectProp struct {
	// key is the key's token (-1 for a spread or a computed key); name is
	// what it spells.
	key  int
	name string
	// value is the value's tokens: after ':' for key: value, the name
	// itself for a shorthand, the method for a method, the spread
	// expression for ...x.
	value                     span
	shorthand, method, spread bool
	// comma is the index of the ',' after the entry, or -1.
	comma int
	// from is the entry's first token, to the index after its value.
	From, To int
}

type propsKey struct {
	s    *script
	open int
}

// props returns the entries of an object literal, memoized.
func (w *widgetSetup) props(lit objectLiteral) []objectProp {
	key := propsKey{lit.script, lit.open}
	if w.propMemo == nil {
		w.propMemo = map[propsKey][]objectProp{}
	}
	if p, ok := w.propMemo[key]; ok {
		return p
	}
	p := readProps(lit)
	w.propMemo[key] = p
	return p
}

// readProps splits an object literal into its entries.
func readProps(lit objectLiteral) []objectProp {
	s := lit.script
	close := lit.close()
	var out []objectProp
	i := lit.open + 1
	for i < close {
		// The entry runs to the next top-level ',' or the closing brace.
		end := i
		for end < close && !s.Is(end, ",") {
			if m := s.Match(end); m > end {
				end = m + 1
				continue
			}
			end++
		}
		p := objectProp{key: -1, From: i, To: end, comma: -1}
		if s.Is(end, ",") {
			p.comma = end
		}
		readProp(s, &p, i, end)
		if end > i {
			out = append(out, p)
		}
		i = end + 1
	}
	return out
}

// readProp reads one entry spanning tokens [i, end).
func readProp(s *script, p *objectProp, i, end int) {
	switch {
	case s.Is(i, "..."):
		p.spread, p.value = true, span{From: i + 1, To: end}
		return
	case s.Is(i, "[") && s.Match(i) > i:
		// ['name']: value, with a literal name.
		if m := s.Match(i); m == i+2 && s.Is(m+1, ":") {
			if name, ok := jsmodel.StringValue(s, i+1); ok {
				p.key, p.name, p.value = i+1, name, span{From: m + 2, To: end}
			}
		}
		return
	}
	k := i
	if (jsmodel.IsName(s, k, "get") || jsmodel.IsName(s, k, "set") || jsmodel.IsName(s, k, "async")) && k+1 < end && !s.Is(k+1, "(") && !s.Is(k+1, ":") {
		k++
	}
	if s.Is(k, "*") {
		k++
	}
	name, ok := propertyName(s, k)
	if !ok {
		return
	}
	p.key, p.name = k, name
	switch {
	case s.Is(k+1, ":"):
		p.value = span{From: k + 2, To: end}
	case s.Is(k+1, "("):
		p.method, p.value = true, span{From: k + 1, To: end}
	case k+1 == end && s.Tokens[k].Kind == jsscan.Ident:
		p.shorthand, p.value = true, span{From: k, To: end}
	case s.Is(k+1, "=") && s.Tokens[k].Kind == jsscan.Ident:
		// { a = 1 }: a pattern's default, not an option.
		p.key = -1
	}
}

// findOption looks up a top-level option of a configuration literal, as the
// widget would see it: the last entry of that name wins, and spreads of
// literals declared in the file are followed. unknown is set when a spread
// of something the file does not show comes after every entry of the name.
func (w *widgetSetup) findOption(lit objectLiteral, name string) (prop objectProp, in objectLiteral, found, unknown bool) {
	return w.findOptionIn(lit, name, map[propsKey]bool{}, 0)
}

// maxSpreadDepth bounds how far spreads of spreads are followed; past it, a
// configuration counts as one the file does not show.
const maxSpreadDepth = 16

func (w *widgetSetup) findOptionIn(lit objectLiteral, name string, visited map[propsKey]bool, depth int) (prop objectProp, in objectLiteral, found, unknown bool) {
	key := propsKey{lit.script, lit.open}
	if depth > maxSpreadDepth {
		return objectProp{}, objectLiteral{}, false, true
	}
	if visited[key] {
		return objectProp{}, objectLiteral{}, false, false // a cycle, or read already
	}
	visited[key] = true
	ps := w.props(lit)
	for j := len(ps) - 1; j >= 0; j-- {
		p := ps[j]
		if p.key >= 0 && p.name == name {
			return p, lit, true, false
		}
		if !p.spread {
			continue
		}
		inner, ok := w.resolveValue(lit.script, p.value)
		if !ok {
			return objectProp{}, objectLiteral{}, false, true
		}
		if prop, in, found, unknown = w.findOptionIn(inner, name, visited, depth+1); found || unknown {
			return prop, in, found, unknown
		}
	}
	return objectProp{}, objectLiteral{}, false, false
}

// propAt returns the entry of a literal whose key is token keyTok.
func (w *widgetSetup) propAt(lit objectLiteral, keyTok int) (objectProp, bool) {
	key := propsKey{lit.script, lit.open}
	if w.propIndex == nil {
		w.propIndex = map[propsKey]map[int]int{}
	}
	index, ok := w.propIndex[key]
	if !ok {
		index = map[int]int{}
		for i, p := range w.props(lit) {
			if p.key >= 0 {
				index[p.key] = i
			}
		}
		w.propIndex[key] = index
	}
	i, ok := index[keyTok]
	if !ok {
		return objectProp{}, false
	}
	return w.props(lit)[i], true
}

// resolveValue returns the object literal a value is: a literal itself, or
// a name assigned exactly one literal in the file.
func (w *widgetSetup) resolveValue(s *script, sp span) (objectLiteral, bool) {
	if lit, ok := literalSpan(s, sp); ok {
		return lit, true
	}
	parts, end := readChain(s, sp.From)
	if len(parts) == 0 || end != sp.To {
		return objectLiteral{}, false
	}
	kv := w.keyValuesOf(chainKey(s, parts))
	if lit, ok := w.importedLiteral(s, sp, kv); ok {
		return lit, true
	}
	if len(kv.literals) != 1 || kv.others != 0 {
		return objectLiteral{}, false
	}
	return kv.literals[0], true
}

// isFalsy reports whether a value is written as false, !1 (minified false),
// null, undefined or void 0: an option turned off.
func isFalsy(s *script, sp span) bool {
	switch sp.To - sp.From {
	case 1:
		return s.Is(sp.From, "false") || s.Is(sp.From, "null") || jsmodel.IsName(s, sp.From, "undefined")
	case 2:
		return s.Is(sp.From, "!") && s.Is(sp.From+1, "1") || s.Is(sp.From, "void") && s.Is(sp.From+1, "0")
	}
	return false
}

// isObjectLiteral reports whether the '{' at open starts an object literal
// (not a block, a class or function body, a destructuring pattern or a
// TypeScript type).
func (w *widgetSetup) isObjectLiteral(s *script, open int) bool {
	return w.objectLiteralDepth(s, open, 0)
}

func (w *widgetSetup) objectLiteralDepth(s *script, open, depth int) bool {
	sh := w.shape(s)
	if v, ok := sh.literalMem[open]; ok {
		return v > 0
	}
	r := w.classifyBrace(s, open, depth)
	if r {
		sh.literalMem[open] = 1
	} else {
		sh.literalMem[open] = -1
	}
	return r
}

func (w *widgetSetup) classifyBrace(s *script, open, depth int) bool {
	close := s.Match(open)
	if !s.Is(open, "{") || close < open || s.Is(close+1, "=") || open == 0 || depth > 32 {
		return false
	}
	prev := open - 1
	switch s.Text(s.Tokens[prev]) {
	case "=", "[", "return", "?", "||", "&&", "??", "...", "yield", "await", "+=":
		return true
	case "default":
		return s.Is(prev-1, "export")
	case "(", ",":
		p := w.shape(s).parent[open]
		if p < 0 || !s.Is(int(p), "(") {
			return s.Is(prev, ",") && p >= 0 && s.Is(int(p), "[")
		}
		return !isParamList(s, int(p))
	case ":":
		// A property's value: the brace before is an object literal too.
		p := w.shape(s).parent[open]
		return p >= 0 && s.Is(int(p), "{") && w.objectLiteralDepth(s, int(p), depth+1)
	}
	return false
}

// isParamList reports whether the parenthesis at open holds a function's
// parameters rather than a call's arguments or a condition.
func isParamList(s *script, open int) bool {
	close := s.Match(open)
	if close < 0 {
		return false
	}
	if s.Is(close+1, "=>") || s.Is(close+1, ":") && !s.Is(open-1, "if") {
		return true
	}
	if !s.Is(close+1, "{") {
		return false
	}
	switch {
	case s.Is(open-1, "function"), s.Is(open-1, "catch"):
		return true
	case open >= 1 && s.Tokens[open-1].Kind == jsscan.Ident:
		// name(...) { — a method or a function declaration; a call is
		// never followed by a block.
		return true
	}
	return false
}

// renderElCall is a renderEl(...) call on any object.
type renderElCall struct {
	script *script
	// name is the renderEl token, open the '('.
	name, open int
	args       []span
}

// renderElCalls returns the renderEl calls of a file.
func (w *widgetSetup) renderElCalls(f *lint.File) []renderElCall {
	if w.renders != nil {
		return *w.renders
	}
	var out []renderElCall
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			next, at, ok := propertyAt(s, i, "renderEl")
			if !ok || !s.Is(next, "(") {
				continue
			}
			args, _ := jsmodel.CallArgs(s, next)
			out = append(out, renderElCall{script: s, name: at, open: next, args: args})
		}
	}
	w.renders = &out
	return out
}

// templateTagIn reports whether the bytes [start, end) of a script hold a
// template tag (Mustache or a server tag): the scanner masks tags in
// Script.Code, so the code differs from the file there. A fix must not cut
// into or move a tag.
func templateTagIn(f *lint.File, s *script, start, end int) bool {
	start, end = max(start, s.Start), min(end, s.End)
	if start >= end {
		return false
	}
	return !bytes.Equal(s.Code[start-s.Start:end-s.Start], f.Content[start:end])
}
