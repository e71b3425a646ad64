package report

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tmpllint/tmpllint/lint"
)

// GitHubAnnotationCap is how many annotations of one severity GitHub
// Actions shows per step; it drops the rest.
const GitHubAnnotationCap = 10

// githubSummaryLimit is the most a step summary may hold; GitHub refuses a
// larger one whole.
const githubSummaryLimit = 1 << 20

// GitHub prints the findings for GitHub Actions: workflow commands that
// become annotations (errors first, then warnings, then notices, at most 10
// of each, as GitHub shows no more per step), then every finding as a plain
// `file:line:col: severity: message [ID name]` line so the log shows where
// it is (the runner swallows a command line whole). When a step summary
// file is given, a Markdown table of every finding is appended to it.
//
// The annotations come first and depend on the whole run, so the
// formatter keeps compact records until Finish: the first commands of each
// severity, the plain lines, and the summary's rows up to its size limit.
//
// No file name or template text can forge a workflow command: command
// values are escaped as the runner expects, and every other line starts
// with a file name made safe by DisplayName and never holds "##[", the
// legacy command prefix the runner looks for anywhere in a line.
type GitHub struct {
	stdout, stderr io.Writer
	workspace      string

	files int
	// readErrs are the first annotations of files not linted; nReadErrs
	// counts them all.
	readErrs  []string
	nReadErrs int
	// commands are the first annotations of each severity; counts count
	// every finding of it.
	commands [lint.Error + 1][]string
	counts   [lint.Error + 1]int
	plain    []string

	// summary keeps the step summary's rows while they can fit.
	summary *stepSummary
}

// NewGitHub returns the GitHub formatter. workspace is GITHUB_WORKSPACE
// (annotations name files relative to it); summaryPath is
// GITHUB_STEP_SUMMARY, or "" for no summary.
func NewGitHub(stdout, stderr io.Writer, workspace, summaryPath string) *GitHub {
	g := &GitHub{stdout: stdout, stderr: stderr, workspace: workspace}
	if summaryPath != "" {
		g.summary = newStepSummary(summaryPath)
	}
	return g
}

// Needs implements Formatter.
func (g *GitHub) Needs() Needs { return Needs{} }

// WriteFile implements Formatter.
func (g *GitHub) WriteFile(f *File) error {
	if f.Err != nil {
		fmt.Fprintln(g.stderr, neutralizeLegacyCommands("tmpllint: "+DisplayName(f.Name)+": "+OneLine(f.Err.Error())))
		if len(g.readErrs) < GitHubAnnotationCap {
			g.readErrs = append(g.readErrs, workflowCommand("error", [][2]string{{"title", "tmpllint: file not linted"}},
				"cannot lint "+f.Name+": "+f.Err.Error()))
		}
		g.nReadErrs++
		if g.summary != nil {
			g.summary.addError(f.Name, f.Err)
		}
		return nil
	}
	g.files++
	if g.summary != nil {
		g.summary.file++
	}
	for i := range f.Findings {
		d := &f.Findings[i]
		sev := min(max(d.Severity, lint.Info), lint.Error)
		if len(g.commands[sev]) < GitHubAnnotationCap {
			g.commands[sev] = append(g.commands[sev], g.command(f.Name, d))
		}
		g.counts[sev]++
		g.plain = append(g.plain, neutralizeLegacyCommands(fmt.Sprintf("%s:%d:%d: %s: %s [%s %s]",
			DisplayName(f.Name), d.Start.Line, d.Start.Column, d.Severity, OneLine(d.Message), d.Rule.ID, d.Rule.Name)))
		if g.summary != nil {
			g.summary.addRow(f.Name, d)
		}
	}
	return nil
}

// Finish implements Formatter: it writes the step summary, the
// annotations and the plain lines.
func (g *GitHub) Finish() error {
	summaryWritten := false
	if g.summary != nil {
		if err := g.summary.write(g.files, g.counts); err != nil {
			fmt.Fprintln(g.stderr, neutralizeLegacyCommands("tmpllint: writing the step summary: "+OneLine(err.Error())))
		} else {
			summaryWritten = true
		}
	}

	w := bufio.NewWriter(g.stdout)
	// Read errors are errors too, and come first: a file that was not
	// linted matters more than any finding.
	errorCount := g.nReadErrs + g.counts[lint.Error]
	shownErrors := min(errorCount, GitHubAnnotationCap)
	shownWarnings := min(g.counts[lint.Warning], GitHubAnnotationCap)
	omitted := errorCount - shownErrors + g.counts[lint.Warning] - shownWarnings
	// The note about omitted findings is a notice itself, so it takes the
	// last notice slot when anything is left out.
	noticeCap := GitHubAnnotationCap
	if omitted > 0 || g.counts[lint.Info] > GitHubAnnotationCap {
		noticeCap--
	}
	shownNotices := min(g.counts[lint.Info], noticeCap)
	omitted += g.counts[lint.Info] - shownNotices

	shown := min(len(g.readErrs), shownErrors)
	for _, c := range g.readErrs[:shown] {
		fmt.Fprintln(w, c)
	}
	for _, c := range g.commands[lint.Error][:shownErrors-shown] {
		fmt.Fprintln(w, c)
	}
	for _, c := range g.commands[lint.Warning][:shownWarnings] {
		fmt.Fprintln(w, c)
	}
	for _, c := range g.commands[lint.Info][:shownNotices] {
		fmt.Fprintln(w, c)
	}
	if omitted > 0 {
		where := "in this step's log"
		if summaryWritten {
			where = "in this step's log and in the job summary"
		}
		fmt.Fprintln(w, workflowCommand("notice", [][2]string{{"title", "tmpllint: more problems"}},
			fmt.Sprintf("%s not annotated: GitHub shows at most %d annotations of each severity per step. Every problem is listed %s.",
				pluralVerb(omitted, "more problem is", "more problems are"), GitHubAnnotationCap, where)))
	}
	// The plain lines, in file order, so the log shows every finding with
	// its file and line.
	for _, l := range g.plain {
		fmt.Fprintln(w, l)
	}
	return w.Flush()
}

// command returns a finding's workflow command. GitHub's columns are
// 1-based and endColumn is the column of the last character (inclusive);
// both may be given only when the span is on one line.
func (g *GitHub) command(name string, d *Finding) string {
	start, last := d.Start, d.Last
	props := [][2]string{
		{"file", githubFilePath(name, g.workspace)},
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
