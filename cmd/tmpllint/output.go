package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rewrite"
)

// textOptions tune the text format.
type textOptions struct {
	// fixHint marks fixable diagnostics and counts them in the summary
	// (for check; after fix, what remains is not fixable with the same flags).
	fixHint bool
	// showFixes prints each fix as a diff under its diagnostic.
	showFixes bool
	// quiet leaves out the summary lines.
	quiet  bool
	colors palette
}

// writeText prints each diagnostic as `file:line:col: severity: message
// [ID name]`, the source line and a caret under the span, then a summary.
// Errors go to stderr. Every source line is printed behind a `NN | `
// gutter, so template text can never start a line with "::" and be taken
// for a GitHub workflow command.
func writeText(stdout, stderr io.Writer, results []fileResult, opts textOptions) error {
	w := bufio.NewWriter(stdout)
	counts := map[lint.Severity]int{}
	files, failed, safe, unsafe := 0, 0, 0, 0
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintf(stderr, "tmpllint: %s: %s\n", displayName(r.name), oneLine(r.err.Error()))
			failed++
			continue
		}
		files++
		for _, d := range r.diags {
			counts[d.Severity]++
			start, end := r.source.Position(d.Start), r.source.Position(d.End)
			c := opts.colors
			fmt.Fprintf(w, "%s: %s: %s %s\n", c.bold(fmt.Sprintf("%s:%d:%d", displayName(r.name), start.Line, start.Column)),
				c.severity(d.Severity, d.Severity.String()), oneLine(d.Message), c.dim("["+d.Rule.ID+" "+d.Rule.Name+"]"))
			writeSnippet(w, r.source, start, end, c, d.Severity)
			if !opts.fixHint || len(d.Fixes) == 0 {
				continue
			}
			fix := d.Fixes[0]
			kind := "fix"
			if fix.Safe {
				safe++
			} else {
				kind = "unsafe fix"
				unsafe++
			}
			fmt.Fprintf(w, "  = %s: %s\n", kind, oneLine(fix.Message))
			if opts.showFixes {
				writeFixDiff(w, r.source, fix)
			}
		}
	}
	total := counts[lint.Error] + counts[lint.Warning] + counts[lint.Info]
	if opts.quiet {
		return w.Flush()
	}
	switch {
	case total == 0 && files == 0 && failed > 0:
		// The errors above say it all; "no problems" would read as a pass.
	case total == 0 && files == 0:
		fmt.Fprintln(w, "No files linted.")
	case total == 0:
		fmt.Fprintf(w, "No problems found in %s.\n", plural(files, "file"))
	default:
		fmt.Fprintf(w, "Found %s (%s, %s, %d info) in %s.\n", plural(total, "problem"),
			plural(counts[lint.Error], "error"), plural(counts[lint.Warning], "warning"), counts[lint.Info], plural(files, "file"))
	}
	if safe > 0 {
		fmt.Fprintf(w, "%d fixable with `tmpllint fix`.\n", safe)
	}
	if unsafe > 0 {
		fmt.Fprintf(w, "%d more fixable with `tmpllint fix --unsafe` (review the result: each fix's message says what it changes).\n", unsafe)
	}
	return w.Flush()
}

// writeFixDiff prints what one fix would change, as an indented diff with
// one line of context.
func writeFixDiff(w io.Writer, src *lint.Source, fix lint.Fix) {
	fixed, err := rewrite.Apply(src.Content, fix.Edits)
	if err != nil {
		fmt.Fprintf(w, "    (fix not shown: %v)\n", err)
		return
	}
	diff := rewrite.Unified(src.Name, src.Name, src.Content, fixed, 1)
	lines := strings.Split(strings.TrimSuffix(diff, "\n"), "\n")
	for _, l := range lines[2:] { // the ---/+++ header names the file already shown
		fmt.Fprintf(w, "    %s\n", oneLine(strings.TrimSuffix(l, "\r")))
	}
}

