package rewrite

import (
	"cmp"
	"fmt"
	"slices"
)

// Edit replaces the bytes [Start, End) of the original text with New.
// Start == End is a pure insertion.
type Edit struct {
	Start, End int
	New        string
}

// SortEdits sorts stably by Start, then by End, so an insertion at p sorts
// before a replacement starting at p.
func SortEdits(edits []Edit) {
	slices.SortStableFunc(edits, func(a, b Edit) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.End, b.End)
	})
}

// Validate reports an error if any edit is out of bounds for a text of length
// size, or if two edits overlap. Two different insertions at the same offset
// also conflict because their relative order would be arbitrary. Identical
// edits are not a conflict: they coalesce.
func Validate(size int, edits []Edit) error {
	_, err := normalize(size, edits)
	return err
}

// normalize validates edits and returns a sorted copy without duplicates,
// the form Apply and Merger work on.
func normalize(size int, edits []Edit) ([]Edit, error) {
	for i, e := range edits {
		if e.Start < 0 || e.End > size || e.Start > e.End {
			return nil, fmt.Errorf("edit %d [%d,%d) out of bounds for text of length %d", i, e.Start, e.End, size)
		}
	}
	sorted := slices.Clone(edits)
	SortEdits(sorted)
	out := sorted[:0]
	for _, e := range sorted {
		if len(out) > 0 {
			prev := out[len(out)-1]
			if e == prev {
				continue
			}
			if e.Start == e.End && prev.Start == prev.End && e.Start == prev.Start {
				return nil, fmt.Errorf("conflicting insertions at offset %d: %q and %q", e.Start, prev.New, e.New)
			}
			// Sorted and free of overlaps so far, the previous edit ends
			// furthest right; starting before that end means overlapping.
			// An insertion at p sorts before a replacement starting at p,
			// so touching edits pass.
			if e.Start < prev.End {
				return nil, fmt.Errorf("edits [%d,%d) and [%d,%d) overlap", prev.Start, prev.End, e.Start, e.End)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// Apply returns src with the edits applied; offsets refer to the original
// src. Invalid or conflicting edits produce an error instead of damaged
// output. Bytes outside the edits are copied untouched, whatever their
// encoding or line endings.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	edits, err := normalize(len(src), edits)
	if err != nil {
		return nil, err
	}
	size := len(src)
	for _, e := range edits {
		size += len(e.New) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	last := 0
	for _, e := range edits {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.New...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}

// Merger combines the fixes of one lint pass on the same original text.
// Like the drivers of golang.org/x/tools/go/analysis, it takes a fix whole
// or not at all: half a fix could leave the file worse than no fix, and the
// rejected fix is found again, with fresh offsets, on the next pass.
type Merger struct {
	size     int
	accepted []Edit // sorted, without duplicates
}

// NewMerger returns a Merger for a text of length size.
func NewMerger(size int) *Merger {
	return &Merger{size: size}
}

// Add accepts group if it is valid and none of its edits conflicts with an
// edit accepted earlier; an edit identical to an accepted one coalesces.
// It reports whether the group was accepted.
func (m *Merger) Add(group []Edit) bool {
	// A conflict inside the group survives the union, so one check covers
	// both the group's own validity and its fit with earlier groups.
	merged, err := normalize(m.size, append(slices.Clone(m.accepted), group...))
	if err != nil {
		return false
	}
	m.accepted = merged
	return true
}

// Edits returns the accepted edits, sorted and without duplicates.
func (m *Merger) Edits() []Edit {
	return slices.Clone(m.accepted)
}
