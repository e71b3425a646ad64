package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/tmpllint/tmpllint/lint"
)

// TextOptions tune the text format.
type TextOptions struct {
	// FixHint marks fixable findings and counts them in the summary (for
	// check; after fix, what remains is not fixable with the same flags).
	FixHint bool
	// ShowFixes prints each fix as a diff under its finding.
	ShowFixes bool
	// Quiet leaves out the summary lines.
	Quiet bool
	// Color paints the output with ANSI codes.
	Color bool
}

// Text prints each finding as `file:line:col: severity: message [ID
// name]`, the source line and a caret under the span, and a summary at the
// end. Files that could not be linted are named on stderr. Every source
// line is printed behind a `NN | ` gutter, so template text can never
// start a line with "::" and be taken for a GitHub workflow command.
type Text struct {
	w                           *bufio.Writer
	stderr                      io.Writer
	opts                        TextOptions
	c                           palette
	counts                      [lint.Error + 1]int
	files, failed, safe, unsafe int
}

// NewText returns the text formatter.
func NewText(stdout, stderr io.Writer, opts TextOptions) *Text {
	return &Text{w: bufio.NewWriter(stdout), stderr: stderr, opts: opts, c: palette{opts.Color}}
}

// Needs implements Formatter.
func (t *Text) Needs() Needs {
	return Needs{Snippets: true, FixDiffs: t.opts.FixHint && t.opts.ShowFixes}
}

// WriteFile implements Formatter.
func (t *Text) WriteFile(f *File) error {
	if f.Err != nil {
		fmt.Fprintf(t.stderr, "tmpllint: %s: %s\n", DisplayName(f.Name), OneLine(f.Err.Error()))
		t.failed++
		return nil
	}
	t.files++
	c := t.c
	for i := range f.Findings {
		d := &f.Findings[i]
		t.counts[min(d.Severity, lint.Error)]++
		fmt.Fprintf(t.w, "%s: %s: %s %s\n", c.bold(fmt.Sprintf("%s:%d:%d", DisplayName(f.Name), d.Start.Line, d.Start.Column)),
			c.severity(d.Severity, d.Severity.String()), OneLine(d.Message), c.dim("["+d.Rule.ID+" "+d.Rule.Name+"]"))
		t.writeSnippet(d)
		if !t.opts.FixHint || len(d.Fixes) == 0 {
			continue
		}
		fix := &d.Fixes[0]
		kind := "fix"
		if fix.Safe {
			t.safe++
		} else {
			kind = "unsafe fix"
			t.unsafe++
		}
		fmt.Fprintf(t.w, "  = %s: %s\n", kind, OneLine(fix.Message))
		if t.opts.ShowFixes {
			for _, l := range fix.Diff {
				fmt.Fprintf(t.w, "    %s\n", l)
			}
		}
	}
	return t.w.Flush()
}

// writeSnippet prints the finding's snippet behind the gutter.
func (t *Text) writeSnippet(d *Finding) {
	c, s := t.c, &d.Snippet
	gutter := strconv.Itoa(s.Line)
	pad := strings.Repeat(" ", len(gutter))
	// The caret line keeps its leading tabs and spaces unpainted so that
	// alignment does not depend on how a terminal treats escape codes.
	m := s.Marks
	lead := len(m) - len(strings.TrimLeft(m, " \t"))
	// "##[" anywhere in a line is a legacy workflow command to the GitHub
	// runner; a zero-width space breaks it up without moving the caret.
	shown := strings.ReplaceAll(s.Text, "##[", "##\u200b[")
	fmt.Fprintf(t.w, " %s\t%s\n %s\t%s%s\n", c.dim(gutter+" |"), shown, c.dim(pad+" |"), m[:lead], c.severity(d.Severity, m[lead:]))
}

// Finish implements Formatter: it prints the summary.
func (t *Text) Finish() error {
	if t.opts.Quiet {
		return t.w.Flush()
	}
	w, counts := t.w, t.counts
	total := counts[lint.Error] + counts[lint.Warning] + counts[lint.Info]
	switch {
	case total == 0 && t.files == 0 && t.failed > 0:
		// The errors above say it all; "no problems" would read as a pass.
	case total == 0 && t.files == 0:
		fmt.Fprintln(w, "No files linted.")
	default:
		fmt.Fprintln(w, summarySentence(t.files, counts))
	}
	if t.safe > 0 {
		fmt.Fprintf(w, "%d fixable with `tmpllint fix`.\n", t.safe)
	}
	if t.unsafe > 0 {
		fmt.Fprintf(w, "%d more fixable with `tmpllint fix --unsafe` (review the result: each fix's message says what it changes).\n", t.unsafe)
	}
	return w.Flush()
}

// OneLine shows a message on one line: line breaks and other control
// characters become U+FFFD, as in snippets.
func OneLine(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { shown, _ := printable(r); return shown == "\uFFFD" }) {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		shown, _ := printable(r)
		b.WriteString(shown)
	}
	return b.String()
}

// DisplayName makes a file name safe to start an output line with: a name
// with a line break or another unprintable character is quoted, and one
// that starts with "::" (after white space) gets "./", so no file name can
// forge a GitHub workflow command.
func DisplayName(name string) string {
	for _, r := range name {
		if !unicode.IsPrint(r) && r != ' ' {
			return strconv.Quote(name)
		}
	}
	// The runner trims leading white space before it looks for "::".
	if strings.HasPrefix(strings.TrimLeftFunc(name, unicode.IsSpace), "::") {
		return "./" + name
	}
	return name
}

// Plural says "1 file", "2 files".
func Plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// summarySentence is the run's last word, in the text output and GitHub's
// step summary: "No problems found in 3 files." or "Found 2 problems (1
// error, 1 warning, 0 info) in 3 files."
func summarySentence(files int, counts [lint.Error + 1]int) string {
	total := counts[lint.Error] + counts[lint.Warning] + counts[lint.Info]
	if total == 0 {
		return fmt.Sprintf("No problems found in %s.", Plural(files, "file"))
	}
	return fmt.Sprintf("Found %s (%s, %s, %d info) in %s.", Plural(total, "problem"),
		Plural(counts[lint.Error], "error"), Plural(counts[lint.Warning], "warning"), counts[lint.Info], Plural(files, "file"))
}
