package rewrite

import (
	"slices"
	"testing"
)

func TestSortEdits(t *testing.T) {
	edits := []Edit{
		{5, 7, "r"},
		{2, 2, "second"},
		{5, 5, "i"},
		{0, 1, "a"},
		{2, 2, "first"},
	}
	// Stable: the two insertions at 2 keep their relative order, reversed here.
	edits[1], edits[4] = edits[4], edits[1]
	SortEdits(edits)
	want := []Edit{{0, 1, "a"}, {2, 2, "first"}, {2, 2, "second"}, {5, 5, "i"}, {5, 7, "r"}}
	if !slices.Equal(edits, want) {
		t.Errorf("SortEdits = %v, want %v", edits, want)
	}
}

var validateTests = []struct {
	name  string
	size  int
	edits []Edit
	ok    bool
}{
	{"none", 10, nil, true},
	{"whole text", 10, []Edit{{0, 10, "x"}}, true},
	{"insertion at 0", 10, []Edit{{0, 0, "x"}}, true},
	{"insertion at len", 10, []Edit{{10, 10, "x"}}, true},
	{"insertion into empty text", 0, []Edit{{0, 0, "x"}}, true},
	{"negative start", 10, []Edit{{-1, 2, "x"}}, false},
	{"end past len", 10, []Edit{{8, 11, "x"}}, false},
	{"start past len", 10, []Edit{{11, 11, "x"}}, false},
	{"start after end", 10, []Edit{{5, 4, "x"}}, false},
	{"overlap", 10, []Edit{{0, 3, "x"}, {2, 5, "y"}}, false},
	{"overlap unsorted", 10, []Edit{{2, 5, "y"}, {0, 3, "x"}}, false},
	{"containment", 10, []Edit{{0, 10, "x"}, {3, 4, "y"}}, false},
	{"same range, different text", 10, []Edit{{2, 4, "x"}, {2, 4, "y"}}, false},
	{"adjacent", 10, []Edit{{2, 4, "y"}, {0, 2, "x"}, {4, 10, "z"}}, true},
	{"insertion inside replacement", 10, []Edit{{0, 4, "x"}, {2, 2, "y"}}, false},
	{"insertion at replacement start", 10, []Edit{{2, 4, "x"}, {2, 2, "y"}}, true},
	{"insertion at replacement end", 10, []Edit{{2, 4, "x"}, {4, 4, "y"}}, true},
	{"insertion at deletion start and end", 10, []Edit{{2, 2, "a"}, {2, 4, ""}, {4, 4, "b"}}, true},
	{"two insertions, same offset, different text", 10, []Edit{{3, 3, "a"}, {3, 3, "b"}}, false},
	{"empty insertion beside another", 10, []Edit{{3, 3, ""}, {3, 3, "b"}}, false},
	{"identical insertions", 10, []Edit{{3, 3, "a"}, {3, 3, "a"}}, true},
	{"identical replacements", 10, []Edit{{3, 5, "a"}, {0, 1, ""}, {3, 5, "a"}}, true},
	{"duplicates around a conflict", 10, []Edit{{3, 5, "a"}, {3, 5, "b"}, {3, 5, "a"}}, false},
}

func TestValidate(t *testing.T) {
	for _, tt := range validateTests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.edits)
			err := Validate(tt.size, in)
			if (err == nil) != tt.ok {
				t.Errorf("Validate = %v, want ok=%v", err, tt.ok)
			}
			if !slices.Equal(in, tt.edits) {
				t.Errorf("Validate reordered its argument: %v", in)
			}
		})
	}
}

