package rewrite

import (
	"bytes"
	"slices"
	"testing"
)

// editsFromBytes turns fuzz input into edits, 4 bytes each. Offsets may fall
// just outside the text and the texts come from a tiny alphabet, so bounds
// errors, overlaps, same-offset insertions and exact duplicates all occur.
func editsFromBytes(size int, spec []byte) []Edit {
	var edits []Edit
	for ; len(spec) >= 4; spec = spec[4:] {
		start := int(spec[0])<<8 | int(spec[1])
		start = start%(size+3) - 1
		end := start
		if spec[2]&1 == 1 {
			end += int(spec[2]>>1) % 6
		}
		text := bytes.Repeat([]byte{"ab\r\n"[spec[3]%4]}, int(spec[3]>>2)%3)
		edits = append(edits, Edit{start, end, string(text)})
	}
	return edits
}

// validRef is the definition of a valid edit list written out pair by pair.
func validRef(size int, edits []Edit) bool {
	for i, e := range edits {
		if e.Start < 0 || e.End > size || e.Start > e.End {
			return false
		}
		for _, f := range edits[:i] {
			switch {
			case e == f:
			case e.Start < f.End && f.Start < e.End:
				return false
			case e.Start == e.End && f.Start == f.End && e.Start == f.Start:
				return false
			}
		}
	}
	return true
}

// applyRef applies valid edits back to front, so that earlier offsets stay
// meaningful, after removing duplicates.
func applyRef(src []byte, edits []Edit) []byte {
	var uniq []Edit
	for _, e := range edits {
		if !slices.Contains(uniq, e) {
			uniq = append(uniq, e)
		}
	}
	SortEdits(uniq)
	out := bytes.Clone(src)
	for _, e := range slices.Backward(uniq) {
		out = slices.Replace(out, e.Start, e.End, []byte(e.New)...)
	}
	return out
}

func FuzzApply(f *testing.F) {
	f.Add([]byte("<p class=a>\r\n"), []byte{0, 3, 15, 5, 0, 0, 0, 7})
	f.Add([]byte("\xef\xbb\xbfabc"), []byte{0, 1, 0, 4, 0, 1, 0, 4, 0, 1, 3, 9})
	f.Add([]byte(""), []byte{0, 0, 0, 1, 0, 1, 0, 2})
	f.Add([]byte("abcdef"), []byte{0, 2, 5, 1, 0, 3, 0, 2, 0, 7, 0, 1})
	f.Fuzz(func(t *testing.T, src, spec []byte) {
		edits := editsFromBytes(len(src), spec)
		orig := bytes.Clone(src)
		got, err := Apply(src, edits)
		if !bytes.Equal(src, orig) {
			t.Fatal("Apply modified src")
		}
		if valid := validRef(len(src), edits); valid != (err == nil) {
			t.Fatalf("Apply error %v, but reference validity is %v for %v", err, valid, edits)
		}
		if (Validate(len(src), edits) == nil) != (err == nil) {
			t.Fatalf("Validate and Apply disagree on %v", edits)
		}
		if err != nil {
			return
		}
		want := applyRef(src, edits)
		if !bytes.Equal(got, want) {
			t.Fatalf("Apply(%q, %v) = %q, want %q", src, edits, got, want)
		}
		size := len(src)
		for _, e := range slices.Compact(sortedCopy(edits)) {
			size += len(e.New) - (e.End - e.Start)
		}
		if len(got) != size {
			t.Fatalf("len = %d, want %d", len(got), size)
		}
	})
}

func sortedCopy(edits []Edit) []Edit {
	s := slices.Clone(edits)
	SortEdits(s)
	return s
}

func FuzzUnified(f *testing.F) {
	f.Add([]byte("a\nb\nc\n"), []byte("a\nB\nc\n"), uint8(3))
	f.Add([]byte("a\r\nb\r\n"), []byte("a\r\nb"), uint8(3))
	f.Add([]byte("x"), []byte(""), uint8(0))
	f.Add([]byte(""), []byte("\n\n\r"), uint8(1))
	f.Add([]byte(numbered(1, 30)), []byte(numbered(1, 9)+"x\n"+numbered(11, 25)+numbered(27, 31)), uint8(3))
	f.Add([]byte("a\nb\na\nb\na\n"), []byte("b\na\nb\n\na"), uint8(2))
	f.Fuzz(func(t *testing.T, old, new []byte, context uint8) {
		diff := Unified("signin.html", "signin.html", old, new, int(context%5))
		if (diff == "") != bytes.Equal(old, new) {
			t.Fatalf("diff %q for old %q, new %q", diff, old, new)
		}
		got, err := applyUnified(old, diff)
		if err != nil {
			t.Fatalf("%v\nold %q\nnew %q\ndiff:\n%s", err, old, new, diff)
		}
		if !bytes.Equal(got, new) {
			t.Fatalf("round trip gives %q, want %q\ndiff:\n%s", got, new, diff)
		}
	})
}
