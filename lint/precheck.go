package lint

import (
	"bytes"
)

// The pre-check: a rule that declares Triggers is not run on a file in
// which none of them occurs. Most rules look for a few names (renderEl,
// setCookieAndRedirect, the Classic widget's ids), and most files hold
// none of some rule's names, so a search over the bytes saves that rule's
// analysis. It must never change a result, so it errs towards running:
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

// maxTrigger bounds a trigger's length, so that the search can read the
// file in fixed chunks that overlap by less than that.
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

// hidesNames reports whether content has an escape or character reference
// that can spell a trigger's letters without the letters themselves.
func hidesNames(content []byte) bool {
	return bytes.IndexByte(content, '\\') >= 0 ||
		bytes.Contains(content, []byte("&#")) ||
		bytes.Contains(content, []byte("&fjlig;"))
}

// triggerSearch answers, for a file, which triggers occur in it. Each
// trigger is searched at most once per file, and the search of a rule's
// triggers stops reading the file at the first that occurs.
type triggerSearch struct {
	content []byte
	all     bool // every trigger counts as present
	// seen holds the triggers searched so far, the first n in place (the
	// rules declare fewer than that), the others in more.
	seen [32]triggerSeen
	n    int
	more []triggerSeen
}

type triggerSeen struct {
	trigger string
	found   bool
}

func newTriggerSearch(f *File, opts Options) triggerSearch {
	return triggerSearch{
		content: f.Content,
		all:     f.Page != PageUnknown || opts.Page != nil || hidesNames(f.Content),
	}
}

// mayFire reports whether r can report on the file: it declares no
// triggers, or one of them occurs.
func (ts *triggerSearch) mayFire(r *Rule) bool {
	if len(r.Triggers) == 0 || ts.all {
		return true
	}
	var buf [8]string
	missing := buf[:0]
triggers:
	for _, t := range r.Triggers {
		if !validTrigger(t) {
			return true // Validate reports it; running the rule is always safe
		}
		for _, list := range [2][]triggerSeen{ts.seen[:ts.n], ts.more} {
			for _, s := range list {
				if s.trigger == t {
					if s.found {
						return true
					}
					continue triggers
				}
			}
		}
		missing = append(missing, t)
	}
	if len(missing) == 0 {
		return false
	}
	hit := containsAnyFold(ts.content, missing)
	for _, t := range missing {
		if ts.n < len(ts.seen) {
			ts.seen[ts.n] = triggerSeen{t, t == hit}
			ts.n++
		} else {
			ts.more = append(ts.more, triggerSeen{t, t == hit})
		}
	}
	return hit != ""
}

// chunkSize is how much of a file containsAnyFold lowers at a time.
const chunkSize = 4096

// containsAnyFold returns the first of needles that occurs in text in any
// ASCII letter case, or "". It lowers text a chunk at a time into a buffer
// on the stack, the chunks overlapping by maxTrigger-1 bytes so that no
// occurrence falls between two of them; needles are valid triggers.
func containsAnyFold(text []byte, needles []string) string {
	var buf [chunkSize + maxTrigger]byte
	var needle [maxTrigger]byte
	for start := 0; start < len(text); start += chunkSize {
		end := min(len(text), start+chunkSize+maxTrigger-1)
		chunk := lowerInto(buf[:end-start], text[start:end])
		for _, n := range needles {
			if bytes.Contains(chunk, lowerString(needle[:len(n)], n)) {
				return n
			}
		}
		if end == len(text) {
			break
		}
	}
	return ""
}

// lowerInto writes src with ASCII letters lowered into dst, which has its
// length, and returns dst.
func lowerInto(dst, src []byte) []byte {
	for i, c := range src {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
	return dst
}

// lowerString is lowerInto for a string.
func lowerString(dst []byte, src string) []byte {
	for i := 0; i < len(src); i++ {
		c := src[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
	return dst
}
