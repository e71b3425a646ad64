package jsmodel

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// This file resolves imports of the packages a monorepo keeps in its own
// workspaces: the package.json of the workspace root lists them
// ("workspaces": ["packages/*"], npm and Yarn,
// https://docs.npmjs.com/cli/using-npm/workspaces), or pnpm-workspace.yaml
// does (packages: [...], https://pnpm.io/pnpm-workspace_yaml), and each
// has a package.json whose name an app imports:
//
//	import { oktaConfig } from '@acme/okta-config'        // its entry
//	import { oktaConfig } from '@acme/okta-config/widget' // a file of it
//
// A package's entry is its exports ('.', or the subpath, with a condition
// a bundler applies: import, module, browser, default, require), else
// module, else main, else its index file; a subpath without exports is a
// file of the package. The file must exist in the repository: an entry in
// build output that is not there resolves nothing.

// maxWorkspacePackages bounds the packages read of one workspace root.
const maxWorkspacePackages = 1000

// maxExportsDepth bounds the nesting of exports conditions followed.
const maxExportsDepth = 4

// bundlerConditions are the export conditions a bundler building for the
// browser applies; types (declarations) and any other are passed over.
var bundlerConditions = map[string]bool{"import": true, "module": true, "browser": true, "default": true, "require": true}

// workspacePackage is one package of a workspace.
type workspacePackage struct {
	name string
	dir  string
	// exports, module and main are the package.json fields.
	exports      json.RawMessage
	module, main string
}

// Workspaces resolves specifiers that name a workspace package, reading
// each workspace root once; it is safe for concurrent use.
type Workspaces struct {
	mu     sync.Mutex
	dirs   upward[string]           // a directory → its workspace root, "" for none
	byRoot map[string]*packagesOnce // a workspace root → its packages, read once
}

type packagesOnce struct {
	once sync.Once
	pkgs []workspacePackage
}

// NewWorkspaces returns an empty cache.
func NewWorkspaces() *Workspaces {
	return &Workspaces{byRoot: map[string]*packagesOnce{}}
}

// Resolve returns the file a package specifier names when the file at from
// imports it and the package is one of the workspaces of the nearest
// workspace root between from's directory and root. The result lies inside
// root, also after following symbolic links; the path is absolute.
func (w *Workspaces) Resolve(root, from, spec string) (string, bool) {
	absRoot, absFrom, ok := bareSpecifier(root, from, spec)
	if !ok {
		return "", false
	}
	ws := w.root(absRoot, filepath.Dir(absFrom))
	if ws == "" {
		return "", false
	}
	var pkg workspacePackage
	sub, twice := "", false
	for _, p := range w.packages(absRoot, ws) {
		switch {
		case spec != p.name && !strings.HasPrefix(spec, p.name+"/"):
		case p.name == pkg.name:
			twice = true
		case len(p.name) > len(pkg.name):
			pkg, sub, twice = p, strings.TrimPrefix(spec[len(p.name):], "/"), false
		}
	}
	if pkg.name == "" || twice {
		return "", false // two packages of one name: which one is the package manager's
	}
	var targets []string
	switch {
	case len(pkg.exports) > 0:
		key := "."
		if sub != "" {
			key = "./" + sub
		}
		t, ok := packageExport(pkg.exports, key)
		if !ok {
			return "", false // exports hides every other file
		}
		targets = []string{t}
	case sub != "":
		targets = []string{sub}
	default:
		targets = []string{pkg.module, pkg.main, "./"}
	}
	for _, t := range targets {
		if t == "" || filepath.IsAbs(t) || strings.HasPrefix(t, "/") {
			continue
		}
		found := ""
		candidates(filepath.Join(pkg.dir, filepath.FromSlash(t)), t, func(c string) bool {
			if inside(absRoot, c) && inside(pkg.dir, c) {
				found = c
				return true
			}
			return false
		})
		if found != "" {
			return found, true
		}
	}
	return "", false
}

// packageExport returns the path the exports field of a package.json maps
// the subpath key ("." or "./x") to: a string (for "."), an object of
// subpaths (exact, else the pattern with one '*' and the longest prefix),
// and in each a string, an array (its first string) or an object of
// conditions (the first a bundler applies).
func packageExport(raw json.RawMessage, key string) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil && s != "" {
		if key != "." {
			return "", false
		}
		return s, true
	}
	keys, values, ok := orderedObject(raw)
	if !ok {
		return conditionTarget(raw, "", 0)
	}
	if len(keys) == 0 || !strings.HasPrefix(keys[0], ".") {
		// Conditions for ".".
		if key != "." {
			return "", false
		}
		return conditionTarget(raw, "", 0)
	}
	best, star := -1, ""
	for i, k := range keys {
		if k == key {
			return conditionTarget(values[i], "", 0)
		}
		if n := strings.Count(k, "*"); n == 1 {
			at := strings.IndexByte(k, '*')
			prefix, suffix := k[:at], k[at+1:]
			if len(key) >= len(prefix)+len(suffix) && strings.HasPrefix(key, prefix) && strings.HasSuffix(key, suffix) && (best < 0 || len(prefix) > strings.IndexByte(keys[best], '*')) {
				best, star = i, key[len(prefix):len(key)-len(suffix)]
			}
		}
	}
	if best < 0 {
		return "", false
	}
	t, ok := conditionTarget(values[best], star, 0)
	return t, ok
}

