package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rules"
)

func lintPage(t *testing.T, name string, content []byte) []lint.Diagnostic {
	t.Helper()
	f, err := lint.Parse(lint.NewSource(name, content))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return lint.Run(f, rules.All())
}

func describe(diags []lint.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "\n\t%s at %d: %s", d.Rule.ID, d.Start, d.Message)
	}
	return b.String()
}

// Pages written for Identity Engine lint clean and Classic pages do not:
// the corpus measures the linter on the mix it is built for.
func TestTemplatesLintAsLabelled(t *testing.T) {
	classic := 0
	for i := range 300 {
		p := Template(i)
		diags := lintPage(t, p.Name, p.Content)
		if p.Classic {
			classic++
			if len(diags) == 0 {
				t.Errorf("%s is a Classic page but lints clean", p.Name)
			}
		} else if len(diags) > 0 {
			t.Errorf("%s is an Identity Engine page but has findings:%s", p.Name, describe(diags))
		}
	}
	if classic < 60 || classic > 180 {
		t.Errorf("%d of 300 pages are Classic, want about %d%%", classic, ClassicShare)
	}
}

func TestDeterministic(t *testing.T) {
	for _, i := range []int{0, 1, 77, 9999} {
		a, b := Template(i), Template(i)
		if a.Name != b.Name || !bytes.Equal(a.Content, b.Content) || a.Classic != b.Classic {
			t.Errorf("Template(%d) differs between calls", i)
		}
	}
	if bytes.Equal(Template(1).Content, Template(2).Content) {
		t.Error("pages 1 and 2 are the same")
	}
}

func TestSizes(t *testing.T) {
	total := 0
	for i := range 1000 {
		total += len(Template(i).Content)
	}
	if avg := total / 1000; avg < 3000 || avg > 9000 {
		t.Errorf("average page is %d bytes, want a few kilobytes like real customized pages", avg)
	}
	for _, tc := range []struct {
		name string
		gen  func(int) []byte
	}{{"BigTemplate", BigTemplate}, {"Bundle", Bundle}, {"Decorators", Decorators}} {
		if n := len(tc.gen(1 << 20)); n < 1<<20 || n > 1<<20+8192 {
			t.Errorf("%s(1 MiB) is %d bytes", tc.name, n)
		}
	}
}

func TestOneLineFindings(t *testing.T) {
	content := OneLineFindings(500)
	if bytes.Count(content, []byte("\n")) != 0 {
		t.Fatal("not one line")
	}
	n := 0
	for _, d := range lintPage(t, "one-line.html", content) {
		if d.Rule.ID == "OIE001" {
			n++
		}
	}
	if n != 500 {
		t.Errorf("%d OIE001 findings, want 500", n)
	}
}

func TestBigFilesHaveFindings(t *testing.T) {
	if len(lintPage(t, "big.html", BigTemplate(64<<10))) == 0 {
		t.Error("BigTemplate has no findings")
	}
	if len(lintPage(t, "bundle.js", Bundle(64<<10))) == 0 {
		t.Error("Bundle has no findings")
	}
	if len(lintPage(t, "panels.component.ts", Decorators(64<<10))) == 0 {
		t.Error("Decorators has no findings")
	}
}

// TestWriteCorpus writes the benchmark inputs to a directory for measuring
// the built binary (see BENCHMARKS.md); it runs only when
// TMPLLINT_CORPUS_DIR names the directory. TMPLLINT_CORPUS_FILES is the
// number of pages (10,000 unless set). The pages go to pages/, the single
// files to single/.
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("TMPLLINT_CORPUS_DIR")
	if dir == "" {
		t.Skip("TMPLLINT_CORPUS_DIR is not set")
	}
	n := 10_000
	if v := os.Getenv("TMPLLINT_CORPUS_FILES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatal(err)
		}
	}
	size, err := Write(filepath.Join(dir, "pages"), n)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages, %d bytes", n, size)
	single := filepath.Join(dir, "single")
	if err := os.MkdirAll(single, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string][]byte{
		"typical.html":        Template(3).Content,
		"big-5mb.html":        BigTemplate(5 << 20),
		"bundle-20mb.js":      Bundle(20 << 20),
		"decorators-16mb.ts":  Decorators(16 << 20),
		"one-line-20000.html": OneLineFindings(20_000),
	} {
		if err := os.WriteFile(filepath.Join(single, name), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkLintSizes lints each big input at sizes from 1 KiB to 16 MiB
// with every rule, in process: the time per byte (shown as MB/s) should
// not fall with the size. BenchmarkLintSizes/bundle-1MiB is a name, and
// -bench 'LintSizes/.*-(1KiB|1MiB)' picks sizes.
func BenchmarkLintSizes(b *testing.B) {
	inputs := []struct {
		name string
		file string
		gen  func(int) []byte
	}{
		{"page", "big.html", BigTemplate},
		{"bundle", "bundle.js", Bundle},
		{"decorators", "panels.component.ts", Decorators},
	}
	all := rules.All()
	for _, in := range inputs {
		for _, size := range []int{1 << 10, 16 << 10, 256 << 10, 4 << 20, 16 << 20} {
			content := in.gen(size)
			label := fmt.Sprintf("%s-%dKiB", in.name, size>>10)
			if size >= 1<<20 {
				label = fmt.Sprintf("%s-%dMiB", in.name, size>>20)
			}
			b.Run(label, func(b *testing.B) {
				b.SetBytes(int64(len(content)))
				b.ReportAllocs()
				for b.Loop() {
					f, err := lint.Parse(lint.NewSource(in.file, content))
					if err != nil {
						b.Fatal(err)
					}
					lint.Run(f, all)
				}
			})
		}
	}
}
