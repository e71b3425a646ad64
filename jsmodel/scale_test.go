package jsmodel

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// exportsModule returns a module of n objects, each declared and then
// exported by name, as bundles and configuration modules do.
func exportsModule(n int) []byte {
	var b strings.Builder
	for k := range n {
		fmt.Fprintf(&b, "const c%d = { baseUrl: 'https://example.okta.com' };\nexport { c%d };\n", k, k)
	}
	return []byte(b.String())
}

// readExportsWork is the work of reading every export's literal, as
// ConfigUses does for a module no other file imports.
func readExportsWork(t *testing.T, n int) int {
	t.Helper()
	f, err := lint.Parse(lint.NewSource("config.js", exportsModule(n)))
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	work := jsscan.CountWork(func() {
		for _, e := range ModuleOf(f).Exports {
			if _, _, ok := exportedLiteral(f, e.Name); ok {
				found++
			}
		}
	})
	if found != n {
		t.Fatalf("%d of %d exported literals found", found, n)
	}
	return work
}

// Reading a module's exports stays linear in the module's size: looking
// each export's declaration up by reading the whole module again was 16
// times the work on 4 times the exports, and took minutes on a 20 MB
// bundle.
func TestReadingExportsIsLinear(t *testing.T) {
	small, large := readExportsWork(t, 500), readExportsWork(t, 2000)
	if g := float64(large) / float64(small); g > 4*1.25 {
		t.Errorf("reading 2,000 exports is %.1f times the work of 500 (%d against %d)", g, large, small)
	}
}

// untouchedWork is the work of asking, for every export of a module,
// whether the module leaves its object alone, as the import pre-pass does.
func untouchedWork(t *testing.T, n int) int {
	t.Helper()
	f, err := lint.Parse(lint.NewSource("config.js", exportsModule(n)))
	if err != nil {
		t.Fatal(err)
	}
	untouched := 0
	work := jsscan.CountWork(func() {
		for _, e := range ModuleOf(f).Exports {
			if Untouched(f, e) {
				untouched++
			}
		}
	})
	if untouched != n {
		t.Fatalf("%d of %d exports untouched", untouched, n)
	}
	return work
}

// Untouched reads the module once, not once per export: a walk of the
// whole module for each export took 10 s on 8,000 exports.
func TestUntouchedIsLinear(t *testing.T) {
	small, large := untouchedWork(t, 500), untouchedWork(t, 2000)
	if g := float64(large) / float64(small); g > 4*1.25 {
		t.Errorf("asking about 2,000 exports is %.1f times the work of 500 (%d against %d)", g, large, small)
	}
}
