package jsmodel

import (
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// This file reads what a module exports and what it imports, so that a
// widget created in one file from a configuration written in another can be
// followed (ModuleOf). It reads ES modules and CommonJS as written at the
// top of a module, without evaluating anything:
//
//	export const oktaConfig = { ... }       // Export{Name: "oktaConfig", Value: the literal}
//	export default { ... }                  // Export{Name: "default", Value: the literal}
//	export { config as oktaConfig }         // Export{Name: "oktaConfig", Local: "config"}
//	export { oktaConfig } from './okta'     // Export{Name: "oktaConfig", From: "./okta", Imported: "oktaConfig"}
//	export * from './okta'                  // Export{Kind: ExportAll, From: "./okta"}
//	module.exports = { ... }                // Export{Name: "default"}, and one Export per key
//	exports.oktaConfig = { ... }            // Export{Name: "oktaConfig"}
//
//	import { oktaConfig as cfg } from './x' // Import{Local: "cfg", Imported: "oktaConfig"}
//	import cfg from './x'                   // Import{Local: "cfg", Imported: "default"}
//	import * as ns from './x'               // Import{Local: "ns", Imported: "*"}
//	const cfg = require('./x')              // Import{Local: "cfg", Imported: "*"}
//	const { oktaConfig } = require('./x')   // Import{Local: "oktaConfig", Imported: "oktaConfig"}
//
// Type-only imports and exports (import type, export type, { type X })
// carry no value and are left out.

// ExportKind says how a module exports a name.
type ExportKind uint8

const (
	// ExportValue is a value the module itself holds: Value is its
	// expression, or Local names the module-level binding exported.
	ExportValue ExportKind = iota
	// ExportFrom passes on another module's export: export { x } from
	// './y', export * as ns from './y'.
	ExportFrom
	// ExportAll passes on every named export of another module: export *
	// from './y'.
	ExportAll
)

// Export is one name a module exports.
type Export struct {
	Kind ExportKind
	// Name is the exported name: "default" for export default and
	// module.exports = ...; empty for ExportAll.
	Name string
	S    *Script
	// NameTok is the token that spells the exported name (for export
	// default, module.exports and export *, the keyword or name that
	// starts the export), for a message or a position.
	NameTok int
	// Value is the exported expression (export const x = <Value>, export
	// default <Value>, exports.x = <Value>, a key's value in
	// module.exports = {...}); empty when Local names the binding instead.
	Value Span
	// Local is the module-level name exported: export { Local as Name },
	// export default Local, module.exports = { Name: Local }, and the
	// declared name of export const Name = Value.
	Local string
	// From is the module specifier of a re-export, as written (decoded);
	// Imported is the name taken from it ("*" for export * as ns).
	From     string
	Imported string
	// Spec is the specifier's string token of a re-export, or -1.
	Spec int
	// CommonJS is set for module.exports and exports.x.
	CommonJS bool
}

// Import is one name a module binds to another module's export.
type Import struct {
	// Local is the name the importing module uses.
	Local string
	// Imported is the export it names: "default", a name, or "*" for the
	// module object (import * as ns, require(...)).
	Imported string
	// From is the module specifier, as written (decoded).
	From string
	S    *Script
	// LocalTok is the token of the local name; Spec the specifier's
	// string token.
	LocalTok, Spec int
}

// Module is a file's exports and imports, in file order.
type Module struct {
	Exports []Export
	Imports []Import

	named          map[string]int // the last export of each name; see Named
	indexed        int            // len(Exports) when named was built
	locals         map[string]int // the first import of each local name; see Import
	indexedImports int            // len(Imports) when locals was built
}

var moduleKey = lint.NewKey[*Module]("jsmodel.Module")

// ModuleOf returns the file's exports and imports, read on first use.
func ModuleOf(f *lint.File) *Module { return lint.Cached(f, moduleKey, readModule) }

func readModule(f *lint.File) *Module {
	m := &Module{}
	for _, s := range f.Doc.Scripts {
		depth := 0
		for i := range s.Tokens {
			if depth == 0 && !s.Tokens[i].Templated {
				switch {
				case s.Is(i, "export") && s.Tokens[i].Kind == jsscan.Keyword:
					m.readExport(s, i)
				case s.Is(i, "import") && s.Tokens[i].Kind == jsscan.Keyword:
					m.readImport(s, i)
				case (IsName(s, i, "module") && IsDot(s, i+1) && IsName(s, i+2, "exports") || IsName(s, i, "exports")) && !IsProperty(s, i):
					m.readCommonJSExport(s, i)
				}
			}
			if IsName(s, i, "require") && s.Is(i+1, "(") && !IsProperty(s, i) {
				m.readRequire(s, i)
			}
			open, close := bracketDelta(s, i)
			depth = max(0, depth-close) + open
		}
	}
	return m
}

// Named returns the export the module gives under name, and whether it has
// one. The last export of a name wins, as it would in CommonJS.
func (m *Module) Named(name string) (Export, bool) {
	// An index, built on first use (and again if Exports grew): callers
	// look up every export of a module, and a bundle has thousands.
	if m.named == nil || m.indexed != len(m.Exports) {
		m.named = make(map[string]int, len(m.Exports))
		for k, e := range m.Exports {
			if e.Kind != ExportAll {
				m.named[e.Name] = k
			}
		}
		m.indexed = len(m.Exports)
	}
	if k, ok := m.named[name]; ok {
		return m.Exports[k], true
	}
	return Export{}, false
}

// Import returns the import that binds local, and whether there is one.
func (m *Module) Import(local string) (Import, bool) {
	// An index, as for Named: exportedLiteral asks for every export.
	if m.locals == nil || m.indexedImports != len(m.Imports) {
		m.locals = make(map[string]int, len(m.Imports))
		for k := len(m.Imports) - 1; k >= 0; k-- {
			m.locals[m.Imports[k].Local] = k // the first import of a name wins
		}
		m.indexedImports = len(m.Imports)
	}
	if k, ok := m.locals[local]; ok {
		return m.Imports[k], true
	}
	return Import{}, false
}

// moduleSpec returns the module specifier of string token i, or ok false.
func moduleSpec(s *Script, i int) (string, bool) {
	v, ok := StringValue(s, i)
	return v, ok && v != ""
}

// readExport reads the export statement whose keyword is token i.
func (m *Module) readExport(s *Script, i int) {
	k := i + 1
	switch {
	case IsName(s, k, "type") && !s.Is(k+1, "="), IsName(s, k, "interface"), IsName(s, k, "declare"):
		return // types only
	case s.Is(k, "default"):
		e := Export{Name: "default", S: s, NameTok: k, Spec: -1}
		v := k + 1
		if end, ok := ExpressionEnd(s, v, MaxExpressionSteps); ok && end > v {
			if end == v+1 && IsAuthorIdent(s, v) {
				e.Local = s.Text(s.Tokens[v])
			} else {
				e.Value = Span{v, end}
			}
		}
		m.Exports = append(m.Exports, e)
	case s.Is(k, "const") || s.Is(k, "let") || s.Is(k, "var"):
		m.exportDeclarators(s, k+1)
	case s.Is(k, "function") || IsName(s, k, "async") && s.Is(k+1, "function") || s.Is(k, "class"):
		for j := k; j < k+3; j++ {
			if IsAuthorIdent(s, j) && !s.Is(j, "async") {
				m.Exports = append(m.Exports, Export{Name: s.Text(s.Tokens[j]), S: s, NameTok: j, Local: s.Text(s.Tokens[j]), Spec: -1})
				break
			}
		}
	case s.Is(k, "*"):
		e := Export{Kind: ExportAll, S: s, NameTok: k, Spec: -1}
		j := k + 1
		if IsName(s, j, "as") && (IsAuthorIdent(s, j+1) || s.Is(j+1, "default")) {
			e.Kind, e.Name, e.Imported, e.NameTok = ExportFrom, s.Text(s.Tokens[j+1]), "*", j+1
			j += 2
		}
		if IsName(s, j, "from") {
			if spec, ok := moduleSpec(s, j+1); ok {
				e.From, e.Spec = spec, j+1
				m.Exports = append(m.Exports, e)
			}
		}
	case s.Is(k, "{") && s.Match(k) > k:
		close := s.Match(k)
		from, spec := "", -1
		if IsName(s, close+1, "from") {
			v, ok := moduleSpec(s, close+2)
			if !ok {
				return
			}
			from, spec = v, close+2
		}
		for _, it := range specifiers(s, k, close) {
			e := Export{Name: it.outer, S: s, NameTok: it.outerTok, Spec: -1}
			if from != "" {
				e.Kind, e.From, e.Imported, e.Spec = ExportFrom, from, it.inner, spec
			} else {
				e.Local = it.inner
			}
			m.Exports = append(m.Exports, e)
		}
	}
}

// exportDeclarators reads `a = v, b = w` of an exported declaration
// starting at token i. A destructuring declaration exports names whose
// values are not followed.
func (m *Module) exportDeclarators(s *Script, i int) {
	for steps := 0; steps < MaxExpressionSteps && i < len(s.Tokens); steps++ {
		if !IsAuthorIdent(s, i) {
			return
		}
		e := Export{Name: s.Text(s.Tokens[i]), S: s, NameTok: i, Local: s.Text(s.Tokens[i]), Spec: -1}
		v := declaredValue(s, i)
		next := i + 1
		if v > 0 {
			end, ok := ExpressionEnd(s, v, MaxExpressionSteps)
			if !ok {
				m.Exports = append(m.Exports, e)
				return
			}
			e.Value, next = Span{v, end}, end
		}
		m.Exports = append(m.Exports, e)
		if !s.Is(next, ",") {
			return
		}
		i = next + 1
	}
}

// readCommonJSExport reads `module.exports = v`, `module.exports.x = v`,
// `exports.x = v` and `module.exports = { x, y: v }` at token i.
func (m *Module) readCommonJSExport(s *Script, i int) {
	k := i + 1
	if IsName(s, i, "module") {
		k = i + 3
	}
	if IsName(s, i, "exports") && !IsDot(s, k) && !s.Is(k, "[") {
		return // a bare `exports` is only the module object when a member is set
	}
	name, nameTok := "default", i
	if at, next := Member(s, k); at >= 0 {
		name, nameTok, k = MemberName(s, at), at, next
	}
	if !s.Is(k, "=") || s.Is(k+1, "=") {
		return
	}
	v := k + 1
	end, ok := ExpressionEnd(s, v, MaxExpressionSteps)
	if !ok || end <= v {
		return
	}
	e := Export{Name: name, S: s, NameTok: nameTok, Value: Span{v, end}, Spec: -1, CommonJS: true}
	if end == v+1 && IsAuthorIdent(s, v) {
		e.Value, e.Local = Span{}, s.Text(s.Tokens[v])
	}
	m.Exports = append(m.Exports, e)
	if name != "default" || !s.Is(v, "{") || s.Match(v) != end-1 {
		return
	}
	// module.exports = { oktaConfig, other: value }: each key is a name
	// that require(...).oktaConfig and a bundler's named import read.
	for _, p := range objectEntries(s, v) {
		e := Export{Name: p.name, S: s, NameTok: p.key, Spec: -1, CommonJS: true}
		if p.shorthand {
			e.Local = p.name
		} else {
			e.Value = p.value
		}
		m.Exports = append(m.Exports, e)
	}
}

// readImport reads the import declaration whose keyword is token i.
func (m *Module) readImport(s *Script, i int) {
	k := i + 1
	if IsName(s, k, "type") && !s.Is(k+1, ",") && !IsName(s, k+1, "from") {
		return // import type ...: no value
	}
	// import x = require('./y'): TypeScript's CommonJS import, read by
	// readRequire.
	var found []Import
	if IsAuthorIdent(s, k) && !s.Is(k+1, "=") {
		found = append(found, Import{Local: s.Text(s.Tokens[k]), Imported: "default", S: s, LocalTok: k})
		k++
		if s.Is(k, ",") {
			k++
		}
	}
	switch {
	case s.Is(k, "*") && IsName(s, k+1, "as") && IsAuthorIdent(s, k+2):
		found = append(found, Import{Local: s.Text(s.Tokens[k+2]), Imported: "*", S: s, LocalTok: k + 2})
		k += 3
	case s.Is(k, "{") && s.Match(k) > k:
		close := s.Match(k)
		for _, it := range specifiers(s, k, close) {
			found = append(found, Import{Local: it.outer, Imported: it.inner, S: s, LocalTok: it.outerTok})
		}
		k = close + 1
	}
	if !IsName(s, k, "from") {
		return
	}
	spec, ok := moduleSpec(s, k+1)
	if !ok {
		return
	}
	for _, im := range found {
		im.From, im.Spec = spec, k+1
		m.Imports = append(m.Imports, im)
	}
}

// readRequire reads the require call whose name is token i, when its
// result is bound: `const x = require('./y')`, `import x =
// require('./y')`, `const { a, b: c } = require('./y')`, `const a =
// require('./y').a`.
func (m *Module) readRequire(s *Script, i int) {
	spec, ok := moduleSpec(s, i+2)
	if !ok || !s.Is(i+3, ")") || !s.Is(i-1, "=") {
		return
	}
	imported := "*"
	if at, next := Member(s, i+4); at >= 0 && EndsExpression(s, next) {
		imported = MemberName(s, at)
	} else if !EndsExpression(s, i+4) {
		return
	}
	target := i - 2
	switch {
	case IsAuthorIdent(s, target) && !IsProperty(s, target):
		m.Imports = append(m.Imports, Import{Local: s.Text(s.Tokens[target]), Imported: imported, From: spec, S: s, LocalTok: target, Spec: i + 2})
	case s.Is(target, "}") && imported == "*" && s.Match(target) >= 0 && s.Match(target) < target:
		for _, p := range patternEntries(s, s.Match(target), target) {
			m.Imports = append(m.Imports, Import{Local: p.outer, Imported: p.inner, From: spec, S: s, LocalTok: p.outerTok, Spec: i + 2})
		}
	}
}

// specifier is one entry of an import or export list: `inner as outer`.
type specifier struct {
	inner, outer string
	outerTok     int
}

// specifiers reads the entries of `{ a, b as c, default as d, type T }`
// between the braces at open and close. Type-only entries are left out.
func specifiers(s *Script, open, close int) []specifier {
	var out []specifier
	for k := open + 1; k < close; {
		if IsName(s, k, "type") && (IsAuthorIdent(s, k+1) || s.Is(k+1, "default")) && !s.Is(k+1, ",") && !IsName(s, k+1, "as") {
			k = nextItem(s, k, close)
			continue
		}
		name, ok := specifierName(s, k)
		if !ok {
			k = nextItem(s, k, close)
			continue
		}
		it := specifier{inner: name, outer: name, outerTok: k}
		if IsName(s, k+1, "as") {
			if outer, ok := specifierName(s, k+2); ok {
				it.outer, it.outerTok = outer, k+2
			}
		}
		out = append(out, it)
		k = nextItem(s, k, close)
	}
	return out
}

// specifierName reads a name of an import or export list: an identifier,
// default, or a string (export { x as "a-b" }).
func specifierName(s *Script, k int) (string, bool) {
	switch {
	case IsAuthorIdent(s, k), s.Is(k, "default"):
		return s.Text(s.Tokens[k]), true
	case k >= 0 && k < len(s.Tokens) && s.Tokens[k].Kind == jsscan.String:
		return StringValue(s, k)
	}
	return "", false
}

// nextItem returns the index after the ',' that ends the list item at k,
// or close.
func nextItem(s *Script, k, close int) int {
	for ; k < close; k++ {
		if m := s.Match(k); m > k {
			k = m
			continue
		}
		if s.Is(k, ",") {
			return k + 1
		}
	}
	return close
}

// patternEntries reads the entries of a destructuring pattern `{ a, b: c }`
// that bind a name directly (nested patterns and defaults aside).
func patternEntries(s *Script, open, close int) []specifier {
	var out []specifier
	for k := open + 1; k < close; k = nextItem(s, k, close) {
		name, ok := specifierName(s, k)
		if !ok {
			continue
		}
		switch {
		case s.Is(k+1, ",") || k+1 == close:
			out = append(out, specifier{inner: name, outer: name, outerTok: k})
		case s.Is(k+1, ":") && IsAuthorIdent(s, k+2) && (s.Is(k+3, ",") || k+3 == close):
			out = append(out, specifier{inner: name, outer: s.Text(s.Tokens[k+2]), outerTok: k + 2})
		}
	}
	return out
}

// entry is one `key: value` or shorthand `key` of an object literal.
type entry struct {
	name      string
	key       int
	value     Span
	shorthand bool
}

// objectEntries reads the plain entries of the object literal opening at
// token open: identifier or string keys with a value, and shorthands.
// Spreads, methods and computed keys are left out.
func objectEntries(s *Script, open int) []entry {
	close := s.Match(open)
	var out []entry
	for k := open + 1; k < close; {
		end := nextItem(s, k, close)
		to := end
		if s.Is(to-1, ",") {
			to--
		}
		name, ok := specifierName(s, k)
		switch {
		case !ok:
		case to == k+1 && IsAuthorIdent(s, k):
			out = append(out, entry{name: name, key: k, value: Span{k, k + 1}, shorthand: true})
		case s.Is(k+1, ":") && to > k+2:
			out = append(out, entry{name: name, key: k, value: Span{k + 2, to}})
		}
		k = end
	}
	return out
}

// LocalValue returns the expression a module-level name is declared with
// (`const name = <value>`), and whether the module declares it with one.
// A name assigned again at the top level has no single value.
//
// The module's declarations are read once per file: a module exports
// many names (a bundle thousands), and reading the whole file again for
// each of them made reading its exports quadratic in its size.
func LocalValue(f *lint.File, name string) (*Script, Span, bool) {
	lv := lint.Cached(f, localValuesKey, readLocalValues)[name]
	return lv.s, lv.v, lv.s != nil
}

// localValue is what LocalValue returns for one name; s is nil for a name
// with no single value.
type localValue struct {
	s *Script
	v Span
}

var localValuesKey = lint.NewKey[map[string]localValue]("jsmodel.localValues")

// readLocalValues reads every module-level declaration with a value: a
// name declared once, after const, let, var or a comma, with an
// expression that ends, has that expression; a name declared otherwise or
// more than once has none.
func readLocalValues(f *lint.File) map[string]localValue {
	m := map[string]localValue{}
	for _, s := range f.Doc.Scripts {
		depth := 0
		for i := range s.Tokens {
			if t := s.Tokens[i]; depth == 0 && t.Kind == jsscan.Ident && !t.Templated && !IsProperty(s, i) {
				if v := declaredValue(s, i); v > 0 {
					name := s.Text(t)
					if _, seen := m[name]; seen {
						m[name] = localValue{}
					} else if s.Is(i-1, "const") || s.Is(i-1, "let") || s.Is(i-1, "var") || s.Is(i-1, ",") {
						if end, ok := ExpressionEnd(s, v, MaxExpressionSteps); ok {
							m[name] = localValue{s, Span{v, end}}
						} else {
							m[name] = localValue{}
						}
					} else {
						m[name] = localValue{}
					}
				}
			}
			open, close := bracketDelta(s, i)
			depth = max(0, depth-close) + open
		}
	}
	return m
}

// Untouched reports whether the module's code does nothing with an export
// but declare and export it, so that the exported literal is all there is
// to it: its local name appears only where it is declared and exported, and
// a CommonJS module sets module.exports (or exports.x) once. Anything else
// (config.x = v, Object.assign(config, ...), a read that may hand it on, a
// second exports.x = ...) may change the object.
func Untouched(f *lint.File, e Export) bool {
	t := lint.Cached(f, touchedKey, readTouched)
	if e.CommonJS && t.commonJSWrites > 1 {
		return false
	}
	return e.Local == "" || !t.names[e.Local]
}

// touched is what Untouched reads of a file, in one walk of its tokens
// however many exports it has (a bundle has thousands).
type touched struct {
	// names are the identifiers that appear somewhere other than where a
	// name is declared with a value or exported.
	names          map[string]bool
	commonJSWrites int
}

var touchedKey = lint.NewKey[*touched]("names used beyond their declaration and export")

func readTouched(f *lint.File) *touched {
	t := &touched{names: map[string]bool{}, commonJSWrites: commonJSWrites(f)}
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if !IsAuthorIdent(s, i) || IsProperty(s, i) || s.Is(i+1, ":") {
				continue
			}
			switch {
			case (s.Is(i-1, "const") || s.Is(i-1, "let") || s.Is(i-1, "var")) && declaredValue(s, i) > 0:
			case s.Is(i-1, "default") && s.Is(i-2, "export"):
			case s.Is(i-1, "=") && exportsTarget(s, i-2):
			case exportList(s, i):
			default:
				t.names[s.Text(s.Tokens[i])] = true
			}
		}
	}
	return t
}

