package lint

import (
	"fmt"

	"github.com/tmpllint/tmpllint/jsscan"
)

// File is a source file as rules see it: the bytes, and what jsscan read.
type File struct {
	*Source
	Doc *jsscan.Document
}

// Pass is one rule's run over one file.
type Pass struct {
	Rule *Rule
	File *File

	report func(Diagnostic)
}

// Report records a diagnostic. A zero Severity means the rule's default.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.Rule
	if d.Severity == 0 {
		d.Severity = p.Rule.Severity
	}
	p.report(d)
}

// Reportf reports a diagnostic at the default severity over [start, end).
func (p *Pass) Reportf(start, end int, format string, args ...any) {
	p.Report(Diagnostic{Start: start, End: end, Message: fmt.Sprintf(format, args...)})
}
