package lint

import (
	"fmt"
	"strings"

	"github.com/tmpllint/tmpllint/rewrite"
)

// Severity says how bad a finding is. The zero value means "the rule's
// default" when a rule reports.
type Severity uint8

// Severities, from least to most severe.
const (
	Info Severity = iota + 1
	Warning
	Error
)

var severityNames = [...]string{"", "info", "warning", "error"}

func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", s)
}

// ParseSeverity reads "info", "warning" (or "warn") or "error".
func ParseSeverity(text string) (Severity, error) {
	switch strings.ToLower(text) {
	case "info", "note":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want info, warning or error)", text)
}

// Edit replaces the bytes [Start, End) of the original file with New. It is
// rewrite's type, so fixes are applied without conversion.
type Edit = rewrite.Edit

// Fix is one way to resolve a diagnostic: a set of edits applied together,
// like go/analysis's SuggestedFix.
type Fix struct {
	// Message says what the fix does, e.g. "pass OktaUtil.completeLogin".
	Message string
	// Safe fixes keep the template's behaviour on Identity Engine and are
	// applied by `tmpllint fix`; unsafe ones drop code the user wrote and
	// need --unsafe.
	Safe  bool
	Edits []Edit
}

// Diagnostic is one finding: a rule, a message and the bytes it is about.
type Diagnostic struct {
	Rule     *Rule
	Severity Severity
	Message  string
	// Start and End are byte offsets in the file; End > Start except for a
	// finding about a missing thing, which points between two bytes.
	Start, End int
	Fixes      []Fix
}

// Fixable reports whether the diagnostic has a fix; safeOnly restricts to
// safe fixes.
func (d *Diagnostic) Fixable(safeOnly bool) bool {
	for _, f := range d.Fixes {
		if f.Safe || !safeOnly {
			return true
		}
	}
	return false
}

// Fails reports whether any diagnostic is at least as severe as level: the
// exit code of check and of what fix leaves unfixed.
func Fails(diags []Diagnostic, level Severity) bool {
	for _, d := range diags {
		if d.Severity >= level {
			return true
		}
	}
	return false
}
