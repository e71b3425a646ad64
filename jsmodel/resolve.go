package jsmodel

import (
	"os"
	"path/filepath"
	"strings"
)

// moduleExtensions are the endings tried, in order, for a specifier
// written without one, as TypeScript and bundlers resolve `./oktaConfig`.
var moduleExtensions = []string{".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".vue"}

// tsSources maps the ending of a specifier TypeScript's ES module output
// writes (`./oktaConfig.js`) to the endings of the source it stands for.
var tsSources = map[string][]string{
	".js":  {".ts", ".tsx"},
	".jsx": {".tsx"},
	".mjs": {".mts"},
	".cjs": {".cts"},
}

// RelativeSpecifier reports whether a module specifier names a file of the
// same repository by a relative path (./x, ../x), which ResolveModule
// follows. Any other specifier is a package name (@okta/okta-signin-widget,
// react), which names code outside the repository, or a path alias
// (@/config), which only a configuration can say where it leads
// (Aliases).
func RelativeSpecifier(spec string) bool {
	return spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../")
}

// ResolveModule returns the file a relative specifier names when the file
// at from imports it: the path itself when it names a file, else the path
// with each of moduleExtensions, else its index file (dir/index.ts, ...).
// The result must lie inside root, also after following symbolic links: a
// link that leads out of the repository is not followed. The path returned
// is from's directory joined with the specifier, so that a relative from
// gives a relative result.
func ResolveModule(root, from, spec string) (string, bool) {
	if !RelativeSpecifier(spec) || strings.ContainsRune(spec, 0) {
		return "", false
	}
	base := filepath.Join(filepath.Dir(from), filepath.FromSlash(spec))
	found := ""
	candidates(base, spec, func(c string) bool {
		if inside(root, c) {
			found = c
			return true
		}
		return false
	})
	return found, found != ""
}

// candidates calls use with the paths a specifier may name that exist as
// regular files, in the order they are tried, until use returns true.
func candidates(base, spec string, use func(string) bool) {
	done := false
	try := func(p string) {
		if done {
			return
		}
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			done = use(p)
		}
	}
	if ext := filepath.Ext(base); ext != "" && !strings.HasSuffix(spec, "/") {
		try(base)
		for _, src := range tsSources[ext] {
			try(strings.TrimSuffix(base, ext) + src)
		}
	}
	if !strings.HasSuffix(spec, "/") {
		for _, ext := range moduleExtensions {
			try(base + ext)
		}
	}
	for _, ext := range moduleExtensions {
		try(filepath.Join(base, "index"+ext))
	}
}

// inside reports whether path lies inside root, both as written and after
// following symbolic links.
func inside(root, path string) bool {
	absRoot, err1 := filepath.Abs(root)
	absPath, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil || !within(absRoot, absPath) {
		return false
	}
	realRoot, err1 := filepath.EvalSymlinks(absRoot)
	realPath, err2 := filepath.EvalSymlinks(absPath)
	return err1 == nil && err2 == nil && within(realRoot, realPath)
}

// within reports whether the clean absolute path lies in the directory
// root.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// RepositoryRoot returns the directory imports of the file at path may
// reach: the nearest directory above it that holds .git, else the nearest
// that holds package.json, else the file's own directory.
func RepositoryRoot(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Dir(path)
	}
	dir := filepath.Dir(abs)
	pkg := ""
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if _, err := os.Lstat(filepath.Join(d, "package.json")); err == nil && pkg == "" {
			pkg = d
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if pkg != "" {
		return pkg
	}
	return dir
}
