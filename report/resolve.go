package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rewrite"
)

// Resolve turns a file's diagnostics, sorted as lint.RunWith sorts them,
// into findings: every offset a finding or (with needs.FixEdits) one of its
// edits names is resolved to a line and column in one forward walk over
// the content, and each finding's snippet, line hash and fix diff are
// computed once, as needs asks. The findings keep no reference to the
// content: once Resolve returns, the caller may drop it.
func Resolve(src *lint.Source, diags []lint.Diagnostic, needs Needs) []Finding {
	if len(diags) == 0 {
		return nil
	}
	offsets := make([]int, 0, 3*len(diags))
	for i := range diags {
		d := &diags[i]
		offsets = append(offsets, d.Start, d.End, lastChar(d))
		if needs.FixEdits {
			for _, fix := range d.Fixes {
				for _, e := range fix.Edits {
					offsets = append(offsets, e.Start, e.End)
				}
			}
		}
	}
	slices.Sort(offsets)
	offsets = slices.Compact(offsets)
	positions := resolvePositions(src.Content, offsets)
	at := func(offset int) Position {
		i, _ := slices.BinarySearch(offsets, offset)
		return positions[i]
	}

	findings := make([]Finding, len(diags))
	var snippets snippetMaker
	hashes := map[lineRule]string{}
	for i := range diags {
		d := &diags[i]
		f := &findings[i]
		// Strings are cloned: a rule may report a substring of the file,
		// which would keep the whole content alive.
		f.Rule, f.Severity, f.Message = d.Rule, d.Severity, strings.Clone(d.Message)
		f.Start, f.End, f.Last = at(d.Start), at(d.End), at(lastChar(d))
		if len(d.Fixes) > 0 {
			f.Fixes = make([]Fix, len(d.Fixes))
			for j, fix := range d.Fixes {
				f.Fixes[j] = Fix{Message: strings.Clone(fix.Message), Safe: fix.Safe}
				if needs.FixEdits && len(fix.Edits) > 0 {
					f.Fixes[j].Edits = resolveEdits(fix.Edits, at)
				}
			}
			if needs.FixDiffs {
				f.Fixes[0].Diff = fixDiff(src, d.Fixes[0])
			}
		}
		if needs.Snippets {
			f.Snippet = snippets.make(src, f.Start, f.End)
		}
		if needs.Fingerprints {
			f.LineHash = lineHash(src, hashes, f.Start.Line, d.Rule.ID)
		}
	}
	if needs.Fingerprints {
		NumberFingerprints(findings)
	}
	return findings
}

// lastChar is the offset of the span's last character, or its start when
// it is empty; the position of an offset inside a character is the
// character's.
func lastChar(d *lint.Diagnostic) int {
	if d.End > d.Start {
		return d.End - 1
	}
	return d.Start
}

// resolvePositions resolves sorted, distinct offsets in one walk over
// content. Each position is what lint.Source.Position gives for it: the
// offset is clamped to the content, moved back to the start of a
// character it cuts in two, and counted in code points from the start of
// its line (past the byte order mark on the first line).
func resolvePositions(content []byte, offsets []int) []Position {
	out := make([]Position, len(offsets))
	line, lineStart := 1, 0
	if bytes.HasPrefix(content, bom) {
		lineStart = len(bom)
	}
	at, column := lineStart, 1
	for i, raw := range offsets {
		off := max(0, min(raw, len(content)))
		// Every line break before off starts a new line.
		for at < off {
			j := bytes.IndexByte(content[at:off], '\n')
			if j < 0 {
				break
			}
			line++
			lineStart = at + j + 1
			at, column = lineStart, 1
		}
		target := max(lineStart, lint.CharStart(content, lineStart, off))
		// Decoding up to target meets the character boundaries a walk from
		// the line start to any later offset meets: target never cuts a
		// valid character in two.
		for at < target {
			_, size := utf8.DecodeRune(content[at:target])
			at += size
			column++
		}
		out[i] = Position{Offset: raw, Line: line, Column: column}
	}
	return out
}

var bom = []byte("\xef\xbb\xbf")

// resolveEdits sorts a fix's edits, merges identical ones (as
// rewrite.Apply does) and resolves their positions.
func resolveEdits(edits []lint.Edit, at func(int) Position) []Edit {
	sorted := slices.Clone(edits)
	rewrite.SortEdits(sorted)
	sorted = slices.Compact(sorted)
	out := make([]Edit, len(sorted))
	for i, e := range sorted {
		out[i] = Edit{Start: at(e.Start), End: at(e.End), New: strings.Clone(e.New)}
	}
	return out
}

// fixDiff is what one fix changes, as an indented diff with one line of
// context, without the ---/+++ header (the text format has named the file
// already).
func fixDiff(src *lint.Source, fix lint.Fix) []string {
	fixed, err := rewrite.Apply(src.Content, fix.Edits)
	if err != nil {
		return []string{fmt.Sprintf("(fix not shown: %v)", err)}
	}
	diff := rewrite.Unified(src.Name, src.Name, src.Content, fixed, 1)
	lines := strings.Split(strings.TrimSuffix(diff, "\n"), "\n")[2:]
	for i, l := range lines {
		lines[i] = OneLine(strings.TrimSuffix(l, "\r"))
	}
	return lines
}

type lineRule struct {
	line int
	rule string
}

// lineHash hashes the rule and the trimmed text of a line, once per line
// and rule: a minified page has thousands of findings on one line of a
// megabyte.
func lineHash(src *lint.Source, hashes map[lineRule]string, line int, rule string) string {
	at := lineRule{line, rule}
	key, ok := hashes[at]
	if !ok {
		text := strings.TrimSpace(string(src.LineText(line)))
		sum := sha256.Sum256([]byte(rule + "\x00" + text))
		key = hex.EncodeToString(sum[:8])
		hashes[at] = key
	}
	return key
}

// NumberFingerprints sets each finding's Fingerprint: its LineHash and
// which occurrence of that hash in the file it is ("3f2a…:2"). Adding or
// removing lines elsewhere leaves it unchanged, so SARIF's
// primaryLocationLineHash and the baseline keep tracking the finding.
// After findings are dropped (a baseline), numbering again counts the rest.
func NumberFingerprints(findings []Finding) {
	count := map[string]int{}
	for i := range findings {
		f := &findings[i]
		count[f.LineHash]++
		f.Fingerprint = f.LineHash + ":" + strconv.Itoa(count[f.LineHash])
	}
}
