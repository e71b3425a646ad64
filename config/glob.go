package config

import (
	"fmt"
	"path"
	"strings"
)

// Glob is a pattern for slash-separated relative paths. It is split at
// slashes; a segment "**" matches any number of path segments (none
// included), and any other segment matches one segment as path.Match does
// (*, ?, [a-z], \ to escape). A glob that matches a directory matches every
// file below it, so "legacy" and "legacy/**" both match legacy/a/b.html.
// A leading "./" and a trailing "/" are dropped.
type Glob struct {
	pattern string
	segs    []string
}

// CompileGlob checks a pattern and compiles it.
func CompileGlob(pattern string) (Glob, error) {
	p := strings.TrimSuffix(strings.TrimPrefix(pattern, "./"), "/")
	switch {
	case p == "" || p == ".":
		return Glob{}, fmt.Errorf("glob %q matches nothing; use \"**\" for everything", pattern)
	case strings.HasPrefix(p, "/"):
		return Glob{}, fmt.Errorf("glob %q is absolute; globs are relative paths", pattern)
	}
	g := Glob{pattern: pattern}
	for _, seg := range strings.Split(p, "/") {
		switch {
		case seg == "" || seg == ".":
			return Glob{}, fmt.Errorf("glob %q has an empty segment", pattern)
		case seg == "..":
			return Glob{}, fmt.Errorf("glob %q leaves its directory (..); globs match paths below it", pattern)
		case seg == "**":
			if len(g.segs) > 0 && g.segs[len(g.segs)-1] == "**" {
				continue // a/**/**/b is a/**/b
			}
		default:
			if _, err := path.Match(seg, ""); err != nil {
				return Glob{}, fmt.Errorf("glob %q: bad pattern %q (unclosed [ or a trailing \\)", pattern, seg)
			}
		}
		g.segs = append(g.segs, seg)
	}
	return g, nil
}

// MustCompileGlob is CompileGlob for patterns known to be good.
func MustCompileGlob(pattern string) Glob {
	g, err := CompileGlob(pattern)
	if err != nil {
		panic(err)
	}
	return g
}

func (g Glob) String() string { return g.pattern }

// Match reports whether the slash-separated relative path rel, or one of
// the directories it is in, matches the glob.
func (g Glob) Match(rel string) bool {
	if len(g.segs) == 0 || rel == "" {
		return false
	}
	parts := strings.Split(rel, "/")
	for n := len(parts); n > 0; n-- {
		if matchSegments(g.segs, parts[:n]) {
			return true
		}
	}
	return false
}

// MatchAny reports whether any of globs matches rel.
func MatchAny(globs []Glob, rel string) bool {
	for _, g := range globs {
		if g.Match(rel) {
			return true
		}
	}
	return false
}

func matchSegments(pattern, parts []string) bool {
	for len(pattern) > 0 {
		if pattern[0] == "**" {
			rest := pattern[1:]
			if len(rest) == 0 {
				return true
			}
			for i := range len(parts) + 1 {
				if matchSegments(rest, parts[i:]) {
					return true
				}
			}
			return false
		}
		if len(parts) == 0 {
			return false
		}
		if ok, _ := path.Match(pattern[0], parts[0]); !ok {
			return false
		}
		pattern, parts = pattern[1:], parts[1:]
	}
	return len(parts) == 0
}
