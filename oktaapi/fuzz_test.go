package oktaapi

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSafeName checks the promises of SafeName on any input.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"Acme", "CON.txt", "../x", " .a. ", "\x00", strings.Repeat("é", 60)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s := SafeName(in)
		if s == "" || len(s) > maxNameBytes || !utf8.ValidString(s) {
			t.Fatalf("SafeName(%q) = %q", in, s)
		}
		if strings.ContainsAny(s, `<>:"/\|?*`) || strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
			t.Fatalf("SafeName(%q) = %q keeps a forbidden character", in, s)
		}
		if s[0] == '.' || s[0] == ' ' || strings.HasSuffix(s, ".") || strings.HasSuffix(s, " ") {
			t.Fatalf("SafeName(%q) = %q starts or ends badly", in, s)
		}
		base, _, _ := strings.Cut(s, ".")
		if windowsReserved()[strings.ToUpper(strings.TrimRight(base, " "))] {
			t.Fatalf("SafeName(%q) = %q is a Windows device name", in, s)
		}
		if SafeName(s) != s {
			t.Fatalf("SafeName is not idempotent on %q: %q", s, SafeName(s))
		}
	})
}

// FuzzDirNames checks that any three brand names get three distinct safe
// folders, whatever the order the API lists them in.
func FuzzDirNames(f *testing.F) {
	f.Add("Acme", "acme", "Acme-b1")
	f.Add("CON", "con.", " con")
	f.Add("a/b", "a:b", "a_b")
	// A suffixed name that is taken, at the length limit: "-2" must fit.
	f.Add(strings.Repeat("x", 100), strings.Repeat("X", 100), strings.Repeat("x", 97)+"-b1")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		brands := []Brand{{ID: "b1", Name: a}, {ID: "b2", Name: b}, {ID: "b3", Name: c}}
		names := DirNames(brands)
		slices.Reverse(brands)
		if again := DirNames(brands); !reflect.DeepEqual(again, names) {
			t.Fatalf("order matters: %v then %v", names, again)
		}
		seen := map[string]bool{}
		for _, name := range names {
			if SafeName(name) != name {
				t.Fatalf("folder %q is not safe", name)
			}
			if seen[fold(name)] {
				t.Fatalf("two brands share %q: %v", name, names)
			}
			seen[fold(name)] = true
		}
		if len(names) != 3 {
			t.Fatalf("names = %v", names)
		}
	})
}
