package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tmpllint/tmpllint/export"
	"github.com/tmpllint/tmpllint/lint"
)

// Exports: Okta Management API JSON (.json) and Terraform (.tf) files hold
// templates as strings; package export finds them and lint.LintEmbedded
// lints them at the positions of the file.

// isExportInput reports whether an input is read as an export: a .json or
// .tf file (for standard input, by --stdin-filename).
func isExportInput(path, stdinName string) bool {
	return export.IsCandidate(inputPath(path, stdinName))
}

// walkableExport reports whether a directory walk lints path as an export:
// JSON that holds a SignInPage, ErrorPage or PageRoot (package.json,
// tsconfig.json and other JSON are skipped without a word), or a Terraform
// file that names a sign-in page resource.
func walkableExport(path string) bool {
	if !export.IsCandidate(path) {
		return false
	}
	data, err := readFile(path)
	if err != nil {
		return false
	}
	if export.IsTerraform(path) {
		return bytes.Contains(data, []byte("okta_customized_signin_page")) || bytes.Contains(data, []byte("okta_preview_signin_page"))
	}
	if !bytes.Contains(data, []byte(`"pageContent"`)) {
		return false // a data file of another kind: not worth parsing
	}
	_, err = export.ReadJSON(path, data)
	return err == nil || json.Valid(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))) && !errors.Is(err, export.ErrNotExport)
}

// exportOptions are the lint options of an export, as lintOne makes them
// for a template.
func exportOptions(path string, opts checkOptions) lint.Options {
	lo := lintOptions(opts.noInlineConfig)
	lo.Widget = opts.widget
	if lo.Widget == nil && opts.packages != nil {
		lo.Widget = opts.packages.lookup(inputPath(path, opts.stdinFilename))
	}
	return lo
}

// lintExport lints the pages of an export.
func lintExport(name string, content []byte, active []*lint.Rule, lo lint.Options) fileResult {
	src := lint.NewSource(name, content)
	pages, err := export.Read(name, content)
	if err != nil {
		return fileResult{name: name, source: src, err: err}
	}
	diags, err := lint.LintEmbedded(src, export.Embedded(pages), active, lo)
	if err != nil {
		return fileResult{name: name, source: src, err: err}
	}
	return fileResult{name: name, source: src, diags: diags}
}

// fixExport fixes the templates of an export in place: only their bytes
// change, re-encoded for JSON or HCL, and the result must read back as an
// export of the same pages.
func fixExport(out fixOutcome, content []byte, active []*lint.Rule, unsafe bool, opts lint.Options) fixOutcome {
	name := out.name
	src := lint.NewSource(name, content)
	out.source = src
	before, err := export.Read(name, content)
	if err != nil {
		out.err = err
		return out
	}
	read := func(text []byte) ([]lint.Embedded, error) {
		pages, err := export.Read(name, text)
		return export.Embedded(pages), err
	}
	fixed, err := lint.FixEmbedded(src, read, active, unsafe, opts)
	if err != nil {
		out.err = err
		return out
	}
	if after, err := export.Read(name, fixed.Content); err != nil || len(after) != len(before) {
		out.err = fmt.Errorf("the fixed file would not read back as the same export (%v); not written", err)
		return out
	}
	out.fixed = fixed
	out.source = lint.NewSource(name, fixed.Content)
	out.diags = fixed.Remaining
	return out
}

// addTerraformTemplates adds to the inputs the template files that the
// Terraform inputs read with file() or templatefile(), and records the
// widget_version of their resource, with which they are linted unless
// --widget-version or a configuration says otherwise.
func (p *packageVersions) addTerraformTemplates(inputs []string) []string {
	have := map[string]bool{}
	for _, in := range inputs {
		if abs, err := filepath.Abs(in); err == nil {
			have[abs] = true
		}
	}
	for _, in := range inputs {
		if in == "-" || !export.IsTerraform(in) {
			continue
		}
		data, err := readFile(in)
		if err != nil {
			continue // reported when the input is linted
		}
		pages, err := export.ReadTerraform(in, data)
		if err != nil {
			continue
		}
		for _, page := range pages {
			if page.File == "" {
				continue
			}
			abs, err := filepath.Abs(page.File)
			if err != nil {
				continue
			}
			p.mu.Lock()
			if p.terraform == nil {
				p.terraform = map[string]*lint.WidgetVersion{}
			}
			if _, seen := p.terraform[abs]; !seen {
				p.terraform[abs] = page.Widget
			}
			p.mu.Unlock()
			if !have[abs] {
				have[abs] = true
				inputs = append(inputs, page.File)
			}
		}
	}
	return inputs
}

// terraformVersion returns the widget_version of the Terraform resource
// that reads the file at abs, and whether one does.
func (p *packageVersions) terraformVersion(abs string) (*lint.WidgetVersion, bool) {
	v, ok := p.terraform[abs]
	return v, ok
}

// exportKinds names the files whose settings the export rules check.
const exportKinds = "exports (.json, .tf)"

// exportFence is the Markdown fence language of an export example, or "".
func exportFence(name string) string {
	switch {
	case strings.HasSuffix(name, ".json"):
		return "json"
	case strings.HasSuffix(name, ".tf"):
		return "hcl"
	}
	return ""
}
