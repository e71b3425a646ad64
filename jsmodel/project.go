package jsmodel

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// Project is the run-level view of the repository (lint.Project): it
// resolves imports (relative, path aliases, workspace packages), parses
// other files on demand, and holds the importers index a pre-pass over the
// run's script files builds. After NewProject returns it is read-only (its
// caches aside), and safe for the run's workers.
//
// Memory stays bounded by what the index needs: the pre-pass keeps, of
// each file, only where it creates the widget from which module's export
// and which modules it imports; a file another file needs is parsed again
// when asked (Load), never kept.
type Project struct {
	read   func(path string) ([]byte, error)
	parses atomic.Int64
	wd     string // the working directory, for keys of relative paths

	mu    sync.Mutex
	roots map[string]string // a file's directory → its repository root
	// resolved memoizes Resolve by the importing file's directory and the
	// specifier: the pre-pass and the rules ask the same questions.
	resolved map[resolveKey]resolution
	// aliases reads the tsconfig.json or jsconfig.json of each directory
	// once, for specifiers that are not relative.
	aliases *Aliases
	// workspaces reads the workspace packages of a monorepo once.
	workspaces *Workspaces

	importers map[string][]lint.Importer // module key → creation sites
	imported  map[string]bool            // module key → imported by an Okta file
}

// maxReexports bounds how many re-exports (export { x } from './y',
// export * from './y') are followed from the module a file imports to the
// one that holds the value.
const maxReexports = 4

// widgetNeedles are the bytes a file must hold to create the widget or
// import an Okta SDK; the pre-pass reads no further into a file without
// any of them.
var widgetNeedles = [][]byte{[]byte("OktaSignIn"), []byte("@okta/")}

// NewProject builds the view for a run over inputs (paths as the run
// names them), reading files with read. The pre-pass parses only the
// script files (JavaScript, TypeScript, JSX, Vue, EJS) that hold the bytes
// of the widget's constructor or an Okta package name, and the modules
// they import; a hosted HTML template never imports.
func NewProject(inputs []string, read func(path string) ([]byte, error)) *Project {
	wd, _ := os.Getwd()
	p := &Project{read: read, wd: wd, roots: map[string]string{}, resolved: map[resolveKey]resolution{}, aliases: NewAliases(), workspaces: NewWorkspaces(), importers: map[string][]lint.Importer{}, imported: map[string]bool{}}
	type found struct {
		sites    []site
		imported []string
	}
	results := make([]found, len(inputs))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(inputs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i].sites, results[i].imported = p.indexFile(inputs[i])
			}
		}()
	}
	for i := range inputs {
		work <- i
	}
	close(work)
	wg.Wait()
	for _, r := range results {
		for _, s := range r.sites {
			p.importers[s.module] = append(p.importers[s.module], s.Importer)
		}
		for _, k := range r.imported {
			p.imported[k] = true
		}
	}
	return p
}

// site is one creation of the widget from a module's export.
type site struct {
	lint.Importer
	module string // key of the module that holds the export
}

// pathKey returns the key a path is indexed by: absolute and clean, so
// that src/a.ts, ./src/../src/a.ts and /repo/src/a.ts meet.
func pathKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// key is pathKey with the working directory the project was built in,
// read once: the rules ask it of every file a run lints.
func (p *Project) key(path string) string {
	if filepath.IsAbs(path) || p.wd == "" {
		return pathKey(path)
	}
	return filepath.Join(p.wd, path)
}

// scriptInput reports whether the pre-pass reads a file of this name.
func scriptInput(path string) bool {
	lang, ok := jsscan.LangOf(path)
	return ok && lang != jsscan.LangHTML
}

