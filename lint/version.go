package lint

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is a Sign-In Widget version. Rules compare versions against the
// gates the upgrade guide gives (5.2.0, 7.0.0, 7.8.0, ...), so three numbers
// are enough; pre-release tags are dropped.
type Version struct {
	Major, Minor, Patch int
}

// Less reports whether v comes before w.
func (v Version) Less(w Version) bool {
	if v.Major != w.Major {
		return v.Major < w.Major
	}
	if v.Minor != w.Minor {
		return v.Minor < w.Minor
	}
	return v.Patch < w.Patch
}

// AtLeast reports whether v is major.minor.patch or later.
func (v Version) AtLeast(major, minor, patch int) bool {
	return !v.Less(Version{major, minor, patch})
}

func (v Version) String() string { return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch) }

// WidgetVersion is the widget version a file is checked against, and where
// it was learnt, so a message can say what it assumed.
type WidgetVersion struct {
	Version
	// Origin says where the version comes from, for messages: `the
	// --widget-version flag ("6.9")`, `package.json ("^5.16.0")`.
	Origin string
	// Explicit is set for a version the user gave on the command line or in
	// the configuration; it overrides what a file says about itself.
	Explicit bool
}

// ParseVersionRange returns the lowest version a version or range allows:
// an exact version ("5.16.1", "v7.20.0", "7.20", "7"), an npm range
// ("^5.16.0", "~6.9.1", ">=5.2.0 <7", "5.x", "5.2.0 - 6", "^5 || ^6") or
// Okta's widgetVersion ("^7", "7.20"). The lower bound is what matters: a
// range that admits 6.9 must be checked as 6.9, since that is what an
// install may resolve to. It fails on what names no version ("*",
// "latest", a git URL, "workspace:*").
func ParseVersionRange(s string) (Version, bool) {
	var best Version
	found := false
	for _, alt := range strings.Split(s, "||") {
		v, ok := lowerBound(strings.TrimSpace(alt))
		if ok && (!found || v.Less(best)) {
			best, found = v, true
		}
	}
	return best, found
}

// lowerBound reads one alternative of a range: a hyphen range or a list of
// comparators separated by white space.
func lowerBound(s string) (Version, bool) {
	if lo, _, ok := strings.Cut(s, " - "); ok {
		return exactVersion(strings.TrimSpace(lo))
	}
	var best Version
	found := false
	for _, c := range strings.Fields(s) {
		// "<7" and "<=6.9" are upper bounds; an alternative made of upper
		// bounds alone starts at 0.0.0.
		if strings.HasPrefix(c, "<") {
			if !found {
				best, found = Version{}, true
			}
			continue
		}
		c = strings.TrimLeft(c, "^~>=v")
		v, ok := exactVersion(c)
		if !ok {
			return Version{}, false
		}
		if !found || best.Less(v) {
			best, found = v, true
		}
	}
	return best, found
}

// exactVersion reads "7", "7.20", "7.20.1", "5.x", "7.20.0-beta.1" and a
// leading "v" or "=".
func exactVersion(s string) (Version, bool) {
	s = strings.TrimLeft(s, "v=")
	if i := strings.IndexAny(s, "-+"); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	if len(parts) == 0 || len(parts) > 3 {
		return Version{}, false
	}
	var n [3]int
	for i, p := range parts {
		if p == "x" || p == "X" || p == "*" {
			if i == 0 {
				return Version{}, false
			}
			break
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || p == "" || p[0] == '+' {
			return Version{}, false
		}
		n[i] = v
	}
	return Version{n[0], n[1], n[2]}, true
}
