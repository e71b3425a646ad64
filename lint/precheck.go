package lint

import (
	"strings"
	"sync"
)

// The pre-check: a rule that declares Triggers is not run on a file in
// which none of them occurs. Most rules look for a few names (renderEl,
// setCookieAndRedirect, the Classic widget's ids), and most files hold
// none of some rule's names, so a search over the bytes saves that rule's
// analysis. One pass over the file finds every trigger of the run's rules
// at once, a table lookup per byte, on the first rule that asks (see
// matcher); searching for each trigger in turn, with the letter case
// folded, cost a tenth of the corpus benchmark's CPU. It must never change
// a result, so it errs towards running:
//
//   - Triggers match in any ASCII letter case: HTML reads tag and attribute
//     names, and the javascript: scheme, in any case.
//   - A file with a backslash, a numeric character reference (&#...) or the
//     one named reference that stands for ASCII letters (&fjlig;) runs every
//     rule: a JavaScript or CSS escape ('\x73ession', #okta\-signin) or an
//     attribute value's reference spells a name the rule decodes without
//     its bytes occurring. Triggers hold only letters, digits and '-',
//     which no other named reference stands for.
//   - A page an export names (File.Page set) runs every rule: the export,
//     not the page's text, says it is an Okta page, and several rules
//     check hosted pages whatever they hold.
//   - A module another linted file creates the widget from (the run's
//     Project names it) runs every rule: the widget's name is in the other
//     file, and this one holds only the options.

// maxTrigger bounds a trigger's length: a name, not a text.
const maxTrigger = 64