// indexFile reads one input for the index: where it creates the widget
// from an imported configuration, and which modules it imports.
func (p *Project) indexFile(path string) ([]site, []string) {
	if path == "-" || !scriptInput(path) {
		return nil, nil
	}
	content, err := p.read(path)
	if err != nil || !containsAny(content, widgetNeedles) {
		return nil, nil
	}
	f, err := p.parse(path, content)
	if err != nil || f.Doc.Lang == jsscan.LangHTML {
		return nil, nil
	}
	var sites []site
	for n, c := range WidgetsOf(f).Constructions() {
		for _, r := range ConfigImports(f, c) {
			if v, ok := ImportedValue(f, p, r); ok {
				imp := lint.Importer{File: path, Line: f.Line(c.S.Tokens[c.New].Start), Construction: n, Export: v.Export, Key: v.Key}
				sites = append(sites, site{Importer: imp, module: pathKey(v.Path)})
			}
		}
	}
	var imported []string
	for _, im := range ModuleOf(f).Imports {
		for _, path := range reexportChain(f, p, im.From, im.Imported) {
			imported = append(imported, pathKey(path))
		}
	}
	return sites, imported
}

func containsAny(b []byte, needles [][]byte) bool {
	for _, n := range needles {
		if bytes.Contains(b, n) {
			return true
		}
	}
	return false
}

// Parses returns how many files the project has parsed: in the pre-pass
// and for Load.
func (p *Project) Parses() int64 { return p.parses.Load() }

func (p *Project) parse(path string, content []byte) (*lint.File, error) {
	p.parses.Add(1)
	return lint.Parse(lint.NewSource(path, content))
}

// Load implements lint.Project. The file it returns has the project set,
// so that its own imports can be followed too.
func (p *Project) Load(path string) (*lint.File, error) {
	content, err := p.read(path)
	if err != nil {
		return nil, err
	}
	f, err := p.parse(path, content)
	if err == nil {
		f.Project = p
	}
	return f, err
}

type resolveKey struct{ dir, spec string }

type resolution struct {
	path string
	ok   bool
}

// Resolve implements lint.Project: the specifier is resolved inside the
// repository root of the importing file (RepositoryRoot), a relative one
// by ResolveModule, any other through the path aliases of the nearest
// tsconfig.json or jsconfig.json (Aliases), else as a package of the
// monorepo's workspaces (Workspaces). The path returned is the
// importing file's directory, as the run names it, joined with the
// specifier; any other target is named the same way, relative to the
// working directory when the importing file is.
func (p *Project) Resolve(from, spec string) (string, bool) {
	k := resolveKey{filepath.Dir(from), spec}
	p.mu.Lock()
	r, done := p.resolved[k]
	root, rooted := p.roots[k.dir]
	p.mu.Unlock()
	if done {
		return r.path, r.ok
	}
	if !rooted {
		root = RepositoryRoot(from)
	}
	if RelativeSpecifier(spec) {
		r.path, r.ok = ResolveModule(root, from, spec)
	} else {
		if r.path, r.ok = p.aliases.Resolve(root, from, spec); !r.ok {
			r.path, r.ok = p.workspaces.Resolve(root, from, spec)
		}
		if rel, err := filepath.Rel(p.wd, r.path); r.ok && !filepath.IsAbs(from) && p.wd != "" && err == nil {
			r.path = rel
		}
	}
	p.mu.Lock()
	p.roots[k.dir] = root
	p.resolved[k] = r
	p.mu.Unlock()
	return r.path, r.ok
}

// Importers implements lint.Project.
func (p *Project) Importers(path string) []lint.Importer { return p.importers[p.key(path)] }

// Imported implements lint.Project.
func (p *Project) Imported(path string) bool { return p.imported[p.key(path)] }

// ImportRef is an expression of a file that stands for another module's
// export: the module specifier and the export's name.
type ImportRef struct {
	S    *Script
	Expr Span
	From string
	Name string
	// Key is a property of the export the expression reads
	// (config.widget of import config from './config'), or "".
	Key string
}

