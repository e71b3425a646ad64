package export

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tmpllint/tmpllint/embedded"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rules"
)

var update = flag.Bool("update", false, "rewrite the .want and .fixed golden files of testdata/exports")

const fixtureDir = "../testdata/exports"

// fixtures returns the export fixtures: every .json and .tf file.
func fixtures(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"*.json", "*.tf"} {
		m, err := filepath.Glob(filepath.Join(fixtureDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 6 {
		t.Fatalf("found %d export fixtures, want at least 6", len(paths))
	}
	return paths
}

func read(t *testing.T, path string) ([]byte, []Page) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := Read(path, data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return data, pages
}

func options() lint.Options { return lint.Options{Known: rules.All()} }

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n%s\nwant:\n%s", path, got, want)
	}
}

// TestExportDiagnostics lints each fixture and compares every diagnostic's
// line, column and rule with the fixture's .want file.
func TestExportDiagnostics(t *testing.T) {
	for _, path := range fixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, pages := read(t, path)
			src := lint.NewSource(path, data)
			diags, err := lint.LintEmbedded(src, Embedded(pages), rules.All(), options())
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, d := range diags {
				p := src.Position(d.Start)
				fmt.Fprintf(&b, "%d:%d %s %s\n", p.Line, p.Column, d.Rule.ID, d.Message)
			}
			golden(t, path+".want", []byte(b.String()))
		})
	}
}

// TestPositionsMatchPlainTemplate lints each page's template as a plain
// .html file and checks that the export reports the same findings, each at
// file bytes that decode (read independently, by encoding/json or HCL) to
// the bytes the plain template's finding covers.
func TestPositionsMatchPlainTemplate(t *testing.T) {
	for _, path := range fixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, pages := read(t, path)
			src := lint.NewSource(path, data)
			diags, err := lint.LintEmbedded(src, Embedded(pages), rules.All(), options())
			if err != nil {
				t.Fatal(err)
			}
			checked := 0
			for _, page := range pages {
				if page.Map == nil {
					continue
				}
				plain := lintPlain(t, page)
				var mine []lint.Diagnostic
				for _, d := range diags {
					if !d.Rule.Settings && d.Start >= page.Map.Start() && d.End <= page.Map.End() {
						mine = append(mine, d)
					}
				}
				if len(mine) != len(plain) {
					t.Fatalf("%s: %d findings in the export, %d in the plain template", page.Settings.Where, len(mine), len(plain))
				}
				for i, d := range mine {
					p := plain[i]
					if d.Rule != p.Rule || d.Message != p.Message {
						t.Errorf("finding %d: %s %q, plain %s %q", i, d.Rule.ID, d.Message, p.Rule.ID, p.Message)
					}
					got := decodeFragment(t, page.Map.Kind(), page.Map, data[d.Start:d.End])
					if want := string(page.Map.Text()[p.Start:p.End]); got != want {
						t.Errorf("%s finding at file bytes %q decodes to %q, the plain template's covers %q", d.Rule.ID, data[d.Start:d.End], got, want)
					}
					checked++
				}
			}
			t.Logf("%d findings checked", checked)
		})
	}
}

// lintPlain lints a page's template as a .html file with the page's
// widget version, as `tmpllint check page.html --widget-version` would.
func lintPlain(t *testing.T, page Page) []lint.Diagnostic {
	t.Helper()
	f, err := lint.Parse(lint.NewSource("page.html", page.Map.Text()))
	if err != nil {
		t.Fatal(err)
	}
	o := options()
	o.Widget = page.Widget
	var run []*lint.Rule
	for _, r := range rules.All() {
		if page.Settings.Page != lint.PageError || r.ErrorPages {
			run = append(run, r)
		}
	}
	var out []lint.Diagnostic
	for _, d := range lint.RunWith(f, run, o) {
		if !d.Rule.Settings {
			out = append(out, d)
		}
	}
	return out
}

// decodeFragment reads file bytes of an embedded template without the map:
// JSON through encoding/json, an HCL string through HCL's parser, a
// heredoc by removing what HCL removes.
func decodeFragment(t *testing.T, kind embedded.Kind, m *embedded.Map, frag []byte) string {
	t.Helper()
	switch kind {
	case embedded.JSON:
		var s string
		if err := json.Unmarshal([]byte(`"`+string(frag)+`"`), &s); err != nil {
			t.Fatalf("fragment %q: %v", frag, err)
		}
		return s
	case embedded.HCLQuoted:
		expr, diags := hclsyntax.ParseExpression([]byte(`"`+string(frag)+`"`), "frag", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("fragment %q: %v", frag, diags)
		}
		v, diags := expr.Value(nil)
		if diags.HasErrors() {
			t.Fatalf("fragment %q: %v", frag, diags)
		}
		return v.AsString()
	}
	s := string(frag)
	for _, indent := range []string{"    "} {
		s = strings.ReplaceAll(s, "\n"+indent, "\n")
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "$${", "${"), "%%{", "%{")
}

