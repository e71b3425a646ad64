package export

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rules"
)

// TestCases lints small exports and compares "line:col RULE" of every
// finding.
func TestCases(t *testing.T) {
	const redirect = `<html>{{{OktaUtil}}}<script>res.session.setCookieAndRedirect(x)</script></html>`
	tests := []struct {
		name, file, content string
		want                []string
	}{
		{"byte order mark", "a.json", "\xef\xbb\xbf" + `{"pageContent": "` + redirect + `", "widgetVersion": "7.14"}`,
			[]string{"1:58 OIE001"}},
		{"suppression comment inside the HTML", "a.json",
			`{"pageContent": "<html>{{{OktaUtil}}}\n{{! tmpllint-disable-next-line OIE001 -- migrated next sprint }}\n<script>res.session.setCookieAndRedirect(x)</script></html>"}`,
			nil},
		{"suppression without a reason", "a.json",
			`{"pageContent": "<html>{{{OktaUtil}}}\n{{! tmpllint-disable-next-line OIE001 }}\n<script>res.session.setCookieAndRedirect(x)</script></html>"}`,
			[]string{"1:40 TPL900", "1:102 OIE001"}},
		{"list of pages, null content, star version", "pages.json",
			`[{"pageContent": null, "widgetVersion": "*", "widgetCustomizations": {"widgetGeneration": "G3"}},
 {"pageContent": "` + redirect + `", "widgetVersion": "7.2", "widgetCustomizations": {"widgetGeneration": "G3"}}]`,
			[]string{"2:59 OIE001", "2:118 EXP001"}},
		{"PageRoot of the error page", "root.json",
			`{"_embedded": {"customized": {"pageContent": "<p>{{errorSummary}} {{pageTitle}}</p><script>res.session.setCookieAndRedirect(x)</script>"}},
 "_links": {"self": {"href": "https://acme.okta.com/api/v1/brands/b1/pages/error"}}}`,
			[]string{"1:67 TPL002"}},
		{"CSP: srcList not a list, more than 20", "a.json",
			`{"pageContent": "<p></p>", "contentSecurityPolicySetting": {"mode": "report_only", "srcList": "https://a.example.com"}}`,
			[]string{"1:95 EXP002"}},
		{"CSP enforced: listed, wildcard, relative, Mustache and Okta hosts pass", "a.json",
			`{"pageContent": "<script src=\"https://cdn.example.com/a.js\"></script><script src=\"https://x.cdn.example.org/b.js\"></script><script src=\"/c.js\"></script><script src=\"{{cdn}}/d.js\"></script><script src=\"https://ok12.oktacdn.com/e.js\"></script><link rel=\"stylesheet\" href=\"//fonts.example.net/f.css\">",
 "contentSecurityPolicySetting": {"mode": "enforced", "srcList": ["https://cdn.example.com", "*.cdn.example.org"]}}`,
			[]string{"1:284 EXP002"}},
		{"CRLF heredoc", "a.tf",
			"resource \"okta_preview_signin_page\" \"a\" {\r\n  page_content = <<-EOT\r\n    <html>{{{OktaUtil}}}\r\n      <script>res.session.setCookieAndRedirect(x)</script>\r\n    </html>\r\n  EOT\r\n}\r\n",
			[]string{"4:27 OIE001"}},
		{"Terraform without page_content, other resources", "a.tf",
			"resource \"okta_brand\" \"b\" {\n  name = \"x\"\n}\nresource \"okta_customized_signin_page\" \"a\" {\n  widget_version = \"7.2\"\n  widget_customizations {\n    widget_generation = \"G3\"\n  }\n}\n",
			[]string{"5:20 EXP001"}},
		{"templatefile is read elsewhere", "a.tf",
			"resource \"okta_customized_signin_page\" \"a\" {\n  page_content = templatefile(\"sign-in.tftpl\", { x = 1 })\n}\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, err := Read(tt.file, []byte(tt.content))
			if err != nil {
				t.Fatal(err)
			}
			src := lint.NewSource(tt.file, []byte(tt.content))
			diags, err := lint.LintEmbedded(src, Embedded(pages), rules.All(), options())
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range diags {
				p := src.Position(d.Start)
				got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Column, d.Rule.ID))
			}
			if strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
				for _, d := range diags {
					t.Logf("%s %s", d.Rule.ID, d.Message)
				}
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNotExport(t *testing.T) {
	for _, content := range []string{`{"name": "app"}`, `[1, 2]`, `{"pageContents": "x"}`, `"pageContent"`} {
		if _, err := ReadJSON("x.json", []byte(content)); err != ErrNotExport {
			t.Errorf("%s: %v, want ErrNotExport", content, err)
		}
	}
	if _, err := ReadJSON("x.json", []byte(`{"a": `)); err == nil || err == ErrNotExport {
		t.Errorf("invalid JSON: %v", err)
	}
}