// ConfigImports returns the imported values a construction's
// configuration is made of: the argument itself (oktaConfig,
// ns.oktaConfig), or the spreads of the file's own literal it is
// ({ ...oktaConfig, el: '#w' }, or a name declared with such a literal).
func ConfigImports(f *lint.File, c *Construction) []ImportRef {
	if c.Arg.Empty() {
		return nil
	}
	m, mod := Of(f), ModuleOf(f)
	if r, ok := importRef(m, mod, c.S, c.Arg); ok {
		return []ImportRef{r}
	}
	if !c.Config.Known || len(c.Config.Objects) != 1 || !Owns(f, c.Config.Objects[0].S) {
		return nil
	}
	o := c.Config.Objects[0]
	var out []ImportRef
	for _, p := range ReadProps(o) {
		if !p.Spread {
			continue
		}
		if r, ok := importRef(m, mod, o.S, p.Value); ok {
			out = append(out, r)
		}
	}
	return out
}

// importRef reads an expression that names an import: `name` (the
// export the import binds; a whole module object stands for its default
// export, module.exports) or `ns.name` of a namespace import. A local
// declaration of the same name hides the import.
func importRef(m *Model, mod *Module, s *Script, sp Span) (ImportRef, bool) {
	if sp.Empty() || !IsAuthorIdent(s, sp.From) || IsProperty(s, sp.From) || m.Resolve(s, sp.From).Scope != 0 {
		return ImportRef{}, false
	}
	member := ""
	switch n := sp.To - sp.From; {
	case n == 1:
	case n == 3 && IsDot(s, sp.From+1) && IsAuthorIdent(s, sp.From+2):
		member = s.Text(s.Tokens[sp.From+2])
	default:
		return ImportRef{}, false
	}
	r, ok := importNamed(mod, s.Text(s.Tokens[sp.From]), member)
	r.S, r.Expr = s, sp
	return r, ok
}

// importNamed reads a module-level name of a module that an import binds,
// or a member of it (ns.oktaConfig of import * as ns), as an import of the
// export it names. The caller has resolved the name to the module scope.
func importNamed(mod *Module, local, member string) (ImportRef, bool) {
	im, ok := mod.Import(local)
	if !ok {
		return ImportRef{}, false
	}
	name := im.Imported
	switch {
	case member == "" && name == "*":
		name = "default"
	case member == "":
	case name == "*":
		name = member
	default:
		// A property of an export: config.widget is the widget key of
		// the literal config is.
		return ImportRef{From: im.From, Name: name, Key: member}, true
	}
	return ImportRef{From: im.From, Name: name}, true
}

// Foreign is a value another module exports, as the file that imports it
// sees it.
type Foreign struct {
	// File is the module, parsed for the importing file; Path is its
	// path and Export the export's name there; Key the property of the
	// export the value is, or "".
	File   *lint.File
	Path   string
	Export string
	Key    string
	// S and Value are the exported expression.
	S     *Script
	Value Span
}

// loadedKey holds, on a file, the modules parsed for it, by path key.
var loadedKey = lint.NewKey[map[string]*lint.File]("jsmodel.loaded")

func newLoaded(*lint.File) map[string]*lint.File { return map[string]*lint.File{} }

// load returns the module at path parsed for f, once per file: a rule of
// f and the next rule share it, other files never do.
func load(f *lint.File, p lint.Project, path string) *lint.File {
	loaded := lint.Cached(f, loadedKey, newLoaded)
	k := pathKey(path)
	if g, ok := loaded[k]; ok {
		return g
	}
	g, err := p.Load(path)
	if err != nil {
		g = nil
	}
	loaded[k] = g
	return g
}

// ImportedValue follows an import of f to the value it names: the module
// the specifier resolves to, then its re-exports, up to the module that
// holds the value. ok is false when the module is not in the repository,
// the export is not found, or its value is not an expression of the
// module (a function, a name imported from elsewhere).
func ImportedValue(f *lint.File, p lint.Project, r ImportRef) (Foreign, bool) {
	v, _, ok := follow(f, p, r.From, r.Name)
	if !ok || r.Key == "" {
		return v, ok
	}
	// config.widget: the literal under that key of the exported literal.
	s, open, ok := literalOf(v.S, v.Value)
	if !ok {
		return Foreign{}, false
	}
	s, open, ok = keyLiteral(s, open, r.Key)
	if !ok {
		return Foreign{}, false
	}
	v.S, v.Value, v.Key = s, Span{open, s.Match(open) + 1}, r.Key
	return v, true
}