// oneLine shows a message on one line: line breaks and other control
// characters become U+FFFD, as in snippets.
func oneLine(s string) string {
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

// displayName makes a file name safe to start an output line with: a name
// with a line break or another unprintable character is quoted, and one
// that starts with "::" (after white space) gets "./", so no file name can forge a GitHub
// workflow command.
func displayName(name string) string {
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

func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// snippetWidth is how many columns of a long (minified) line are shown
// around a finding.
const snippetWidth = 120

// writeSnippet prints the diagnostic's first line and a caret line whose
// prefix repeats the line's tabs, so the caret lines up in any terminal.
func writeSnippet(w io.Writer, src *lint.Source, start, end lint.Position, c palette, sev lint.Severity) {
	width := src.LineWidth(start.Line) // in code points
	from, to := start.Column-1, width
	if end.Line == start.Line {
		to = end.Column - 1
	}
	from, to = min(from, width), max(min(to, width), min(from, width))

	// Show a window of a long line: minified scripts are megabytes wide,
	// and only the window is decoded.
	lo, hi := 0, width
	if hi > snippetWidth {
		lo = max(0, from-snippetWidth/3)
		hi = min(width, lo+snippetWidth)
	}
	runes := []rune(string(src.LineSlice(start.Line, lo, hi))) // invalid bytes become U+FFFD, one column each
	gutter := fmt.Sprintf("%d", start.Line)
	var text, marks strings.Builder
	if lo > 0 {
		text.WriteString("…")
		marks.WriteString(" ")
	}
	for i := lo; i < hi; i++ {
		r := runes[i-lo]
		shown, width := printable(r)
		text.WriteString(shown)
		switch {
		case i < from:
			if r == '\t' {
				marks.WriteByte('\t')
			} else {
				marks.WriteString(strings.Repeat(" ", width))
			}
		case i == from:
			marks.WriteString("^" + strings.Repeat("~", max(0, width-1)))
		case i < to:
			marks.WriteString(strings.Repeat("~", width))
		}
	}
	if from >= hi { // the span starts at the end of the line
		marks.WriteByte('^')
	}
	if hi < width {
		text.WriteString("…")
	}
	pad := strings.Repeat(" ", len(gutter))
	// The caret line keeps its leading tabs and spaces unpainted so that
	// alignment does not depend on how a terminal treats escape codes.
	m := strings.TrimRight(marks.String(), " ")
	lead := len(m) - len(strings.TrimLeft(m, " \t"))
	// "##[" anywhere in a line is a legacy workflow command to the GitHub
	// runner; a zero-width space breaks it up without moving the caret.
	shown := strings.ReplaceAll(text.String(), "##[", "##\u200b[")
	fmt.Fprintf(w, " %s\t%s\n %s\t%s%s\n", c.dim(gutter+" |"), shown, c.dim(pad+" |"), m[:lead], c.severity(sev, m[lead:]))
}

// printable returns how to show a rune and how many columns it takes.
// Control characters would move the terminal's cursor or worse; they are
// shown as U+FFFD.
func printable(r rune) (string, int) {
	switch {
	case r == '\t':
		return "\t", 1
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return "\uFFFD", 1
	case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
		// Bidi controls would reorder the snippet on screen.
		return "\uFFFD", 1
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
		return string(r), 0
	case isWide(r):
		return string(r), 2
	}
	return string(r), 1
}

// isWide reports East Asian wide and fullwidth characters and emoji, which
// terminals draw two columns wide.
func isWide(r rune) bool {
	return r >= 0x1100 && r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf && r != 0x303f ||
		r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f ||
		r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6 || r >= 0x1f300 && r <= 0x1f64f ||
		r >= 0x1f900 && r <= 0x1f9ff || r >= 0x20000 && r <= 0x3fffd
}

type jsonDiagnostic struct {
	File      string `json:"file"`
	Rule      string `json:"rule"`
	Name      string `json:"name"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"endOffset"`
	Fixable   bool   `json:"fixable"`
}

type jsonError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

type jsonReport struct {
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Errors      []jsonError      `json:"errors"`
}

// writeJSON prints one JSON object. Columns count Unicode code points, as
// in the text format; endLine/endColumn are the position just past the span
// (exclusive), and offsets are byte offsets in the file.
func writeJSON(w io.Writer, results []fileResult) error {
	report := jsonReport{Diagnostics: []jsonDiagnostic{}, Errors: []jsonError{}}
	for _, r := range results {
		if r.err != nil {
			report.Errors = append(report.Errors, jsonError{File: r.name, Message: r.err.Error()})
			continue
		}
		for _, d := range r.diags {
			start, end := r.source.Position(d.Start), r.source.Position(d.End)
			report.Diagnostics = append(report.Diagnostics, jsonDiagnostic{
				File: r.name, Rule: d.Rule.ID, Name: d.Rule.Name, Severity: d.Severity.String(), Message: d.Message,
				Line: start.Line, Column: start.Column, EndLine: end.Line, EndColumn: end.Column,
				Offset: d.Start, EndOffset: d.End, Fixable: d.Fixable(false),
			})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(report)
}
