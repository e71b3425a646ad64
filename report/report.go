// Package report holds a run's results once their positions are resolved,
// and the formatters that write them: text (with the source line and a
// caret), JSON, GitHub Actions workflow commands, and SARIF.
//
// A File is what is left of a linted file once its diagnostics are
// resolved (Resolve): lines and columns, the snippet line, the fingerprint
// of the finding's line and the regions of its fixes. It holds no file
// content, so a run streams: each File goes to the Formatter as soon as it
// and every file before it are done, and is dropped after that. Formatters
// only read what Resolve computed; formats that need the whole run
// (GitHub's annotation budget and step summary, SARIF's notifications,
// which come before its results) keep compact records of their own.
package report

import (
	"github.com/tmpllint/tmpllint/lint"
)

// Position is a resolved location: a byte offset and its 1-based line and
// column. Columns count Unicode code points from the start of the line (a
// tab is one column, an invalid byte is one); on the first line a byte
// order mark is not counted. See lint.Source.Position, which gives the same
// answer for one offset at a time.
type Position struct {
	Offset, Line, Column int
}

// File is one input's outcome: its findings, or why it could not be linted.
type File struct {
	// Name is the path as the user gave it, or the name given to standard input.
	Name string
	// Err is set when the file could not be linted (or, after fix, written).
	Err      error
	Findings []Finding
}

// Finding is a diagnostic with its positions resolved.
type Finding struct {
	Rule     *lint.Rule
	Severity lint.Severity
	Message  string
	// Start and End delimit the span; End is just past it.
	Start, End Position
	// Last is the position of the span's last character (Start when the
	// span is empty), as GitHub wants an inclusive end.
	Last Position
	// Fixes keep each fix's message and kind; their edits and diff are
	// resolved when a formatter needs them (Needs).
	Fixes []Fix
	// Snippet is the source line under the finding (Needs.Snippets).
	Snippet Snippet
	// LineHash is a hash of the rule and the trimmed text of the finding's
	// first line (Needs.Fingerprints); Fingerprint is LineHash with the
	// occurrence of that pair in the file, set by NumberFingerprints.
	LineHash, Fingerprint string
}

// Fixable reports whether the finding has a fix of any kind.
func (f *Finding) Fixable() bool { return len(f.Fixes) > 0 }

// Fix is one of a finding's fixes.
type Fix struct {
	Message string
	Safe    bool
	// Edits are the fix's edits, sorted and with identical ones merged, at
	// resolved positions (Needs.FixEdits); nil when the fix has none.
	Edits []Edit
	// Diff is what the fix changes, as lines of a unified diff with one
	// line of context and without the file header, each shown on one line
	// (Needs.FixDiffs; the first fix only).
	Diff []string
}

// Edit replaces the bytes from Start to End with New.
type Edit struct {
	Start, End Position
	New        string
}

// Snippet is the finding's first line as the text format shows it: a
// window of at most SnippetWidth columns around the span, control
// characters replaced, and a line of marks under the span.
type Snippet struct {
	Line int
	// Text is the line as shown; Marks the caret line, its trailing spaces
	// trimmed (tabs repeat the line's tabs, so the caret lines up).
	Text, Marks string
}

// Needs says what a formatter reads beyond positions and messages, so that
// Resolve computes nothing that no format uses.
type Needs struct {
	Snippets     bool // Finding.Snippet
	FixEdits     bool // Fix.Edits
	FixDiffs     bool // Fix.Diff of the first fix
	Fingerprints bool // Finding.LineHash and Fingerprint
}

// Merge returns what either n or o needs.
func (n Needs) Merge(o Needs) Needs {
	return Needs{n.Snippets || o.Snippets, n.FixEdits || o.FixEdits, n.FixDiffs || o.FixDiffs, n.Fingerprints || o.Fingerprints}
}

// Formatter writes a run's results. WriteFile is called once per input, in
// input order, as soon as that input and those before it are done; Finish
// once at the end. A formatter does not keep a File, which would hold every
// finding to the end: it writes it, or keeps a compact record of what the
// end needs.
type Formatter interface {
	Needs() Needs
	WriteFile(f *File) error
	Finish() error
}