// TestFixRoundTrip fixes each fixture, with safe fixes and with unsafe
// ones too, and checks the result: the golden .fixed file (safe fixes);
// each fixed page decodes to what fixing the plain template gives; nothing
// outside the templates changed; the JSON keeps its keys, the Terraform
// still parses; and fixing again changes nothing.
func TestFixRoundTrip(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		for _, path := range fixtures(t) {
			t.Run(fmt.Sprintf("%s unsafe=%v", filepath.Base(path), unsafe), func(t *testing.T) {
				fixRoundTrip(t, path, unsafe)
			})
		}
	}
}

func fixRoundTrip(t *testing.T, path string, unsafe bool) {
	data, pages := read(t, path)
	readPages := func(text []byte) ([]lint.Embedded, error) {
		p, err := Read(path, text)
		return Embedded(p), err
	}
	res, err := lint.FixEmbedded(lint.NewSource(path, data), readPages, rules.All(), unsafe, options())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(res.Content, data) {
		if _, err := os.Stat(path + ".fixed"); err == nil && !*update && !unsafe {
			t.Errorf("nothing fixed, but %s.fixed exists", path)
		}
		return
	}
	if !unsafe {
		golden(t, path+".fixed", res.Content)
	}
	after, err := Read(path, res.Content)
	if err != nil {
		t.Fatalf("the fixed file does not read back: %v", err)
	}
	if len(after) != len(pages) {
		t.Fatalf("%d pages after the fix, %d before", len(after), len(pages))
	}
	var outsideBefore, outsideAfter []byte
	prevB, prevA := 0, 0
	for i, page := range pages {
		if page.Map == nil {
			continue
		}
		fixedPlain, err := lint.FixSourceWith(lint.NewSource("page.html", page.Map.Text()), plainRules(page), unsafe, plainOptions(page))
		if err != nil {
			t.Fatal(err)
		}
		if got := after[i].Map.Text(); !bytes.Equal(got, fixedPlain.Content) {
			t.Errorf("%s: the fixed export decodes to\n%s\nthe fixed plain template is\n%s", page.Settings.Where, got, fixedPlain.Content)
		}
		outsideBefore = append(outsideBefore, data[prevB:page.Map.Start()]...)
		outsideAfter = append(outsideAfter, res.Content[prevA:after[i].Map.Start()]...)
		prevB, prevA = page.Map.End(), after[i].Map.End()
	}
	outsideBefore = append(outsideBefore, data[prevB:]...)
	outsideAfter = append(outsideAfter, res.Content[prevA:]...)
	if !bytes.Equal(outsideBefore, outsideAfter) {
		t.Error("the fix changed bytes outside the templates")
	}
	if IsTerraform(path) {
		if _, diags := hclsyntax.ParseConfig(res.Content, path, hcl.InitialPos); diags.HasErrors() {
			t.Errorf("the fixed Terraform does not parse: %v", diags)
		}
	} else if a, b := keysOf(t, data), keysOf(t, res.Content); !reflect.DeepEqual(a, b) {
		t.Errorf("the fixed JSON has other keys or values:\n%v\n%v", a, b)
	}
	again, err := lint.FixEmbedded(lint.NewSource(path, res.Content), readPages, rules.All(), unsafe, options())
	if err != nil || !bytes.Equal(again.Content, res.Content) {
		t.Errorf("fixing the fixed file changes it again (%v)", err)
	}
}

func plainRules(page Page) []*lint.Rule {
	var run []*lint.Rule
	for _, r := range rules.All() {
		if page.Settings.Page != lint.PageError || r.ErrorPages {
			run = append(run, r)
		}
	}
	return run
}

func plainOptions(page Page) lint.Options {
	o := options()
	o.Widget = page.Widget
	return o
}

// keysOf decodes JSON with every pageContent blanked.
func keysOf(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var blank func(any)
	blank = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if k == "pageContent" {
					x[k] = ""
				} else {
					blank(e)
				}
			}
		case []any:
			for _, e := range x {
				blank(e)
			}
		}
	}
	blank(v)
	return v
}
