package export

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tmpllint/tmpllint/embedded"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/zclconf/go-cty/cty"
	"golang.org/x/text/unicode/norm"
)

// signInResources are the Terraform resources that hold a sign-in page's
// HTML in page_content (okta/okta provider: docs/resources/
// customized_signin_page.md, preview_signin_page.md). The provider has no
// resource for error pages.
var signInResources = map[string]bool{
	"okta_customized_signin_page": true,
	"okta_preview_signin_page":    true,
}

// ReadTerraform reads the okta_customized_signin_page and
// okta_preview_signin_page resources of a Terraform file, parsed with
// HashiCorp's HCL parser. page_content written as a quoted string or a
// heredoc is mapped; file("x.html") and templatefile("x.tftpl", ...) give
// Page.File; any other expression (a variable, an interpolation) gives
// Settings.Dynamic. A file without such resources gives no pages and no
// error.
func ReadTerraform(name string, data []byte) ([]Page, error) {
	f, diags := hclsyntax.ParseConfig(data, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("does not parse as Terraform: %s", diags[0].Error())
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, errors.New("does not parse as Terraform")
	}
	var pages []Page
	for _, block := range body.Blocks {
		if block.Type != "resource" || len(block.Labels) != 2 || !signInResources[block.Labels[0]] {
			continue
		}
		page, ok, err := terraformPage(name, data, block)
		if err != nil {
			return nil, err
		}
		if ok {
			pages = append(pages, page)
		}
	}
	return pages, nil
}

func terraformPage(name string, data []byte, block *hclsyntax.Block) (Page, bool, error) {
	address := block.Labels[0] + "." + block.Labels[1]
	s := &lint.PageSettings{Page: lint.PageSignIn, Where: address}
	page := Page{Embedded: lint.Embedded{Settings: s}}
	attrs := block.Body.Attributes
	if v := attrs["widget_version"]; v != nil {
		s.WidgetVersion = literalSetting(data, v.Expr)
		if s.WidgetVersion != nil {
			page.Widget = widgetVersion(s.WidgetVersion.Value, fmt.Sprintf("widget_version %q of %s in %s", s.WidgetVersion.Value, address, displayBase(name)))
		}
	}
	for _, b := range block.Body.Blocks {
		switch b.Type {
		case "widget_customizations":
			if g := b.Body.Attributes["widget_generation"]; g != nil {
				s.WidgetGeneration = literalSetting(data, g.Expr)
			}
		case "content_security_policy_setting":
			if m := b.Body.Attributes["mode"]; m != nil {
				s.CSPMode = literalSetting(data, m.Expr)
			}
			if l := b.Body.Attributes["src_list"]; l != nil {
				tuple, ok := l.Expr.(*hclsyntax.TupleConsExpr)
				if !ok {
					if _, isLit := l.Expr.(*hclsyntax.TemplateExpr); isLit {
						s.CSPSrcListBad = rawSetting(data, l.Expr)
					}
					break
				}
				for _, item := range tuple.Exprs {
					if v := literalSetting(data, item); v != nil {
						s.CSPSrcList = append(s.CSPSrcList, *v)
					}
				}
			}
		}
	}
	content := attrs["page_content"]
	if content == nil {
		return page, true, nil
	}
	switch expr := content.Expr.(type) {
	case *hclsyntax.TemplateExpr:
		m, err := mapTemplate(data, expr)
		if errors.Is(err, embedded.ErrInterpolation) {
			s.Dynamic = rawSetting(data, expr)
			return page, true, nil
		}
		if err != nil {
			return Page{}, false, fmt.Errorf("%s page_content: %v", address, err)
		}
		page.Map = m
		return page, true, nil
	case *hclsyntax.FunctionCallExpr:
		if (expr.Name == "file" || expr.Name == "templatefile") && len(expr.Args) > 0 {
			if p, ok := filePath(expr.Args[0]); ok {
				if !filepath.IsAbs(p) {
					p = filepath.Join(filepath.Dir(name), p)
				}
				page.File = p
				s.ContentElsewhere = true
				return page, true, nil
			}
		}
	}
	s.Dynamic = rawSetting(data, content.Expr)
	return page, true, nil
}

