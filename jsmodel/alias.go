package jsmodel

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// This file resolves the module specifiers that are not relative through
// path aliases, as TypeScript
// reads them from the compilerOptions of tsconfig.json or jsconfig.json
// (https://www.typescriptlang.org/tsconfig/#paths,
// https://www.typescriptlang.org/tsconfig/#baseUrl), which Vite, Next.js,
// Create React App, Angular and Vue CLI apps import their configuration
// through:
//
//	{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }
//
//	import config from '@/config/okta'   // src/config/okta.ts
//	import config from 'src/config/okta' // ./src/config/okta.ts, by baseUrl
//
// Only what a configuration declares is followed: no alias is guessed
// (an app whose bundler maps @/ without a tsconfig.json is not read).

// maxExtends bounds the chain of `extends` followed from a configuration.
const maxExtends = 8

// maxConfigBytes bounds the size of a configuration read: a tsconfig.json
// is a few hundred bytes, a larger file is not one.
const maxConfigBytes = 1 << 20

// tsPaths is what one configuration, with those it extends, says about
// non-relative specifiers. Directories are absolute.
type tsPaths struct {
	// baseURL is compilerOptions.baseUrl, from the directory of the
	// configuration that sets it; "" when none does.
	baseURL string
	// pathsBase is the directory paths targets are read from: baseURL,
	// else the directory of the configuration that sets paths.
	pathsBase string
	paths     []pathPattern
	// refs are the configurations of the projects a solution
	// configuration references ("files": [], "references": [...]), as
	// create-vue and Vite write tsconfig.json; read only when it sets
	// neither baseUrl nor paths.
	refs []*tsPaths
}

// pathPattern is one entry of compilerOptions.paths: a pattern with at
// most one '*' and the targets tried in order.
type pathPattern struct {
	prefix, suffix string
	wildcard       bool
	targets        []string
}

// match returns what the pattern's '*' stands for in spec, and whether
// spec matches.
func (p pathPattern) match(spec string) (string, bool) {
	if !p.wildcard {
		return "", spec == p.prefix
	}
	if len(spec) < len(p.prefix)+len(p.suffix) || !strings.HasPrefix(spec, p.prefix) || !strings.HasSuffix(spec, p.suffix) {
		return "", false
	}
	return spec[len(p.prefix) : len(spec)-len(p.suffix)], true
}

// Aliases resolves non-relative specifiers through the nearest
// tsconfig.json or jsconfig.json above the importing file. It reads each
// directory's configuration once, and is safe for concurrent use.
type Aliases struct {
	mu   sync.Mutex
	dirs upward[*tsPaths] // a directory → its configuration, nil for none
	// loads holds each configuration file's reading, done once even
	// when two workers ask for it at the same time.
	loads map[loadKey]*loadOnce
	reads int // configuration files read, for tests
}

type loadKey struct {
	root, path string
	withRefs   bool
}

type loadOnce struct {
	once sync.Once
	cfg  *tsPaths
}

// NewAliases returns an empty cache.
func NewAliases() *Aliases {
	return &Aliases{loads: map[loadKey]*loadOnce{}}
}

// dirKey is an absolute directory and the root its walk stops at.
type dirKey struct{ root, dir string }

// Reads returns how many configuration files the cache has read.
func (a *Aliases) Reads() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.reads
}

// Resolve returns the file a non-relative specifier names when the file
// at from imports it, by the nearest configuration between from's
// directory and root: the paths pattern that matches (an exact pattern,
// else the wildcard pattern with the longest prefix), each of its targets
// in order, then baseUrl, each tried as ResolveModule tries a path. The
// configuration and the result must lie inside root, also after following
// symbolic links. The path is absolute.
func (a *Aliases) Resolve(root, from, spec string) (string, bool) {
	absRoot, absFrom, ok := bareSpecifier(root, from, spec)
	if !ok {
		return "", false
	}
	cfg := a.nearest(absRoot, filepath.Dir(absFrom))
	if cfg == nil {
		return "", false
	}
	if len(cfg.refs) == 0 {
		return cfg.resolve(absRoot, spec)
	}
	// A solution configuration: the projects it references decide, when
	// those that resolve the specifier agree on the file.
	found := ""
	for _, r := range cfg.refs {
		if got, ok := r.resolve(absRoot, spec); ok {
			if found != "" && got != found {
				return "", false
			}
			found = got
		}
	}
	return found, found != ""
}

