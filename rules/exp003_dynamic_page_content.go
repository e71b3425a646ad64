package rules

import (
	"strings"

	"github.com/tmpllint/tmpllint/lint"
)

// DynamicPageContent is EXP003.
var DynamicPageContent = &lint.Rule{
	ID:       "EXP003",
	Name:     "dynamic-page-content",
	Severity: lint.Warning,
	Settings: true,
	Check:    checkDynamicPageContent,
	Doc: lint.Doc{
		Summary: "A Terraform page_content that Terraform computes cannot be checked.",
		Why: `tmpllint reads the HTML of a sign-in page where Terraform keeps it: a quoted string, a heredoc, or
a template file read with file("...") or templatefile("...", ...). When page_content is a variable, a
local value or a string with ${...} interpolations, its HTML exists only when Terraform runs, so
nothing in it is checked, and a run that reports nothing would be a false all-clear.

Keep the HTML in its own file and write page_content = file("${path.module}/sign-in.html"): tmpllint
lints that file with the resource's widget_version. Mustache tags ({{...}}) need no escaping there.`,
		Detect: `In Terraform okta_customized_signin_page and okta_preview_signin_page resources: page_content,
as a warning, when it is neither a string without interpolations, nor a heredoc without
interpolations, nor a call of file() or templatefile() with a literal path (or one starting with
${path.module}). A literal ${ written as $${ is not an interpolation.`,
		Bad: []lint.Example{{File: "main.tf", Code: `resource "okta_customized_signin_page" "main" {
  brand_id       = okta_brand.main.id
  page_content   = var.sign_in_html
  widget_version = "7.14"
}`}},
		Good: []lint.Example{{File: "main.tf", Code: `resource "okta_customized_signin_page" "main" {
  brand_id       = okta_brand.main.id
  page_content   = file("${path.module}/sign-in.html")
  widget_version = "7.14"
}`}},
	},
}

func checkDynamicPageContent(pass *lint.Pass) {
	s := pass.Options.Page
	if s == nil || s.Dynamic == nil {
		return
	}
	pass.ReportSetting(*s.Dynamic, "page_content of %s is %s, which only Terraform can compute; its HTML is not checked: keep it in a file and read it with file()",
		s.Where, quoteShort(s.Dynamic.Value))
}

// quoteShort quotes the start of code as written: its first line, cut at
// 60 characters.
func quoteShort(code string) string {
	line, _, cut := strings.Cut(code, "\n")
	if r := []rune(line); len(r) > 60 {
		line, cut = string(r[:60]), true
	}
	if cut {
		line += "…"
	}
	return "`" + line + "`"
}
