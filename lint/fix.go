package lint

import (
	"fmt"
	"hash/maphash"

	"github.com/tmpllint/tmpllint/rewrite"
)

// MaxFixPasses bounds the apply/re-lint loop, as ESLint does.
const MaxFixPasses = 10

// FixResult is what FixSource did to one file.
type FixResult struct {
	// Content is the fixed text (the original when nothing was fixed).
	Content []byte
	// Fixed lists the diagnostics whose fix was applied, pass by pass; their
	// offsets refer to the text of their pass.
	Fixed []Diagnostic
	// Remaining are the diagnostics of the fixed text.
	Remaining []Diagnostic
	// Passes counts the passes that applied at least one fix.
	Passes int
	// Warning is set when the loop stopped without converging: a cycle, or
	// MaxFixPasses reached. Content is still a consistent result.
	Warning string
}

// chooseFix returns the fix of d to apply: the first safe one, or the first
// of any kind when unsafe fixes are allowed.
func chooseFix(d *Diagnostic, unsafe bool) *Fix {
	for i := range d.Fixes {
		if d.Fixes[i].Safe || unsafe {
			return &d.Fixes[i]
		}
	}
	return nil
}

// FixSource lints src and applies fixes until none is left: in each pass the
// fixes of all diagnostics are merged like go/analysis merges suggested
// fixes (identical edits coalesce, a fix that conflicts with one already
// taken is dropped whole and retried after re-linting), applied, and the
// result linted again. A text seen before means the fixes go round in a
// cycle; the loop stops there with a warning.
//
// A fix only ever changes the bytes its edits name: everything else,
// line endings and a byte order mark included, is copied as it was.
//
// Suppression comments apply in every pass: a suppressed diagnostic is not
// fixed, and no fix touches a suppression comment or suppressed code.
func FixSource(src *Source, rules []*Rule, unsafe bool) (*FixResult, error) {
	return FixSourceWith(src, rules, unsafe, Options{})
}

// FixSourceWith is FixSource with RunWith's options.
func FixSourceWith(src *Source, rules []*Rule, unsafe bool, opts Options) (*FixResult, error) {
	return fixLoop(src.Content, unsafe, func(content []byte) ([]Diagnostic, error) {
		f, err := Parse(&Source{Name: src.Name, Content: content})
		if err != nil {
			return nil, err
		}
		return RunWith(f, rules, opts), nil
	})
}

// fixLoop is FixSource's loop over a linter of whole texts: lint gives the
// diagnostics of a text, with fixes at offsets of that text.
func fixLoop(content []byte, unsafe bool, lint func([]byte) ([]Diagnostic, error)) (*FixResult, error) {
	res := &FixResult{Content: content}
	seed := maphash.MakeSeed()
	seen := map[uint64]bool{maphash.Bytes(seed, content): true}
	for pass := 0; ; pass++ {
		diags, err := lint(res.Content)
		if err != nil {
			return nil, err
		}
		merger := rewrite.NewMerger(len(res.Content))
		var taken []Diagnostic
		for i := range diags {
			if fix := chooseFix(&diags[i], unsafe); fix != nil && merger.Add(fix.Edits) {
				taken = append(taken, diags[i])
			}
		}
		if len(taken) == 0 {
			res.Remaining = diags
			return res, nil
		}
		if pass == MaxFixPasses {
			res.Remaining = diags
			res.Warning = fmt.Sprintf("fixes did not settle after %d passes; the remaining fixes were not applied", MaxFixPasses)
			return res, nil
		}
		next, err := rewrite.Apply(res.Content, merger.Edits())
		if err != nil {
			return nil, fmt.Errorf("rule produced an invalid fix: %w", err)
		}
		h := maphash.Bytes(seed, next)
		if seen[h] {
			res.Remaining = diags
			res.Warning = "fixes undo each other (a cycle); stopped before repeating them"
			return res, nil
		}
		seen[h] = true
		res.Content = next
		res.Fixed = append(res.Fixed, taken...)
		res.Passes++
	}
}
