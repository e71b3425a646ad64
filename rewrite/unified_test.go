package rewrite

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// numbered returns the lines from..to, one number per line.
func numbered(from, to int) string {
	var sb strings.Builder
	for i := from; i <= to; i++ {
		sb.WriteString(strconv.Itoa(i) + "\n")
	}
	return sb.String()
}

const header = "--- a/signin.html\n+++ b/signin.html\n"

var unifiedTests = []struct {
	name     string
	old, new string
	context  int
	want     string // without header; "" means no diff at all
}{
	{
		name: "identical",
		old:  "a\nb\n", new: "a\nb\n", context: 3,
		want: "",
	},
	{
		name: "both empty",
		old:  "", new: "", context: 3,
		want: "",
	},
	{
		name: "simple change",
		old:  "a\nb\nc\n", new: "a\nB\nc\n", context: 3,
		want: "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n",
	},
	{
		name: "single line",
		old:  "a\n", new: "b\n", context: 3,
		want: "@@ -1 +1 @@\n-a\n+b\n",
	},
	{
		name: "crlf",
		old:  "<div>\r\n{{x}}\r\n</div>\r\n", new: "<div>\r\n{{y}}\r\n</div>\r\n", context: 3,
		want: "@@ -1,3 +1,3 @@\n <div>\r\n-{{x}}\r\n+{{y}}\r\n </div>\r\n",
	},
	{
		name: "crlf to lf",
		old:  "a\r\nb\r\n", new: "a\nb\r\n", context: 3,
		want: "@@ -1,2 +1,2 @@\n-a\r\n+a\n b\r\n",
	},
	{
		name: "no newline in old",
		old:  "a\nb", new: "a\nb\n", context: 3,
		want: "@@ -1,2 +1,2 @@\n a\n-b\n" + noEOL + "+b\n",
	},
	{
		name: "no newline in new",
		old:  "a\nb\n", new: "a\nb", context: 3,
		want: "@@ -1,2 +1,2 @@\n a\n-b\n+b\n" + noEOL,
	},
	{
		name: "no newline in both, last line changed",
		old:  "a\nb", new: "a\nc", context: 3,
		want: "@@ -1,2 +1,2 @@\n a\n-b\n" + noEOL + "+c\n" + noEOL,
	},
	{
		name: "no newline in both, last line is context",
		old:  "a\nz", new: "b\nz", context: 3,
		want: "@@ -1,2 +1,2 @@\n-a\n+b\n z\n" + noEOL,
	},
	{
		name: "crlf without final newline",
		old:  "a\r\nb\r", new: "a\r\nc\r", context: 3,
		want: "@@ -1,2 +1,2 @@\n a\r\n-b\r\n" + noEOL + "+c\r\n" + noEOL,
	},
	{
		name: "first line",
		old:  numbered(1, 10), new: "one\n" + numbered(2, 10), context: 3,
		want: "@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n",
	},
	{
		name: "last line",
		old:  numbered(1, 10), new: numbered(1, 9) + "ten\n", context: 3,
		want: "@@ -7,4 +7,4 @@\n 7\n 8\n 9\n-10\n+ten\n",
	},
	{
		name: "two far changes give two hunks",
		old:  numbered(1, 20),
		new:  "1\ntwo\n" + numbered(3, 17) + "eighteen\n19\n20\n", context: 3,
		want: "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n" +
			"@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n",
	},
	{
		name: "contexts touching merge",
		old:  numbered(1, 20),
		new:  numbered(1, 4) + "five\n" + numbered(6, 11) + "twelve\n" + numbered(13, 20), context: 3,
		want: "@@ -2,14 +2,14 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n 10\n 11\n-12\n+twelve\n 13\n 14\n 15\n",
	},
	{
		name: "contexts one line apart stay separate",
		old:  numbered(1, 20),
		new:  numbered(1, 4) + "five\n" + numbered(6, 12) + "thirteen\n" + numbered(14, 20), context: 3,
		want: "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n" +
			"@@ -10,7 +10,7 @@\n 10\n 11\n 12\n-13\n+thirteen\n 14\n 15\n 16\n",
	},
	{
		name: "pure insertion",
		old:  numbered(1, 6), new: numbered(1, 3) + "x\n" + numbered(4, 6), context: 3,
		want: "@@ -1,6 +1,7 @@\n 1\n 2\n 3\n+x\n 4\n 5\n 6\n",
	},
	{
		name: "pure insertion without context",
		old:  numbered(1, 6), new: numbered(1, 3) + "x\n" + numbered(4, 6), context: 0,
		want: "@@ -3,0 +4 @@\n+x\n",
	},
	{
		name: "pure deletion without context",
		old:  numbered(1, 6), new: numbered(1, 3) + numbered(5, 6), context: 0,
		want: "@@ -4 +3,0 @@\n-4\n",
	},
	{
		name: "insertion into empty file",
		old:  "", new: "a\nb\nc\n", context: 3,
		want: "@@ -0,0 +1,3 @@\n+a\n+b\n+c\n",
	},
	{
		name: "insertion into empty file without final newline",
		old:  "", new: "a", context: 3,
		want: "@@ -0,0 +1 @@\n+a\n" + noEOL,
	},
	{
		name: "deletion of all content",
		old:  "a\nb\n", new: "", context: 3,
		want: "@@ -1,2 +0,0 @@\n-a\n-b\n",
	},
	{
		name: "bom and invalid utf-8 pass through",
		old:  "\xef\xbb\xbf<p>\n\xff\xfe\n", new: "\xef\xbb\xbf<p>\n\xff\xfd\n", context: 3,
		want: "@@ -1,2 +1,2 @@\n \xef\xbb\xbf<p>\n-\xff\xfe\n+\xff\xfd\n",
	},
}