// resolve resolves spec by one configuration's paths and baseUrl.
func (c *tsPaths) resolve(absRoot, spec string) (string, bool) {
	found := ""
	try := func(base, target string) bool {
		candidates(base, target, func(p string) bool {
			if inside(absRoot, p) {
				found = p
				return true
			}
			return false
		})
		return found != ""
	}
	if p, star, ok := c.pattern(spec); ok {
		for _, t := range p.targets {
			if strings.Count(t, "*") > 1 {
				continue // TypeScript rejects such a target
			}
			target := t
			if p.wildcard {
				target = strings.Replace(t, "*", star, 1)
			}
			base := filepath.FromSlash(target)
			if !filepath.IsAbs(base) {
				base = filepath.Join(c.pathsBase, base)
			}
			if try(filepath.Clean(base), target) {
				return found, true
			}
		}
	}
	if c.baseURL != "" && try(filepath.Join(c.baseURL, filepath.FromSlash(spec)), spec) {
		return found, true
	}
	return "", false
}

// pattern returns the paths entry TypeScript applies to spec: an exact
// pattern first, else the wildcard pattern with the longest prefix (the
// first of equal ones), and what its '*' stands for.
func (c *tsPaths) pattern(spec string) (pathPattern, string, bool) {
	best, star, found := pathPattern{}, "", false
	for _, p := range c.paths {
		s, ok := p.match(spec)
		switch {
		case !ok:
		case !p.wildcard:
			return p, "", true
		case !found || len(p.prefix) > len(best.prefix):
			best, star, found = p, s, true
		}
	}
	return best, star, found
}

// nearest returns the configuration of dir: that of the nearest directory
// from dir up to root that holds tsconfig.json or jsconfig.json (the
// first when it holds both, as TypeScript's editor support prefers it),
// or nil.
func (a *Aliases) nearest(root, dir string) *tsPaths {
	return a.dirs.find(root, dir, func(d string) (*tsPaths, bool) {
		path, found := configIn(d)
		if found && inside(root, path) {
			return a.load(root, path, true), true
		}
		return nil, found
	})
}

// configIn returns the configuration file of directory dir, if it has
// one. A link to a file out of the repository is one too: it hides any
// configuration further up, and nearest reads neither.
func configIn(dir string) (string, bool) {
	for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			return p, true
		}
	}
	return "", false
}

// rawConfig is the part of a configuration file read here.
type rawConfig struct {
	Extends    json.RawMessage `json:"extends"`
	References []struct {
		Path string `json:"path"`
	} `json:"references"`
	CompilerOptions struct {
		BaseURL *string         `json:"baseUrl"`
		Paths   json.RawMessage `json:"paths"`
	} `json:"compilerOptions"`
}

// load returns the reading of the configuration at path (loadChain),
// done once.
func (a *Aliases) load(root, path string, withRefs bool) *tsPaths {
	k := loadKey{root, path, withRefs}
	a.mu.Lock()
	l := a.loads[k]
	if l == nil {
		l = &loadOnce{}
		a.loads[k] = l
	}
	a.mu.Unlock()
	l.once.Do(func() { l.cfg = a.loadChain(root, path, withRefs) })
	return l.cfg
}

