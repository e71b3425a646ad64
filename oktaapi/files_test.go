package oktaapi

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Acme", "Acme"},
		{"Acme Corp (EU)", "Acme Corp (EU)"},
		{"Zürich Bank — Köln", "Zürich Bank — Köln"},
		{"a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j"},
		{"../../etc/passwd", "_._.._etc_passwd"},
		{"..", "brand"},
		{".", "brand"},
		{".hidden", "_hidden"},
		{"  .hidden", "_hidden"},
		{"trailing dots...", "trailing dots"},
		{"trailing space ", "trailing space"},
		{"tab\there\nnew\x7fline\u0085", "tab_here_new_line_"},
		{"CON", "_CON"},
		{"con", "_con"},
		{"Nul.txt", "_Nul.txt"},
		{"com1", "_com1"},
		{"LPT9", "_LPT9"},
		{"COM¹", "_COM¹"},
		{"CONSOLE", "CONSOLE"},
		{"", "brand"},
		{"   ", "brand"},
		{"bad\xffutf8", "bad_utf8"},
	}
	for _, tt := range tests {
		if got := SafeName(tt.in); got != tt.want {
			t.Errorf("SafeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSafeNameLong(t *testing.T) {
	long := strings.Repeat("ü", 80) // 160 bytes
	got := SafeName(long)
	if len(got) > maxNameBytes || !utf8.ValidString(got) || !strings.HasPrefix(long, got) {
		t.Errorf("SafeName(160 bytes) = %q (%d bytes), want a valid prefix of at most %d bytes", got, len(got), maxNameBytes)
	}
	if got := SafeName(strings.Repeat("a", 99) + " ."); got != strings.Repeat("a", 99) {
		t.Errorf("cut then trimmed: %q", got)
	}
}

func TestDirNames(t *testing.T) {
	tests := []struct {
		name   string
		brands []Brand
		want   map[string]string
	}{
		{
			"distinct",
			[]Brand{{ID: "bnd1", Name: "Acme"}, {ID: "bnd2", Name: "Partners"}},
			map[string]string{"bnd1": "Acme", "bnd2": "Partners"},
		},
		{
			"same safe name: both suffixed",
			[]Brand{{ID: "bnd1", Name: "Acme/EU"}, {ID: "bnd2", Name: "Acme:EU"}, {ID: "bnd3", Name: "Other"}},
			map[string]string{"bnd1": "Acme_EU-bnd1", "bnd2": "Acme_EU-bnd2", "bnd3": "Other"},
		},
		{
			"case only",
			[]Brand{{ID: "bnd1", Name: "acme"}, {ID: "bnd2", Name: "ACME"}},
			map[string]string{"bnd1": "acme-bnd1", "bnd2": "ACME-bnd2"},
		},
		{
			"a name like another's suffixed name",
			[]Brand{{ID: "b1", Name: "x"}, {ID: "b2", Name: "X"}, {ID: "b3", Name: "x-b1"}},
			map[string]string{"b1": "x-b1-2", "b2": "X-b2", "b3": "x-b1"},
		},
		{
			"empty name: the id",
			[]Brand{{ID: "bnd1", Name: ""}, {ID: "bnd2", Name: "CON"}},
			map[string]string{"bnd1": "bnd1", "bnd2": "_CON"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DirNames(tt.brands)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("DirNames = %v, want %v", got, tt.want)
			}
			// The API's order does not matter.
			rev := slices.Clone(tt.brands)
			slices.Reverse(rev)
			if again := DirNames(rev); !reflect.DeepEqual(again, got) {
				t.Errorf("reversed order: %v, want %v", again, got)
			}
		})
	}
}

func TestDirNamesUnique(t *testing.T) {
	var brands []Brand
	for _, name := range []string{"a", "A", "a-b1", "a-B1", "a.", "a ", "A-b2", "a-b2-2", strings.Repeat("z", 200), strings.Repeat("Z", 200)} {
		brands = append(brands, Brand{ID: "b" + string(rune('1'+len(brands))), Name: name})
	}
	seen := map[string]string{}
	for id, name := range DirNames(brands) {
		key := strings.ToLower(name)
		if other, dup := seen[key]; dup {
			t.Errorf("%s and %s share the folder %q", id, other, name)
		}
		seen[key] = id
		if SafeName(name) != name {
			t.Errorf("%s: folder %q is not safe", id, name)
		}
	}
	if len(seen) != len(brands) {
		t.Errorf("%d folders for %d brands", len(seen), len(brands))
	}
}

func TestWriteFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Acme")
	data := []byte(`{"pageContent":"\u003chtml\u003e"}`)
	if err := WriteFile(dir, "sign-in.customized.json", data); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(dir, "sign-in.customized.json", data); err != nil { // over the first
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "sign-in.customized.json"))
	if err != nil || string(got) != string(data) {
		t.Errorf("read back %q, %v; want %q", got, err, data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want 1 (no temporary file left)", len(entries))
	}
	removed, err := RemoveFile(dir, "sign-in.customized.json")
	if !removed || err != nil {
		t.Errorf("RemoveFile = %v, %v", removed, err)
	}
	removed, err = RemoveFile(dir, "sign-in.customized.json")
	if removed || err != nil {
		t.Errorf("RemoveFile of a missing file = %v, %v; want false, nil", removed, err)
	}
}
