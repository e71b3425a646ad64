// Package lazy builds package-level values on first use instead of at
// program start.
//
// Go runs every linked package's initialisation before main, whatever the
// command: a regular expression compiled or a table built in a package
// variable is paid by `tmpllint version` and by a check of one small
// template alike, though most of them serve one rule, one output format or
// one error message. A value declared here is built the first time it is
// asked for, once, safely from any number of goroutines.
//
// Every value has a name, and the package keeps the names of those built
// so far (Built): a test can then tell which values a command needed
// without reading the clock.
//
// The package is a leaf: it imports no other package of the project.
package lazy

import (
	"regexp"
	"slices"
	"sync"
)

var (
	mu    sync.Mutex
	built []string
)

// Value returns a function that calls build the first time it is called
// and returns build's result then and ever after. name identifies the
// value in Built; by convention it is the package and variable name
// ("rules.cspSource").
func Value[T any](name string, build func() T) func() T {
	return sync.OnceValue(func() T {
		mu.Lock()
		built = append(built, name)
		mu.Unlock()
		return build()
	})
}

// Regexp returns a function that compiles expr with regexp.MustCompile on
// its first call. An invalid expr panics then, not at program start: a
// test that calls the function catches it.
func Regexp(name, expr string) func() *regexp.Regexp {
	return Value(name, func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// Built returns the names of the values built so far in this process,
// sorted.
func Built() []string {
	mu.Lock()
	defer mu.Unlock()
	names := slices.Clone(built)
	slices.Sort(names)
	return names
}