// loadChain reads the configuration at path and those it extends. A file
// further down the chain gives baseUrl and paths only where the ones
// before it do not set them. A relative extends that cannot be read (a
// missing or malformed file, a loop, a chain longer than maxExtends, a
// file outside root) leaves what it would give unknown: the configuration
// then resolves nothing, unless the files read already set both baseUrl
// and paths. An extends of a package (@tsconfig/node20/tsconfig.json) is
// not read: such shared bases set compiler behaviour, not the
// application's directories. With withRefs, and when the chain sets
// neither baseUrl nor paths, the project references of the first file are
// read too (one level): a reference that cannot be read makes the
// configuration resolve nothing.
func (a *Aliases) loadChain(root, path string, withRefs bool) *tsPaths {
	out := &tsPaths{}
	first := path
	var refs []string
	haveBase, havePaths := false, false
	pathsDir := ""
	seen := map[string]bool{}
	for hop := 0; ; hop++ {
		complete := haveBase && havePaths
		real, err := filepath.EvalSymlinks(path)
		if err != nil || seen[real] || hop > maxExtends || !inside(root, path) {
			if complete {
				break
			}
			return nil
		}
		seen[real] = true
		raw, ok := a.readConfig(root, path)
		if !ok {
			if complete {
				break
			}
			return nil
		}
		dir := filepath.Dir(path)
		if path == first {
			for _, r := range raw.References {
				refs = append(refs, r.Path)
			}
		}
		if o := raw.CompilerOptions; o.BaseURL != nil && !haveBase {
			haveBase = true
			out.baseURL = filepath.Clean(filepath.Join(dir, filepath.FromSlash(*o.BaseURL)))
			if filepath.IsAbs(filepath.FromSlash(*o.BaseURL)) {
				out.baseURL = filepath.Clean(filepath.FromSlash(*o.BaseURL))
			}
		}
		if len(raw.CompilerOptions.Paths) > 0 && !bytes.Equal(raw.CompilerOptions.Paths, []byte("null")) && !havePaths {
			paths, ok := readPaths(raw.CompilerOptions.Paths)
			if !ok {
				return nil
			}
			havePaths, out.paths, pathsDir = true, paths, dir
		}
		next, ok := extendsPath(dir, raw.Extends)
		if !ok {
			return nil
		}
		if next == "" {
			break
		}
		path = next
	}
	out.pathsBase = out.baseURL
	if out.pathsBase == "" {
		out.pathsBase = pathsDir
	}
	if !withRefs || haveBase || havePaths {
		return out
	}
	for _, r := range refs {
		p, ok := referencePath(filepath.Dir(first), r)
		if !ok {
			return nil
		}
		c := a.load(root, p, false)
		if c == nil {
			return nil
		}
		out.refs = append(out.refs, c)
	}
	return out
}

// referencePath returns the configuration file a project reference names:
// a relative path to a file, or to a directory that holds tsconfig.json.
func referencePath(dir, ref string) (string, bool) {
	if ref == "" || strings.ContainsRune(ref, 0) || filepath.IsAbs(ref) || strings.HasPrefix(ref, "/") {
		return "", false
	}
	p := filepath.Join(dir, filepath.FromSlash(ref))
	if info, err := os.Stat(p); err == nil && info.IsDir() {
		p = filepath.Join(p, "tsconfig.json")
	}
	return p, true
}

// readConfig reads and decodes one configuration file inside root.
func (a *Aliases) readConfig(root, path string) (rawConfig, bool) {
	var raw rawConfig
	a.mu.Lock()
	a.reads++
	a.mu.Unlock()
	b, ok := readSmall(root, path)
	if !ok {
		return raw, false
	}
	std, err := StandardJSON(b)
	if err != nil || json.Unmarshal(std, &raw) != nil {
		return raw, false
	}
	return raw, true
}

// extendsPath returns the file a configuration's extends names: "" for
// none or a package, ok false for what cannot be followed (a list, an
// absolute path, anything but a string). A relative name without .json
// is tried with it, as TypeScript does.
func extendsPath(dir string, raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return "", true
	}
	var name string
	if json.Unmarshal(raw, &name) != nil || name == "" || strings.ContainsRune(name, 0) {
		return "", false
	}
	if filepath.IsAbs(name) || strings.HasPrefix(name, "/") {
		return "", false
	}
	if !RelativeSpecifier(name) {
		return "", true // a package's shared base
	}
	p := filepath.Join(dir, filepath.FromSlash(name))
	if _, err := os.Stat(p); err != nil && !strings.HasSuffix(p, ".json") {
		p += ".json"
	}
	return p, true
}

// readPaths reads compilerOptions.paths in the order it is written (the
// first of two equal patterns wins). Patterns with more than one '*' are
// left out, as TypeScript rejects them; a value that is not an object of
// string lists makes the whole entry unreadable.
func readPaths(raw json.RawMessage) ([]pathPattern, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	var out []pathPattern
	for dec.More() {
		t, err := dec.Token()
		key, isKey := t.(string)
		if err != nil || !isKey {
			return nil, false
		}
		var targets []string
		if dec.Decode(&targets) != nil {
			return nil, false
		}
		switch strings.Count(key, "*") {
		case 0:
			out = append(out, pathPattern{prefix: key, targets: targets})
		case 1:
			star := strings.IndexByte(key, '*')
			out = append(out, pathPattern{prefix: key[:star], suffix: key[star+1:], wildcard: true, targets: targets})
		}
	}
	return out, true
}