// rawSetting is an expression as written.
func rawSetting(data []byte, expr hclsyntax.Expression) *lint.Setting {
	r := expr.Range()
	return &lint.Setting{Value: string(data[r.Start.Byte:r.End.Byte]), Start: r.Start.Byte, End: r.End.Byte}
}

// literalSetting is a string literal's value and its bytes (with the
// quotes); nil for anything Terraform computes.
func literalSetting(data []byte, expr hclsyntax.Expression) *lint.Setting {
	v, diags := expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return nil
	}
	r := expr.Range()
	return &lint.Setting{Value: v.AsString(), Start: r.Start.Byte, End: r.End.Byte}
}

// filePath reads the path argument of file() or templatefile(): a literal,
// or "${path.module}/..." (the module's directory: the .tf file's).
func filePath(arg hclsyntax.Expression) (string, bool) {
	t, ok := arg.(*hclsyntax.TemplateExpr)
	if !ok {
		return "", false
	}
	var b strings.Builder
	for i, part := range t.Parts {
		switch p := part.(type) {
		case *hclsyntax.LiteralValueExpr:
			if p.Val.Type() != cty.String {
				return "", false
			}
			b.WriteString(p.Val.AsString())
		case *hclsyntax.ScopeTraversalExpr:
			if i != 0 || len(p.Traversal) != 2 || p.Traversal.RootName() != "path" {
				return "", false
			}
			attr, ok := p.Traversal[1].(hcl.TraverseAttr)
			if !ok || (attr.Name != "module" && attr.Name != "root") {
				return "", false
			}
			b.WriteString(".")
		default:
			return "", false
		}
	}
	return filepath.FromSlash(b.String()), b.Len() > 0
}

// mapTemplate maps a quoted string or heredoc, and checks the map's text
// against the value HCL itself gives (cty strings are NFC-normalized, as
// Terraform sends them).
func mapTemplate(data []byte, expr *hclsyntax.TemplateExpr) (*embedded.Map, error) {
	r := expr.Range()
	src := data[r.Start.Byte:r.End.Byte]
	var m *embedded.Map
	var err error
	switch {
	case bytes.HasPrefix(src, []byte(`"`)):
		m, err = embedded.NewHCLQuoted(data, r.Start.Byte+1, r.End.Byte-1)
	case bytes.HasPrefix(src, []byte("<<")):
		m, err = mapHeredoc(data, r.Start.Byte, r.End.Byte)
	default:
		return nil, errors.New("not a string literal")
	}
	if err != nil {
		return nil, err
	}
	if !expr.IsStringLiteral() && len(expr.Parts) > 0 {
		return nil, embedded.ErrInterpolation
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String {
		return nil, embedded.ErrInterpolation
	}
	if v.AsString() != norm.NFC.String(string(m.Text())) {
		return nil, errors.New("the string does not decode the way Terraform reads it; not linted")
	}
	return m, nil
}

// mapHeredoc finds the body of a heredoc written at data[start:end]:
// "<<EOT" or "<<-EOT", a line break, the body, and the closing word.
func mapHeredoc(data []byte, start, end int) (*embedded.Map, error) {
	src := data[start:end]
	nl := bytes.IndexByte(src, '\n')
	if nl < 0 {
		return nil, errors.New("heredoc without a line break")
	}
	header := strings.TrimRight(string(src[:nl]), "\r")
	flush := strings.HasPrefix(header, "<<-")
	marker := strings.TrimLeft(header, "<-")
	bodyStart := start + nl + 1
	// The closing word ends the expression, after optional indentation.
	closing := bytes.TrimRight(data[bodyStart:end], "\r\n")
	if !bytes.HasSuffix(closing, []byte(marker)) {
		return nil, errors.New("heredoc's closing word not found")
	}
	markerStart := bodyStart + len(closing) - len(marker)
	return embedded.NewHeredoc(data, bodyStart, markerStart, marker, flush)
}
