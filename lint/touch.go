package lint

import (
	"sort"

	"github.com/tmpllint/tmpllint/jsscan"
)

// A fix must keep away from some spans: a script the lexer could not read
// (runner.go), a suppression comment and the code it suppresses
// (suppress.go). Both ask touches, so they cannot disagree on an edge.

// touches reports whether edit e touches span s: it replaces a byte of s,
// inserts at its start, inside it or at its end, or replaces bytes that
// end exactly where s starts or start exactly where s ends. Meeting a span
// counts: text joined to its edge changes how it reads (an identifier
// grows, an unterminated string swallows what follows), so an edit there
// is no safer than one inside.
func touches(e Edit, s jsscan.Span) bool {
	return e.Start <= s.End && s.Start <= e.End
}

// spanSet answers whether edits touch any of a set of spans, in
// logarithmic time per edit.
type spanSet []jsscan.Span // sorted, disjoint, non-adjacent

func newSpanSet(spans []jsscan.Span) spanSet {
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var set spanSet
	for _, s := range spans {
		if n := len(set); n > 0 && s.Start <= set[n-1].End {
			set[n-1].End = max(set[n-1].End, s.End)
			continue
		}
		set = append(set, s)
	}
	return set
}

// touchedBy reports whether an edit touches one of the spans. The first
// span that does not end before the edit is the only candidate: the ones
// after it start after its end, which is past the edit's end if it does not
// touch.
func (set spanSet) touchedBy(edits []Edit) bool {
	for _, e := range edits {
		i := sort.Search(len(set), func(i int) bool { return set[i].End >= e.Start })
		if i < len(set) && touches(e, set[i]) {
			return true
		}
	}
	return false
}