// commonJSWrites counts the statements that set module.exports or one of
// its members.
func commonJSWrites(f *lint.File) int {
	n := 0
	for _, s := range f.Doc.Scripts {
		for i := range s.Tokens {
			if IsName(s, i, "module") && IsDot(s, i+1) && IsName(s, i+2, "exports") && !IsProperty(s, i) ||
				IsName(s, i, "exports") && !IsProperty(s, i) && (IsDot(s, i+1) || s.Is(i+1, "[")) {
				n++
			}
		}
	}
	return n
}

// exportsTarget reports whether token k ends module.exports, exports.x or
// module.exports.x.
func exportsTarget(s *Script, k int) bool {
	if IsName(s, k, "exports") {
		return IsProperty(s, k) && IsName(s, k-2, "module") || !IsProperty(s, k)
	}
	return IsAuthorIdent(s, k) && IsProperty(s, k) && exportsTarget(s, k-2)
}

// exportList reports whether the name at token i stands in an export list
// (export { a, b as c }) or is a shorthand key of the literal module.exports
// is set to.
func exportList(s *Script, i int) bool {
	k := i - 1
	for steps := 0; k >= 0 && steps < 256; steps++ {
		if m := s.Match(k); m >= 0 && m < k {
			k = m - 1
			continue
		}
		if s.Is(k, "{") {
			break
		}
		k--
	}
	if !s.Is(k, "{") {
		return false
	}
	if s.Is(k-1, "export") {
		return true
	}
	shorthand := (s.Is(i-1, "{") || s.Is(i-1, ",")) && (s.Is(i+1, ",") || s.Is(i+1, "}"))
	return shorthand && s.Is(k-1, "=") && exportsTarget(s, k-2)
}