// keyLiteral returns the object literal written as the value of key in
// the literal opening at open (the last entry of that name), or false when
// the value is anything else or a spread may set the key after it.
func keyLiteral(s *Script, open int, key string) (*Script, int, bool) {
	var found Span
	for _, e := range objectEntries(s, open) {
		if e.name == key {
			found = e.value
		}
	}
	if found.Empty() {
		return nil, 0, false
	}
	for i := found.To; i < s.Match(open); i++ {
		if s.Is(i, "...") && (s.Is(i-1, "{") || s.Is(i-1, ",")) {
			return nil, 0, false
		}
		if m := s.Match(i); m > i {
			i = m
		}
	}
	return literalOf(s, found)
}

// reexportChain returns the modules an import of f reaches: the one the
// specifier names, and those its re-exports pass the name on from.
func reexportChain(f *lint.File, p lint.Project, spec, name string) []string {
	_, chain, _ := follow(f, p, spec, name)
	return chain
}

// follow walks from an import of f (specifier and name) through
// re-exports to the value, and returns it with the modules on the way.
func follow(f *lint.File, p lint.Project, spec, name string) (Foreign, []string, bool) {
	if p == nil {
		return Foreign{}, nil, false
	}
	var chain []string
	from := f.Name
	for hop := 0; hop <= maxReexports; hop++ {
		path, ok := p.Resolve(from, spec)
		if !ok {
			return Foreign{}, chain, false
		}
		chain = append(chain, path)
		if name == "*" {
			return Foreign{}, chain, false // the module object itself
		}
		g := load(f, p, path)
		if g == nil {
			return Foreign{}, chain, false
		}
		mod := ModuleOf(g)
		e, ok := mod.Named(name)
		if !ok && name != "default" {
			e, ok = starExport(f, p, path, mod, name)
		}
		switch {
		case !ok:
			return Foreign{}, chain, false
		case e.Kind == ExportValue && !Untouched(g, e):
			return Foreign{}, chain, false // the module may change the object
		case e.Kind == ExportValue && !e.Value.Empty():
			return Foreign{File: g, Path: path, Export: name, S: e.S, Value: e.Value}, chain, true
		case e.Kind == ExportValue:
			s, v, ok := LocalValue(g, e.Local)
			if !ok || localImport(g, e.Local) {
				return Foreign{}, chain, false
			}
			return Foreign{File: g, Path: path, Export: name, S: s, Value: v}, chain, true
		case e.Imported == "*":
			return Foreign{}, chain, false // a namespace, not a configuration
		}
		from, spec, name = path, e.From, e.Imported
	}
	return Foreign{}, chain, false
}

// starExport finds which `export * from './y'` of the module at path
// passes on name: the first whose module exports it, as a bundler warns
// on a clash. It returns that re-export as one of name.
func starExport(f *lint.File, p lint.Project, path string, mod *Module, name string) (Export, bool) {
	for _, all := range mod.Exports {
		if all.Kind != ExportAll {
			continue
		}
		target, ok := p.Resolve(path, all.From)
		if !ok {
			continue
		}
		if h := load(f, p, target); h != nil {
			if _, has := ModuleOf(h).Named(name); has {
				all.Kind, all.Name, all.Imported = ExportFrom, name, name
				return all, true
			}
		}
	}
	return Export{}, false
}

// localImport reports whether a module-level name of f is an import.
func localImport(f *lint.File, name string) bool {
	_, ok := ModuleOf(f).Import(name)
	return ok
}

// RunView builds the project over a run's inputs (paths, or "-" for
// standard input, which is not read) and returns the function that hands it
// to each file's options: the shape of a run-level view a front end builds
// once before the first file is linted.
func RunView(read func(path string) ([]byte, error)) func(inputs []string) (func(path string, opts *lint.Options), error) {
	return func(inputs []string) (func(string, *lint.Options), error) {
		p := NewProject(inputs, read)
		return func(_ string, opts *lint.Options) { opts.Project = p }, nil
	}
}