// conditionTarget reads one exports value: a string (its '*' replaced by
// star), the first string of an array, or the first condition a bundler
// applies of an object. null maps to nothing.
func conditionTarget(raw json.RawMessage, star string, depth int) (string, bool) {
	if depth > maxExportsDepth || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.ReplaceAll(s, "*", star), s != ""
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		for _, v := range list {
			if t, ok := conditionTarget(v, star, depth+1); ok {
				return t, true
			}
		}
		return "", false
	}
	keys, values, ok := orderedObject(raw)
	if !ok {
		return "", false
	}
	for i, k := range keys {
		if bundlerConditions[k] {
			if t, ok := conditionTarget(values[i], star, depth+1); ok {
				return t, true
			}
		}
	}
	return "", false
}

// orderedObject returns the keys and values of a JSON object in the order
// written, or false when raw is not an object.
func orderedObject(raw json.RawMessage) ([]string, []json.RawMessage, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, false
	}
	var keys []string
	var values []json.RawMessage
	for dec.More() {
		t, err := dec.Token()
		k, isKey := t.(string)
		var v json.RawMessage
		if err != nil || !isKey || dec.Decode(&v) != nil {
			return nil, nil, false
		}
		keys, values = append(keys, k), append(values, v)
	}
	return keys, values, true
}

// root returns the workspace root of dir: the nearest directory from dir
// up to root whose package.json lists workspaces or that holds
// pnpm-workspace.yaml, or "".
func (w *Workspaces) root(root, dir string) string {
	return w.dirs.find(root, dir, func(d string) (string, bool) {
		if workspacePatterns(root, d) != nil {
			return d, true
		}
		return "", false
	})
}

// workspacePatterns returns the workspace patterns declared in dir, or nil.
func workspacePatterns(root, dir string) []string {
	if b, ok := readSmall(root, filepath.Join(dir, "pnpm-workspace.yaml")); ok {
		var y struct {
			Packages []string `yaml:"packages"`
		}
		if yaml.Unmarshal(b, &y) == nil && len(y.Packages) > 0 {
			return y.Packages
		}
	}
	b, ok := readSmall(root, filepath.Join(dir, "package.json"))
	if !ok {
		return nil
	}
	var pkg struct {
		Workspaces json.RawMessage `json:"workspaces"`
	}
	if json.Unmarshal(b, &pkg) != nil || len(pkg.Workspaces) == 0 {
		return nil
	}
	var list []string
	if json.Unmarshal(pkg.Workspaces, &list) == nil && len(list) > 0 {
		return list
	}
	var yarn struct {
		Packages []string `json:"packages"`
	}
	if json.Unmarshal(pkg.Workspaces, &yarn) == nil && len(yarn.Packages) > 0 {
		return yarn.Packages
	}
	return nil
}

// readSmall reads a regular file inside root of at most maxConfigBytes.
func readSmall(root, path string) ([]byte, bool) {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxConfigBytes || !inside(root, path) {
		return nil, false
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	return b, err == nil && len(b) <= maxConfigBytes
}

// packages returns the packages of the workspace root ws, read once.
// Patterns are globs of one directory level per '*' (packages/*); a
// pattern with '**' is not expanded, and '!' patterns exclude.
func (w *Workspaces) packages(root, ws string) []workspacePackage {
	w.mu.Lock()
	l := w.byRoot[ws]
	if l == nil {
		l = &packagesOnce{}
		w.byRoot[ws] = l
	}
	w.mu.Unlock()
	l.once.Do(func() { l.pkgs = readPackages(root, ws) })
	return l.pkgs
}

// readPackages reads the packages the workspace root ws lists.
func readPackages(root, ws string) []workspacePackage {
	var pkgs []workspacePackage
	patterns := workspacePatterns(root, ws)
	excluded := map[string]bool{}
	for _, p := range patterns {
		if rest, ok := strings.CutPrefix(p, "!"); ok && !strings.Contains(rest, "**") {
			dirs, _ := filepath.Glob(filepath.Join(ws, filepath.FromSlash(rest)))
			for _, d := range dirs {
				excluded[d] = true
			}
		}
	}
	for _, p := range patterns {
		if strings.HasPrefix(p, "!") || strings.Contains(p, "**") || filepath.IsAbs(p) || strings.HasPrefix(p, "/") {
			continue
		}
		dirs, _ := filepath.Glob(filepath.Join(ws, filepath.FromSlash(p)))
		for _, d := range dirs {
			if excluded[d] || !within(ws, d) || len(pkgs) >= maxWorkspacePackages {
				continue
			}
			b, ok := readSmall(root, filepath.Join(d, "package.json"))
			if !ok {
				continue
			}
			var pj struct {
				Name    string          `json:"name"`
				Exports json.RawMessage `json:"exports"`
				Module  string          `json:"module"`
				Main    string          `json:"main"`
			}
			if json.Unmarshal(b, &pj) != nil || pj.Name == "" {
				continue
			}
			if bytes.Equal(pj.Exports, []byte("null")) {
				pj.Exports = nil
			}
			pkgs = append(pkgs, workspacePackage{name: pj.Name, dir: d, exports: pj.Exports, module: pj.Module, main: pj.Main})
		}
	}
	return pkgs
}