func TestApply(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		edits []Edit
		want  string
	}{
		{"no edits", "abc", nil, "abc"},
		{"empty src", "", []Edit{{0, 0, "x"}}, "x"},
		{"replace", "<p class=a>", []Edit{{3, 10, "class=\"a\""}}, "<p class=\"a\">"},
		{"delete", "abcdef", []Edit{{1, 3, ""}}, "adef"},
		{"insert at 0 and len", "abc", []Edit{{3, 3, "]"}, {0, 0, "["}}, "[abc]"},
		{"insertion before replacement at same offset", "abc", []Edit{{1, 2, "B"}, {1, 1, "+"}}, "a+Bc"},
		{"insertion after replacement", "abc", []Edit{{1, 1, "+"}, {0, 1, "A"}}, "A+bc"},
		{"identical edits applied once", "abc", []Edit{{1, 1, "+"}, {1, 1, "+"}, {2, 3, "C"}, {2, 3, "C"}}, "a+bC"},
		{"replace everything", "abc", []Edit{{0, 3, "xyz!"}}, "xyz!"},
		{
			"crlf, bom and invalid utf-8 untouched",
			"\xef\xbb\xbf<p>\r\n{{x}}\r\n\xff\xfe</p>\r\n",
			[]Edit{{10, 11, "y"}},
			"\xef\xbb\xbf<p>\r\n{{y}}\r\n\xff\xfe</p>\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			got, err := Apply(src, tt.edits)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("Apply = %q, want %q", got, tt.want)
			}
			if string(src) != tt.src {
				t.Errorf("Apply modified src: %q", src)
			}
		})
	}
}

func TestApplyInvalid(t *testing.T) {
	for _, tt := range validateTests {
		if tt.ok {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			src := make([]byte, tt.size)
			if got, err := Apply(src, tt.edits); err == nil {
				t.Errorf("Apply = %q, want error", got)
			}
		})
	}
}

func TestMerger(t *testing.T) {
	type step struct {
		group []Edit
		ok    bool
	}
	tests := []struct {
		name  string
		size  int
		steps []step
		want  []Edit
	}{
		{
			name: "disjoint groups",
			size: 20,
			steps: []step{
				{[]Edit{{10, 12, "b"}}, true},
				{[]Edit{{0, 2, "a"}, {15, 15, "c"}}, true},
			},
			want: []Edit{{0, 2, "a"}, {10, 12, "b"}, {15, 15, "c"}},
		},
		{
			name: "conflicting group rejected whole",
			size: 20,
			steps: []step{
				{[]Edit{{5, 8, "x"}}, true},
				{[]Edit{{0, 1, "keep?"}, {7, 9, "y"}}, false},
			},
			want: []Edit{{5, 8, "x"}},
		},
		{
			name: "identical edit coalesces",
			size: 20,
			steps: []step{
				{[]Edit{{0, 0, "<!doctype html>\n"}, {5, 8, "x"}}, true},
				{[]Edit{{0, 0, "<!doctype html>\n"}, {12, 13, "z"}}, true},
			},
			want: []Edit{{0, 0, "<!doctype html>\n"}, {5, 8, "x"}, {12, 13, "z"}},
		},
		{
			name: "insertions at the same offset from two fixes",
			size: 20,
			steps: []step{
				{[]Edit{{4, 4, "a"}}, true},
				{[]Edit{{4, 4, "b"}}, false},
				{[]Edit{{4, 6, "c"}}, true},
			},
			want: []Edit{{4, 4, "a"}, {4, 6, "c"}},
		},
		{
			name: "invalid groups rejected",
			size: 20,
			steps: []step{
				{[]Edit{{0, 21, "x"}}, false},
				{[]Edit{{0, 5, "x"}, {3, 8, "y"}}, false},
				{[]Edit{{1, 1, "x"}, {1, 1, "y"}}, false},
				{nil, true},
			},
			want: nil,
		},
		{
			name: "duplicates inside a group",
			size: 20,
			steps: []step{
				{[]Edit{{3, 4, "x"}, {3, 4, "x"}}, true},
			},
			want: []Edit{{3, 4, "x"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMerger(tt.size)
			for i, s := range tt.steps {
				if ok := m.Add(s.group); ok != s.ok {
					t.Errorf("step %d: Add = %v, want %v", i, ok, s.ok)
				}
			}
			got := m.Edits()
			if !slices.Equal(got, tt.want) {
				t.Errorf("Edits = %v, want %v", got, tt.want)
			}
			if len(got) > 0 {
				got[0].New = "clobbered"
				if m.Edits()[0].New == "clobbered" {
					t.Error("Edits shares its slice with the Merger")
				}
			}
		})
	}
}
