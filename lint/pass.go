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

// Memo returns the value compute produces for key on this file, computing
// it on first use. Rules use it to share a per-file analysis (the renderEl
// callbacks, the session aliases) instead of each redoing it. Rules of one
// file run one after another, so no lock is needed.
func (f *File) Memo(key any, compute func() any) any {
	if v, ok := f.memo[key]; ok {
		return v
	}
	if f.memo == nil {
		f.memo = map[any]any{}
	}
	v := compute()
	f.memo[key] = v
	return v
}

// Key names one per-file analysis whose result has type T. Declare one per
// analysis as a package variable: keys compare by identity, so two packages
// can never collide, and the type of the result is fixed by the key.
type Key[T any] struct{ name string }

// NewKey returns a key for an analysis; name is for debugging only.
func NewKey[T any](name string) *Key[T] { return &Key[T]{name: name} }

// Cached returns the analysis key stands for on f, computing it with
// compute on first use. It is Memo with the type checked here, once, instead
// of at every call site.
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
