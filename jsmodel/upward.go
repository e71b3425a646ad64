package jsmodel

import (
	"path/filepath"
	"strings"
	"sync"
)

// upward remembers, for each directory, what a walk from it up to a root
// found: the nearest tsconfig.json, the nearest workspace root. Every
// directory a walk passes gets the answer, so a run asks the file system
// about each directory once, however many files it resolves from.
type upward[T any] struct {
	mu    sync.Mutex
	byDir map[dirKey]T
}

// find returns what at finds in the nearest directory from dir up to root
// where it finds something (its second result true), or T's zero value.
// Workers may call it at the same time; two of them may walk the same
// directories, and then both store the same answer.
func (u *upward[T]) find(root, dir string, at func(dir string) (T, bool)) T {
	var walked []string
	var found T
	for d := dir; within(root, d); {
		u.mu.Lock()
		v, done := u.byDir[dirKey{root, d}]
		u.mu.Unlock()
		if done {
			found = v
			break
		}
		walked = append(walked, d)
		if v, ok := at(d); ok {
			found = v
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	u.mu.Lock()
	if u.byDir == nil {
		u.byDir = map[dirKey]T{}
	}
	for _, d := range walked {
		u.byDir[dirKey{root, d}] = found
	}
	u.mu.Unlock()
	return found
}

// bareSpecifier checks a specifier that only a configuration can resolve
// (@/config, a workspace package's name: not relative, not absolute) and
// returns root and from as absolute paths, for Aliases and Workspaces.
func bareSpecifier(root, from, spec string) (absRoot, absFrom string, ok bool) {
	if spec == "" || RelativeSpecifier(spec) || filepath.IsAbs(spec) || strings.HasPrefix(spec, "/") || strings.ContainsRune(spec, 0) {
		return "", "", false
	}
	absRoot, err1 := filepath.Abs(root)
	absFrom, err2 := filepath.Abs(from)
	return absRoot, absFrom, err1 == nil && err2 == nil
}
