package export

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"golang.org/x/text/unicode/norm"
)

// terraformFile puts body into a sign-in page resource as a quoted string
// or a heredoc (<<EOT or <<-EOT).
func terraformFile(body string, form uint8) string {
	head := "resource \"okta_customized_signin_page\" \"f\" {\n  page_content = "
	switch form % 3 {
	case 0:
		return head + "\"" + body + "\"\n}\n"
	case 1:
		return head + "<<EOT\n" + body + "EOT\n}\n"
	}
	return head + "<<-EOT\n" + body + "  EOT\n}\n"
}

// FuzzTerraformMap checks the Terraform position maps: a page_content that
// HCL reads is mapped to the text HCL gives (or refused with an error,
// never mapped wrong); Offset then Back is the identity on every character
// start; and an accepted edit leaves a file that HCL parses, whose
// page_content is the edited text, with the bytes before the edit intact.
func FuzzTerraformMap(f *testing.F) {
	for _, s := range []struct {
		body string
		form uint8
	}{
		{`<p class=\"a\">\n</p>`, 0},
		{`$${x} %%{y} $$ %% \u00e9 \U0001F600 \\ \t`, 0},
		{"<p>\n  $${a}\n</p>\n", 1},
		{"    <p>\n\n      <b>$${a}</b>\n    </p>\n", 2},
		{"\t<p>\r\n\t</p>\n", 2},
	} {
		f.Add(s.body, s.form, 1, 3, "x\"${y}\n")
	}
	f.Fuzz(func(t *testing.T, body string, form uint8, a, b int, repl string) {
		file := terraformFile(body, form)
		if _, diags := hclsyntax.ParseConfig([]byte(file), "f.tf", hcl.InitialPos); diags.HasErrors() {
			return
		}
		pages, err := ReadTerraform("f.tf", []byte(file))
		if err != nil || len(pages) != 1 || pages[0].Map == nil {
			return // refused (or computed): never linted with wrong positions
		}
		m := pages[0].Map
		text := m.Text()
		for i := 0; i <= len(text); i++ {
			if i < len(text) && !utf8.RuneStart(text[i]) {
				continue
			}
			fo := m.Offset(i)
			if fo < m.Start() || fo > m.End() {
				t.Fatalf("Offset(%d) = %d outside [%d,%d]", i, fo, m.Start(), m.End())
			}
			if i > 0 && m.Offset(i-1) == fo {
				continue // inside an escape ("{" of "$${"), which maps to its start
			}
			if back := m.Back(fo); back != i {
				t.Fatalf("Back(Offset(%d)) = %d", i, back)
			}
		}
		if len(text) == 0 {
			a, b = 0, 0
		} else {
			a, b = abs(a)%(len(text)+1), abs(b)%(len(text)+1)
		}
		a, b = min(a, b), max(a, b)
		for a > 0 && a < len(text) && !utf8.RuneStart(text[a]) {
			a--
		}
		for b > 0 && b < len(text) && !utf8.RuneStart(text[b]) {
			b--
		}
		a = min(a, b)
		fs, fe, enc, err := m.Edit(a, b, []byte(repl))
		if err != nil {
			return // refused edits are dropped fixes
		}
		edited := file[:fs] + string(enc) + file[fe:]
		if !strings.HasPrefix(edited, file[:fs]) {
			t.Fatal("bytes before the edit changed")
		}
		if _, diags := hclsyntax.ParseConfig([]byte(edited), "f.tf", hcl.InitialPos); diags.HasErrors() {
			t.Fatalf("edit (%d,%d,%q) of %q gives Terraform that does not parse: %q: %v", a, b, repl, file, edited, diags)
		}
		want := string(text[:a]) + repl + string(text[b:])
		after, err := ReadTerraform("f.tf", []byte(edited))
		if !norm.NFC.IsNormalString(want) {
			return // Terraform reads the text NFC-normalized: a refusal is right
		}
		if err != nil || len(after) != 1 || after[0].Map == nil {
			t.Fatalf("edit (%d,%d,%q) of %q: the edited file %q does not map (%v)", a, b, repl, file, edited, err)
		}
		if got := string(after[0].Map.Text()); got != want {
			t.Fatalf("edited page_content is %q, want %q", got, want)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
