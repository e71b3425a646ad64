package jsmodel

import "github.com/tmpllint/tmpllint/lint"

// ConfigUse is an object literal of the file being linted that is (or
// looks like) the configuration of a Sign-In Widget created elsewhere.
// Findings about its options are reported in this file, while this file is
// linted; the message names where the widget is created (Importer.Site).
type ConfigUse struct {
	// S and Open are the literal: its script and the index of its '{'.
	S    *Script
	Open int
	// Export is the module's export the literal is.
	Export string
	// Importer is where a linted file creates the widget from the
	// export. It is zero for a module that no linted file about Okta
	// imports, whose literal has the widget's option shape (Shaped).
	Importer lint.Importer
	Shaped   bool
}

// ConfigUses returns the exported object literals of f that widgets are
// created from in other linted files (one use per creation site), or, when
// no linted file about Okta imports f at all, those with the widget's
// option shape (WidgetShaped). Only a script module (JavaScript,
// TypeScript, JSX) is a configuration module; a page, a Vue component, a
// run without a project and a file that creates a widget itself have none
// for a shape: their configurations are read where they are.
func ConfigUses(f *lint.File, p lint.Project) []ConfigUse {
	if p == nil || !f.Doc.Lang.IsScript() {
		return nil
	}
	var out []ConfigUse
	if imps := p.Importers(f.Name); len(imps) > 0 {
		for _, imp := range imps {
			s, open, ok := exportedLiteral(f, imp.Export)
			if ok && imp.Key != "" {
				s, open, ok = keyLiteral(s, open, imp.Key)
			}
			if ok {
				out = append(out, ConfigUse{S: s, Open: open, Export: imp.Export, Importer: imp})
			}
		}
		return out
	}
	if p.Imported(f.Name) {
		return nil
	}
	// The shape first: it reads only the exports, where the checks after
	// it build the file's model, and most modules export no widget
	// configuration.
	seen := map[TokenAt]bool{}
	for _, e := range ModuleOf(f).Exports {
		if e.Kind != ExportValue {
			continue
		}
		s, open, ok := exportedLiteral(f, e.Name)
		if !ok || seen[TokenAt{s, open}] || !WidgetShaped(s, open) {
			continue
		}
		seen[TokenAt{s, open}] = true
		out = append(out, ConfigUse{S: s, Open: open, Export: e.Name, Shaped: true})
	}
	if len(out) == 0 || len(WidgetsOf(f).Constructions()) > 0 || ContextOf(f).Hosted() {
		return nil
	}
	return out
}

// exportedLiteral returns the object literal f exports under name: the
// exported expression, or the value the exported local name is declared
// with, with TypeScript's `as const` / `satisfies T` after it.
func exportedLiteral(f *lint.File, name string) (*Script, int, bool) {
	e, ok := ModuleOf(f).Named(name)
	if !ok || e.Kind != ExportValue {
		return nil, 0, false
	}
	s, v := e.S, e.Value
	if v.Empty() {
		if localImport(f, e.Local) {
			return nil, 0, false
		}
		if s, v, ok = LocalValue(f, e.Local); !ok {
			return nil, 0, false
		}
	}
	return literalOf(s, v)
}

// literalOf returns the object literal an expression is, with
// TypeScript's `as const` / `as T` / `satisfies T` after it, or frozen
// (Object.freeze({ ... })).
func literalOf(s *Script, v Span) (*Script, int, bool) {
	// Object.freeze({ ... }) is the literal itself, frozen.
	if v.To-v.From > 4 && IsName(s, v.From, "Object") && IsDot(s, v.From+1) && IsName(s, v.From+2, "freeze") &&
		s.Is(v.From+3, "(") && s.Match(v.From+3) == v.To-1 {
		v = Span{v.From + 4, v.To - 1}
	}
	if v.Empty() || !s.Is(v.From, "{") {
		return nil, 0, false
	}
	close := s.Match(v.From)
	if close < v.From || close >= v.To {
		return nil, 0, false
	}
	switch rest := v.To - close - 1; {
	case rest == 0:
	case rest == 2 && (IsName(s, close+1, "as") || IsName(s, close+1, "satisfies")) && (IsAuthorIdent(s, close+2) || s.Is(close+2, "const")):
	default:
		return nil, 0, false
	}
	return s, v.From, true
}

// WidgetShaped reports whether the object literal opening at token open
// has the option shape of a Sign-In Widget configuration: baseUrl or
// issuer with clientId and redirectUri, or an option only the widget reads
// (useInteractionCodeFlow, useClassicEngine). A literal with a clientSecret
// is a server's OAuth client (a NextAuth provider, Passport's strategy),
// never the widget's, which runs in the browser.
func WidgetShaped(s *Script, open int) bool {
	keys := map[string]bool{}
	for _, e := range objectEntries(s, open) {
		keys[e.name] = true
	}
	if keys["clientSecret"] || keys["client_secret"] {
		return false
	}
	return keys["useInteractionCodeFlow"] || keys["useClassicEngine"] ||
		(keys["baseUrl"] || keys["issuer"]) && keys["clientId"] && keys["redirectUri"]
}

// CreationSite loads the file an importer names and returns its widget
// construction the importer counts, at the importer's line, for a rule that reads the whole
// configuration (the options the creating file adds to the imported
// ones). The file is parsed once per linted file, and its analyses run on
// the goroutine that lints f.
func CreationSite(f *lint.File, p lint.Project, imp lint.Importer) (*lint.File, *Construction, bool) {
	if p == nil {
		return nil, nil, false
	}
	g := load(f, p, imp.File)
	if g == nil {
		return nil, nil, false
	}
	// The creating file imports f: it reads f itself rather than a copy,
	// so that what its analysis finds in the configuration lies in f's
	// own scripts (Owns), and f is not parsed again.
	lint.Cached(g, loadedKey, newLoaded)[pathKey(f.Name)] = f
	// The file may have changed since the index was built (fix writes
	// files one after another): the construction must still be where the
	// index saw it.
	if cs := WidgetsOf(g).Constructions(); imp.Construction < len(cs) {
		if c := cs[imp.Construction]; g.Line(c.S.Tokens[c.New].Start) == imp.Line {
			return g, c, true
		}
	}
	return nil, nil, false
}

// Owns reports whether s is one of f's own scripts. An analysis that
// follows an import reads the scripts of another module; a finding located
// there belongs to that module and is reported while it is linted.
func Owns(f *lint.File, s *Script) bool {
	for _, own := range f.Doc.Scripts {
		if own == s {
			return true
		}
	}
	return false
}

// importedObject follows an import of f to the object literal it names.
func importedObject(f *lint.File, r ImportRef) (Foreign, int, bool) {
	v, ok := ImportedValue(f, f.Project, r)
	if !ok {
		return Foreign{}, 0, false
	}
	ls, open, ok := literalOf(v.S, v.Value)
	if !ok {
		return Foreign{}, 0, false
	}
	v.S = ls
	return v, open, true
}

// ImportedObjectNamed is ImportedObject for a module-level name of f that
// no declaration of f gives a value (an import binding), or a member of it
// (ns.oktaConfig when member is "oktaConfig"): the object literal its
// module exports, followed with f's project.
func ImportedObjectNamed(f *lint.File, local, member string) (Foreign, int, bool) {
	if f.Project == nil {
		return Foreign{}, 0, false
	}
	r, ok := importNamed(ModuleOf(f), local, member)
	if !ok {
		return Foreign{}, 0, false
	}
	return importedObject(f, r)
}
