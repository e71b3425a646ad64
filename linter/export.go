package linter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

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
	data, err := ReadFile(path)
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

// lintExport lints the pages of an export.
func lintExport(src *lint.Source, active []*lint.Rule, lo lint.Options) ([]lint.Diagnostic, error) {
	pages, err := export.Read(src.Name, src.Content)
	if err != nil {
		return nil, err
	}
	return lint.LintEmbedded(src, export.Embedded(pages), active, lo)
}

// fixExport fixes the templates of an export in place: only their bytes
// change, re-encoded for JSON or HCL, and the result must read back as an
// export of the same pages.
func fixExport(name string, content []byte, active []*lint.Rule, unsafe bool, opts lint.Options) (*lint.FixResult, error) {
	src := lint.NewSource(name, content)
	before, err := export.Read(name, content)
	if err != nil {
		return nil, err
	}
	read := func(text []byte) ([]lint.Embedded, error) {
		pages, err := export.Read(name, text)
		return export.Embedded(pages), err
	}
	fixed, err := lint.FixEmbedded(src, read, active, unsafe, opts)
	if err != nil {
		return nil, err
	}
	if after, err := export.Read(name, fixed.Content); err != nil || len(after) != len(before) {
		return nil, fmt.Errorf("the fixed file would not read back as the same export (%v); not written", err)
	}
	return fixed, nil
}