// validTrigger reports whether a trigger can be checked exactly: short,
// and only letters, digits and '-'.
func validTrigger(s string) bool {
	if s == "" || len(s) > maxTrigger {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// escapes are the byte strings that make every trigger count as present:
// where they occur, a name can be spelt without its bytes (see above).
// The search folds case, so &FJLIG; counts too, which only runs more.
var escapes = []string{"\\", "&#", "&fjlig;"}

// triggerSearch answers, for one file, which triggers occur in it. One
// pass over the file finds them all (see matcher), on the first question.
type triggerSearch struct {
	content []byte
	rules   []*Rule
	all     bool // every trigger counts as present
	done    bool // the file has been searched
	m       *matcher
	// found says, for each pattern of m, whether it occurs: in place for
	// the usual number of patterns, in more beyond that. (A slice of the
	// array held in the struct would move the struct to the heap.)
	found [64]bool
	more  []bool
}

// occurs reports whether pattern i of ts.m occurs in the file.
func (ts *triggerSearch) occurs(i int) bool {
	if i < len(ts.found) {
		return ts.found[i]
	}
	return ts.more[i-len(ts.found)]
}

func newTriggerSearch(f *File, opts Options, rules []*Rule) triggerSearch {
	return triggerSearch{
		content: f.Content,
		rules:   rules,
		all:     f.Page != PageUnknown || opts.Page != nil || configModule(f, opts),
	}
}

// mayFire reports whether r can report on the file: it declares no
// triggers, or one of them occurs.
func (ts *triggerSearch) mayFire(r *Rule) bool {
	if len(r.Triggers) == 0 || ts.all {
		return true
	}
	if !ts.done {
		ts.done = true
		ts.m = matcherFor(ts.rules)
		if ts.m == nil {
			ts.all = true // a trigger Validate rejects: run every rule
			return true
		}
		n := len(ts.m.patterns)
		if n > len(ts.found) {
			ts.more = make([]bool, n-len(ts.found))
		}
		ts.all = ts.m.scan(ts.content, ts.found[:min(n, len(ts.found))], ts.more)
		if ts.all {
			return true
		}
	}
	for _, t := range r.Triggers {
		i, ok := ts.m.index[t]
		if !ok || ts.occurs(i) {
			return true // !ok: r is not among the rules searched for
		}
	}
	return false
}

// matcher finds every trigger of a set of rules, and the escapes, in one
// pass over a file: an Aho-Corasick automaton over ASCII-lowered bytes,
// with the goto and failure functions folded into one transition table
// so that each byte costs a table lookup.
type matcher struct {
	patterns []string       // lower-cased triggers, then the escapes
	triggers int            // how many of patterns are triggers
	index    map[string]int // a trigger as written -> its pattern
	class    [256]uint8     // byte -> column of next; 0 for bytes no pattern has
	nclass   int
	// next maps a state and a class to the next state. A state is the
	// offset of its row (state number times nclass), so a step is one
	// addition and one lookup; the states where patterns end are
	// numbered last, from ending on, so a step tests one comparison.
	next   []int32
	ending int32
	out    [][]int32 // state number -> the patterns that end there
}

// matchers caches a matcher per set of triggers: the rules of a run are
// the same for every file.
var matchers struct {
	sync.RWMutex
	m map[uint64]*matcher
}

// matcherFor returns the matcher of the triggers of rules, or nil when a
// trigger is not valid.
func matcherFor(rules []*Rule) *matcher {
	// FNV-1a of the triggers, each followed by a NUL.
	key := uint64(14695981039346656037)
	for _, r := range rules {
		for _, t := range r.Triggers {
			if !validTrigger(t) {
				return nil
			}
			for i := 0; i <= len(t); i++ {
				c := byte(0)
				if i < len(t) {
					c = t[i]
				}
				key = (key ^ uint64(c)) * 1099511628211
			}
		}
	}
	matchers.RLock()
	m := matchers.m[key]
	matchers.RUnlock()
	if m != nil && m.covers(rules) {
		return m
	}
	m = newMatcher(rules)
	matchers.Lock()
	if matchers.m == nil {
		matchers.m = map[uint64]*matcher{}
	}
	matchers.m[key] = m
	matchers.Unlock()
	return m
}

// covers reports whether m searches for every trigger of rules.
func (m *matcher) covers(rules []*Rule) bool {
	for _, r := range rules {
		for _, t := range r.Triggers {
			if _, ok := m.index[t]; !ok {
				return false
			}
		}
	}
	return true
}

func newMatcher(rules []*Rule) *matcher {
	m := &matcher{index: map[string]int{}}
	pattern := map[string]int{}
	add := func(p string) int {
		if i, ok := pattern[p]; ok {
			return i
		}
		pattern[p] = len(m.patterns)
		m.patterns = append(m.patterns, p)
		return len(m.patterns) - 1
	}
	for _, r := range rules {
		for _, t := range r.Triggers {
			m.index[t] = add(strings.ToLower(t))
		}
	}
	m.triggers = len(m.patterns)
	for _, e := range escapes {
		add(e)
	}
	m.nclass = 1
	for _, p := range m.patterns {
		for i := 0; i < len(p); i++ {
			c := p[i]
			if m.class[c] == 0 {
				m.class[c] = uint8(m.nclass)
				m.nclass++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	// The trie, with -1 for a missing edge.
	m.next = make([]int32, m.nclass)
	for i := range m.next {
		m.next[i] = -1
	}
	m.out = [][]int32{nil}
	for i, p := range m.patterns {
		s := int32(0)
		for j := 0; j < len(p); j++ {
			k := int(s)*m.nclass + int(m.class[p[j]])
			if m.next[k] < 0 {
				m.next[k] = int32(len(m.out))
				m.out = append(m.out, nil)
				for range m.nclass {
					m.next = append(m.next, -1)
				}
			}
			s = m.next[k]
		}
		m.out[s] = append(m.out[s], int32(i))
	}
	// Breadth first, each missing edge goes where the failure state's
	// edge goes, and a state also ends what its failure state ends.
	fail := make([]int32, len(m.out))
	queue := []int32{}
	for c := range m.nclass {
		if t := m.next[c]; t < 0 {
			m.next[c] = 0
		} else {
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := range m.nclass {
			k := int(s)*m.nclass + c
			f := m.next[int(fail[s])*m.nclass+c]
			if t := m.next[k]; t < 0 {
				m.next[k] = f
			} else {
				fail[t] = f
				m.out[t] = append(m.out[t], m.out[f]...)
				queue = append(queue, t)
			}
		}
	}
	m.renumber()
	return m
}

// renumber numbers the states where patterns end last and turns state
// numbers in next into row offsets (see matcher.next).
func (m *matcher) renumber() {
	n := len(m.out)
	order := make([]int32, 0, n) // new number -> old
	for pass := range 2 {
		for s := range n {
			if (len(m.out[s]) > 0) == (pass == 1) {
				order = append(order, int32(s))
			}
		}
	}
	number := make([]int32, n) // old -> new
	out := make([][]int32, n)
	ending := int32(n)
	for k, s := range order {
		number[s] = int32(k)
		out[k] = m.out[s]
		if len(out[k]) > 0 && int32(k) < ending {
			ending = int32(k)
		}
	}
	next := make([]int32, len(m.next))
	for k, s := range order {
		for c := range m.nclass {
			next[k*m.nclass+c] = number[m.next[int(s)*m.nclass+c]] * int32(m.nclass)
		}
	}
	// The start state must stay 0: it is never where a pattern ends, as
	// no pattern is empty, so it comes first.
	m.next, m.out, m.ending = next, out, ending*int32(m.nclass)
}

// scan marks the patterns that occur in text, pattern i in found[i] or,
// past the end of found, in more; it stops once every trigger is found,
// and reports whether an escape occurs (then the marks are incomplete:
// every trigger counts as present).
func (m *matcher) scan(text []byte, found, more []bool) (escape bool) {
	left := m.triggers
	s := int32(0)
	for _, c := range text {
		s = m.next[s+int32(m.class[c])]
		if s < m.ending {
			continue
		}
		for _, p := range m.out[s/int32(m.nclass)] {
			if int(p) >= m.triggers {
				return true
			}
			var mark *bool
			if int(p) < len(found) {
				mark = &found[p]
			} else {
				mark = &more[int(p)-len(found)]
			}
			if !*mark {
				*mark = true
				if left--; left == 0 {
					return false
				}
			}
		}
	}
	return false
}

// configModule reports whether the run's Project says a linted file
// creates the Sign-In Widget from an export of f.
func configModule(f *File, opts Options) bool {
	return opts.Project != nil && len(opts.Project.Importers(f.Name)) > 0
}
