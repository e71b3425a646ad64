package rewrite

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Unified returns a unified diff from old to new with context lines of
// context, headed "--- a/oldName" and "+++ b/newName", or "" when old and new
// are equal. Lines keep their own terminators, so a CRLF file yields CRLF diff
// lines, which is what git apply expects; hunks follow GNU diff conventions.
func Unified(oldName, newName string, old, new []byte, context int) string {
	if bytes.Equal(old, new) {
		return ""
	}
	context = max(context, 0)
	a, b := splitLines(string(old)), splitLines(string(new))
	chs := changes(a, b)

	var sb strings.Builder
	sb.WriteString("--- a/" + oldName + "\n+++ b/" + newName + "\n")
	for len(chs) > 0 {
		// Like GNU diff, join changes whose contexts would touch or overlap.
		n := 1
		for n < len(chs) && chs[n].o0-chs[n-1].o1 <= 2*context {
			n++
		}
		writeHunk(&sb, a, b, chs[:n], context)
		chs = chs[n:]
	}
	return sb.String()
}

// change is a run of differing lines: old lines [o0,o1) became new lines [n0,n1).
type change struct{ o0, o1, n0, n1 int }

func writeHunk(sb *strings.Builder, a, b []string, chs []change, context int) {
	first, last := chs[0], chs[len(chs)-1]
	// Lines around a change are equal on both sides, so the context before
	// and after has the same length in old and new.
	lead := min(context, first.o0)
	trail := min(context, len(a)-last.o1)
	end := last.o1 + trail
	sb.WriteString("@@ -" + hunkRange(first.o0-lead, end) +
		" +" + hunkRange(first.n0-lead, last.n1+trail) + " @@\n")
	i := first.o0 - lead
	for _, c := range chs {
		writeLines(sb, ' ', a[i:c.o0])
		writeLines(sb, '-', a[c.o0:c.o1])
		writeLines(sb, '+', b[c.n0:c.n1])
		i = c.o1
	}
	writeLines(sb, ' ', a[i:end])
}

// hunkRange formats the 0-based line range [start,end) as GNU diff does: a
// single line is just its number, and an empty range names the line before it.
func hunkRange(start, end int) string {
	switch end - start {
	case 0:
		return strconv.Itoa(start) + ",0"
	case 1:
		return strconv.Itoa(start + 1)
	}
	return strconv.Itoa(start+1) + "," + strconv.Itoa(end-start)
}

func writeLines(sb *strings.Builder, prefix byte, lines []string) {
	for _, l := range lines {
		sb.WriteByte(prefix)
		sb.WriteString(l)
		if !strings.HasSuffix(l, "\n") {
			sb.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// splitLines splits after each "\n", keeping terminators so that "\r\n" and a
// missing final newline survive into the diff unchanged.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// changes lists the differing line runs between a and b in order.
func changes(a, b []string) []change {
	// Trimming the common ends here keeps a large file with a few fixes
	// cheap: only the differing middle is interned and handed to the diff.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	return diffMiddle(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, maxLineIDs)
}

// maxLineIDs is the number of distinct lines that can be given distinct,
// valid runes: every code point except the surrogates.
const maxLineIDs = utf8.MaxRune + 1 - (0xE000 - 0xD800)

// diffMiddle diffs a and b, which start at line offset in both texts, with
// each distinct line encoded as one rune. It does the encoding itself rather
// than use go-diff's DiffLinesToRunes, which panics beyond its own rune
// range. The runes must be valid and distinct because go-diff round-trips
// them through strings, where surrogates and out-of-range values would all
// turn into U+FFFD and compare equal. With more than limit distinct lines it
// falls back to replacing the whole middle: a coarser diff, still correct.
func diffMiddle(a, b []string, offset, limit int) []change {
	if len(a) == 0 && len(b) == 0 {
		return nil
	}
	ra, rb, ok := encodeLines(a, b, limit)
	if !ok {
		return []change{{offset, offset + len(a), offset, offset + len(b)}}
	}
	// The default time limit stays: past it go-diff returns a coarser but
	// still correct diff instead of stalling on pathological input.
	diffs := diffmatchpatch.New().DiffMainRunes(ra, rb, false)

	var out []change
	i, j := offset, offset
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		if d.Type == diffmatchpatch.DiffEqual {
			i, j = i+n, j+n
			continue
		}
		if len(out) == 0 || out[len(out)-1].o1 != i || out[len(out)-1].n1 != j {
			out = append(out, change{i, i, j, j})
		}
		c := &out[len(out)-1]
		if d.Type == diffmatchpatch.DiffDelete {
			c.o1 += n
			i += n
		} else {
			c.n1 += n
			j += n
		}
	}
	return out
}

// encodeLines maps each distinct line of a and b to its own rune, or reports
// false when there are more than limit distinct lines.
func encodeLines(a, b []string, limit int) (ra, rb []rune, ok bool) {
	ids := make(map[string]rune)
	encode := func(lines []string) ([]rune, bool) {
		rs := make([]rune, len(lines))
		for k, l := range lines {
			r, seen := ids[l]
			if !seen {
				if len(ids) >= limit {
					return nil, false
				}
				r = rune(len(ids))
				if r >= 0xD800 {
					r += 0xE000 - 0xD800
				}
				ids[l] = r
			}
			rs[k] = r
		}
		return rs, true
	}
	if ra, ok = encode(a); !ok {
		return nil, nil, false
	}
	rb, ok = encode(b)
	return ra, rb, ok
}
