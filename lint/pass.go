package lint

import (
	"fmt"

	"github.com/tmpllint/tmpllint/jsscan"
)

// File is a source file as rules see it: the bytes, and what jsscan read.
type File struct {
	*Source
	Doc *jsscan.Document
	// Page is the kind of Okta page the file that holds the template says
	// it is (an export); PageUnknown for a template file.
	Page PageKind
	// Project is the run's view of the repository (Options.Project),
	// for the analyses cached on the file that follow its imports; nil
	// without one.
	Project Project

	memo map[any]any
}

// Pass is one rule's run over one file.
type Pass struct {
	Rule *Rule
	File *File
	// Options are the run's options; rules read the widget version there.
	Options Options

	// diags collects the file's diagnostics, those of every rule.
	diags *[]Diagnostic
}

// Report records a diagnostic. A zero Severity means the rule's default.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.Rule
	if d.Severity == 0 {
		d.Severity = p.Rule.Severity
	}
	p.report(d)
}

// report records a diagnostic of the rule; one whose span or fix is out of
// place becomes an internal error (see badSpans).
func (p *Pass) report(d Diagnostic) {
	if problem := badSpans(p.File.Content, d); problem != "" {
		d = internalError(p.Rule, problem)
	}
	*p.diags = append(*p.diags, d)
}

// Reportf reports a diagnostic at the default severity over [start, end).
func (p *Pass) Reportf(start, end int, format string, args ...any) {
	p.Report(Diagnostic{Start: start, End: end, Message: fmt.Sprintf(format, args...)})
}

// Key names one per-file analysis whose result has type T. Declare one per
// analysis as a package variable: keys compare by identity, so two packages
// can never collide, and the type of the result is fixed by the key.
type Key[T any] struct{ name string }

// NewKey returns a key for an analysis; name is for debugging only.
func NewKey[T any](name string) *Key[T] { return &Key[T]{name: name} }

// Cached returns the analysis key stands for on f, computing it with
// compute on first use, so rules share a per-file analysis (the JavaScript
// model, the page's kind) instead of each redoing it. The result's type is
// fixed by the key: no call site asserts a type. Rules of one file run one
// after another, so no lock is needed.
func Cached[T any](f *File, key *Key[T], compute func(*File) T) T {
	if v, ok := f.memo[key]; ok {
		return v.(T)
	}
	if f.memo == nil {
		f.memo = map[any]any{}
	}
	v := compute(f)
	f.memo[key] = v
	return v
}
