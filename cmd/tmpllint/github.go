package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tmpllint/tmpllint/lint"
)

// githubAnnotationCap is how many annotations of one severity GitHub
// Actions shows per step; it drops the rest.
const githubAnnotationCap = 10

// githubSummaryLimit is the most a step summary may hold; GitHub refuses a
// larger one whole.
const githubSummaryLimit = 1 << 20

// writeGitHub prints the findings for GitHub Actions: workflow commands that
// become annotations (errors first, then warnings, then notices, at most 10
// of each, as GitHub shows no more per step), then every finding as a plain
// `file:line:col: severity: message [ID name]` line so the log shows where
// it is (the runner swallows a command line whole). When GITHUB_STEP_SUMMARY
// names a file, a Markdown table of every finding is appended to it.
//
// No file name or template text can forge a workflow command: command
// values are escaped as the runner expects, and every other line starts
// with a file name made safe by displayName and never holds "##[",
// the legacy command prefix the runner looks for anywhere in a line.
func writeGitHub(stdout, stderr io.Writer, results []fileResult, getenv func(string) string) error {
	var readErrs []*fileResult
	var findings [lint.Error + 1][]githubFinding
	files := 0
	for i := range results {
		r := &results[i]
		if r.err != nil {
			readErrs = append(readErrs, r)
			continue
		}
		files++
		for j := range r.diags {
			d := &r.diags[j]
			sev := min(max(d.Severity, lint.Info), lint.Error)
			findings[sev] = append(findings[sev], githubFinding{r, d})
		}
	}
	for _, r := range readErrs {
		fmt.Fprintln(stderr, neutralizeLegacyCommands("tmpllint: "+displayName(r.name)+": "+oneLine(r.err.Error())))
	}

	summaryWritten := false
	if path := getenv("GITHUB_STEP_SUMMARY"); path != "" {
		if err := appendStepSummary(path, results, files); err != nil {
			fmt.Fprintln(stderr, neutralizeLegacyCommands("tmpllint: writing the step summary: "+oneLine(err.Error())))
		} else {
			summaryWritten = true
		}
	}

	w := bufio.NewWriter(stdout)
	workspace := getenv("GITHUB_WORKSPACE")

	// Read errors are errors too, and come first: a file that was not
	// linted matters more than any finding.
	errorCount := len(readErrs) + len(findings[lint.Error])
	shownErrors := min(errorCount, githubAnnotationCap)
	shownWarnings := min(len(findings[lint.Warning]), githubAnnotationCap)
	omitted := errorCount - shownErrors + len(findings[lint.Warning]) - shownWarnings
	// The note about omitted findings is a notice itself, so it takes the
	// last notice slot when anything is left out.
	noticeCap := githubAnnotationCap
	if omitted > 0 || len(findings[lint.Info]) > githubAnnotationCap {
		noticeCap--
	}
	shownNotices := min(len(findings[lint.Info]), noticeCap)
	omitted += len(findings[lint.Info]) - shownNotices

	shown := 0
	for _, r := range readErrs {
		if shown == shownErrors {
			break
		}
		fmt.Fprintln(w, workflowCommand("error", [][2]string{{"title", "tmpllint: file not linted"}},
			"cannot lint "+r.name+": "+r.err.Error()))
		shown++
	}
	for _, f := range findings[lint.Error][:shownErrors-shown] {
		fmt.Fprintln(w, f.command(workspace))
	}
	for _, f := range findings[lint.Warning][:shownWarnings] {
		fmt.Fprintln(w, f.command(workspace))
	}
	for _, f := range findings[lint.Info][:shownNotices] {
		fmt.Fprintln(w, f.command(workspace))
	}
	if omitted > 0 {
		where := "in this step's log"
		if summaryWritten {
			where = "in this step's log and in the job summary"
		}
		fmt.Fprintln(w, workflowCommand("notice", [][2]string{{"title", "tmpllint: more problems"}},
			fmt.Sprintf("%s not annotated: GitHub shows at most %d annotations of each severity per step. Every problem is listed %s.",
				pluralVerb(omitted, "more problem is", "more problems are"), githubAnnotationCap, where)))
	}

	// The plain lines, in file order, so the log shows every finding with
	// its file and line.
	for i := range results {
		r := &results[i]
		if r.err != nil {
			continue
		}
		for j := range r.diags {
			d := &r.diags[j]
			start := r.source.Position(d.Start)
			fmt.Fprintln(w, neutralizeLegacyCommands(fmt.Sprintf("%s:%d:%d: %s: %s [%s %s]",
				displayName(r.name), start.Line, start.Column, d.Severity, oneLine(d.Message), d.Rule.ID, d.Rule.Name)))
		}
	}
	return w.Flush()
}

type githubFinding struct {
	r *fileResult
	d *lint.Diagnostic
}

