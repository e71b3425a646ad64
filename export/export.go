// Package export reads Okta sign-in and error page templates where teams
// keep them: the JSON of the Okta Management API (a SignInPage or
// ErrorPage, a PageRoot, or a list of them) and Terraform files
// (okta_customized_signin_page and okta_preview_signin_page resources).
//
// Each page comes with a position map (package embedded) from its HTML to
// the file's bytes, and with the settings the export carries besides the
// HTML: widgetVersion, widgetCustomizations.widgetGeneration and
// contentSecurityPolicySetting, each with the bytes of its value, so that
// lint.LintEmbedded reports at the line and column of the file the user
// named.
//
// The API paths and schemas are those of Okta's Management API (CustomPages:
// SignInPage, ErrorPage, PageRoot, ContentSecurityPolicySetting), the
// Terraform attributes those of the okta/okta provider (v6.12.0).
package export

import (
	"path/filepath"
	"strings"

	"github.com/tmpllint/tmpllint/lint"
)

// Page is one page of an export. Its Embedded form is what
// lint.LintEmbedded lints.
type Page struct {
	lint.Embedded
	// File is the template file a Terraform resource reads its
	// page_content from (file("sign-in.html"), templatefile(...)),
	// resolved against the .tf file's directory; "" otherwise.
	File string
}

// Read reads an export of the kind its name says: .tf is Terraform, any
// other name JSON.
func Read(name string, data []byte) ([]Page, error) {
	if IsTerraform(name) {
		return ReadTerraform(name, data)
	}
	return ReadJSON(name, data)
}

// IsTerraform reports whether name is a Terraform file.
func IsTerraform(name string) bool { return strings.EqualFold(filepath.Ext(name), ".tf") }

// IsCandidate reports whether a file of this name may be an export: a
// directory walk reads .json and .tf files, and keeps a .json file only
// when ReadJSON finds pages in it.
func IsCandidate(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".json" || ext == ".tf"
}

// Embedded returns the pages' lint form.
func Embedded(pages []Page) []lint.Embedded {
	out := make([]lint.Embedded, len(pages))
	for i, p := range pages {
		out[i] = p.Embedded
	}
	return out
}

// widgetVersion reads widgetVersion ("^7", "7.8", "7"). "*" names no
// version: nil, so rules treat the version as unknown.
func widgetVersion(value, origin string) *lint.WidgetVersion {
	v, ok := lint.ParseVersionRange(value)
	if !ok {
		return nil
	}
	return &lint.WidgetVersion{Version: v, Origin: origin}
}