func TestUnified(t *testing.T) {
	for _, tt := range unifiedTests {
		t.Run(tt.name, func(t *testing.T) {
			got := Unified("signin.html", "signin.html", []byte(tt.old), []byte(tt.new), tt.context)
			want := tt.want
			if want != "" {
				want = header + want
			}
			if got != want {
				t.Errorf("Unified:\n got %q\nwant %q", got, want)
			}
			checkRoundTrip(t, tt.old, tt.new, got)
		})
	}
}

func checkRoundTrip(t *testing.T, old, new, diff string) {
	t.Helper()
	got, err := applyUnified([]byte(old), diff)
	if err != nil {
		t.Fatalf("applying diff: %v\n%s", err, diff)
	}
	if string(got) != new {
		t.Fatalf("applied diff gives %q, want %q\ndiff:\n%s", got, new, diff)
	}
}

// TestUnifiedExternal checks that the tools users actually run accept the
// diffs and reproduce the new text exactly.
func TestUnifiedExternal(t *testing.T) {
	for _, tt := range unifiedTests {
		diff := Unified("signin.html", "signin.html", []byte(tt.old), []byte(tt.new), tt.context)
		if diff == "" {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			t.Run("git", func(t *testing.T) {
				if got := gitApply(t, []byte(tt.old), diff, tt.context == 0); string(got) != tt.new {
					t.Errorf("git apply gives %q, want %q", got, tt.new)
				}
			})
			t.Run("patch", func(t *testing.T) {
				if got := patchApply(t, []byte(tt.old), diff); string(got) != tt.new {
					t.Errorf("patch gives %q, want %q", got, tt.new)
				}
			})
		})
	}
}

// TestUnifiedManyDistinctLines covers more distinct lines than fit below the
// surrogate range, with changes at both ends so that none of them is
// trimmed away before go-diff sees them.
func TestUnifiedManyDistinctLines(t *testing.T) {
	const n = 70000
	var old, new strings.Builder
	for i := range n {
		line := fmt.Sprintf("<li>{{i18n code=\"item.%d\"}}</li>\n", i)
		old.WriteString(line)
		switch i {
		case 0, n / 2, n - 1:
			new.WriteString("<!-- fixed -->\n")
		case 60000:
			// Lands on an id above the surrogates.
		default:
			new.WriteString(line)
		}
	}
	diff := Unified("signin.html", "signin.html", []byte(old.String()), []byte(new.String()), 3)
	if h := strings.Count(diff, "\n@@ "); h != 4 {
		t.Errorf("got %d hunks, want 4:\n%s", h, diff)
	}
	checkRoundTrip(t, old.String(), new.String(), diff)
}

// TestDiffMiddleTooManyLines checks the fallback for texts with more
// distinct lines than there are runes.
func TestDiffMiddleTooManyLines(t *testing.T) {
	a := []string{"a\n", "b\n", "c\n"}
	b := []string{"a\n", "d\n", "c\n"}
	got := diffMiddle(a, b, 5, 3)
	want := []change{{5, 8, 5, 8}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("diffMiddle = %v, want %v", got, want)
	}
	if got := diffMiddle(a, b, 5, 4); fmt.Sprint(got) != fmt.Sprint([]change{{6, 7, 6, 7}}) {
		t.Errorf("diffMiddle within limit = %v", got)
	}
}

// fiveMB returns a template-like text of about 5 MB and a copy with a few
// fixes spread over it.
func fiveMB() (old, new []byte) {
	var sb strings.Builder
	for i := 0; sb.Len() < 5<<20; i++ {
		fmt.Fprintf(&sb, "  <div class=\"o-form-row-%d\">{{i18n code=\"signin.label.%d\" bundle=\"login\"}}</div>\r\n", i, i)
	}
	old = []byte(sb.String())
	new = bytes.Clone(old)
	for _, at := range []int{len(new) / 10, len(new) / 2, len(new) - 200} {
		copy(new[at:], "FIXED")
	}
	return old, new
}

func BenchmarkUnified5MB(b *testing.B) {
	old, new := fiveMB()
	b.SetBytes(int64(len(old)))
	b.ReportAllocs()
	for b.Loop() {
		if Unified("signin.html", "signin.html", old, new, 3) == "" {
			b.Fatal("no diff")
		}
	}
}

func TestUnified5MB(t *testing.T) {
	old, new := fiveMB()
	diff := Unified("signin.html", "signin.html", old, new, 3)
	if h := strings.Count(diff, "\n@@ "); h != 3 {
		t.Errorf("got %d hunks, want 3", h)
	}
	checkRoundTrip(t, string(old), string(new), diff)
}