// command returns the finding's workflow command. GitHub's columns are
// 1-based and endColumn is the column of the last character (inclusive);
// both may be given only when the span is on one line.
func (f githubFinding) command(workspace string) string {
	src, d := f.r.source, f.d
	start := src.Position(d.Start)
	last := start // the last character of the span; the start if it is empty
	if d.End > d.Start {
		last = src.Position(d.End - 1)
	}
	props := [][2]string{
		{"file", githubFilePath(f.r.name, workspace)},
		{"line", strconv.Itoa(start.Line)},
		{"endLine", strconv.Itoa(max(last.Line, start.Line))},
	}
	if last.Line == start.Line {
		props = append(props,
			[2]string{"col", strconv.Itoa(start.Column)},
			[2]string{"endColumn", strconv.Itoa(max(last.Column, start.Column))})
	}
	props = append(props, [2]string{"title", d.Rule.ID + " " + d.Rule.Name})
	kind := "notice"
	switch d.Severity {
	case lint.Error:
		kind = "error"
	case lint.Warning:
		kind = "warning"
	}
	return workflowCommand(kind, props, d.Message)
}

// githubFilePath returns the path to put in an annotation: relative to the
// workspace (the repository checkout) when the file is inside it, else the
// path as given; with forward slashes either way.
func githubFilePath(name, workspace string) string {
	if workspace != "" {
		if abs, err := filepath.Abs(name); err == nil {
			if rel, err := filepath.Rel(workspace, abs); err == nil && filepath.IsLocal(rel) {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(name)
}

// workflowCommand formats `::cmd k=v,k=v::message` with the escaping of
// the Actions toolkit: the message escapes %, CR and LF; property values
// also escape : and , (a raw "::" would end the properties, a raw "," start
// a forged one).
func workflowCommand(cmd string, props [][2]string, message string) string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(cmd)
	for i, p := range props {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(p[0])
		b.WriteByte('=')
		b.WriteString(escapeProperty(p[1]))
	}
	b.WriteString("::")
	b.WriteString(escapeData(message))
	return b.String()
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a workflow command's message. A Replacer looks at
// each position once, so the % of an inserted %0A is never escaped again.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

// neutralizeLegacyCommands breaks up "##[", which the runner takes for a
// legacy workflow command anywhere in a line ("##[error]text").
func neutralizeLegacyCommands(line string) string {
	return strings.ReplaceAll(line, "##[", `##\[`)
}

func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// appendStepSummary appends a Markdown report of every finding to the
// step summary file, staying under GitHub's size limit: rows that do not
// fit are counted instead of shown.
func appendStepSummary(path string, results []fileResult, files int) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	budget := githubSummaryLimit - 4096 // room for the closing lines
	if info, err := f.Stat(); err == nil {
		budget -= int(info.Size())
	}
	var b strings.Builder
	counts := map[lint.Severity]int{}
	var readErrs []*fileResult
	for i := range results {
		if results[i].err != nil {
			readErrs = append(readErrs, &results[i])
		}
		for _, d := range results[i].diags {
			counts[d.Severity]++
		}
	}
	total := counts[lint.Error] + counts[lint.Warning] + counts[lint.Info]
	b.WriteString("### tmpllint\n\n")
	if total == 0 {
		fmt.Fprintf(&b, "No problems found in %s.\n", plural(files, "file"))
	} else {
		fmt.Fprintf(&b, "Found %s (%s, %s, %d info) in %s.\n\n", plural(total, "problem"),
			plural(counts[lint.Error], "error"), plural(counts[lint.Warning], "warning"), counts[lint.Info], plural(files, "file"))
		b.WriteString("| File | Line | Column | Severity | Rule | Message |\n| --- | ---: | ---: | --- | --- | --- |\n")
		left := total
		for _, r := range results {
			if r.err != nil {
				continue
			}
			for _, d := range r.diags {
				start := r.source.Position(d.Start)
				row := fmt.Sprintf("| %s | %d | %d | %s | %s %s | %s |\n", markdownCell(displayName(r.name)), start.Line, start.Column,
					d.Severity, d.Rule.ID, d.Rule.Name, markdownCell(d.Message))
				if b.Len()+len(row) > budget {
					break
				}
				b.WriteString(row)
				left--
			}
		}
		if left > 0 {
			fmt.Fprintf(&b, "\n%s not shown here (the summary would be too large); the step's log lists every one.\n",
				pluralVerb(left, "more problem is", "more problems are"))
		}
	}
	if len(readErrs) > 0 {
		b.WriteString("\n| Not linted | Why |\n| --- | --- |\n")
		for _, r := range readErrs {
			row := fmt.Sprintf("| %s | %s |\n", markdownCell(displayName(r.name)), markdownCell(r.err.Error()))
			if b.Len()+len(row) > budget {
				b.WriteString("\nMore files could not be linted; the step's log lists them.\n")
				break
			}
			b.WriteString(row)
		}
	}
	b.WriteString("\n")
	_, err = io.WriteString(f, b.String())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// markdownCell escapes text for a cell of a GitHub Markdown table: a "|"
// would end the cell, a line break the row, and Markdown or HTML syntax
// would be rendered instead of shown.
func markdownCell(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			b.WriteString("<br>")
		case strings.ContainsRune("\\`*_[]<>|~&#!", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			shown, _ := printable(r)
			if r == '\t' {
				shown = " "
			}
			b.WriteString(shown)
		}
	}
	return b.String()
}
