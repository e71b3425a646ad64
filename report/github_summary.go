package report

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tmpllint/tmpllint/lint"
)

// stepSummary is the Markdown report GitHub shows on the run's page: a
// heading, the count of problems, a table of every finding, and the files
// not linted. GitHub refuses a summary larger than 1 MiB whole, so rows
// that do not fit are counted instead of shown: within a file, the rows
// after the first that does not fit are left out too.
//
// The heading holds counts known only at the end, so the rows are kept
// until then; a row that cannot fit below the heading as it stands when
// the row comes is counted at once, which keeps at most the summary's
// size in memory. The heading only grows (by a few bytes, as its counts
// gain digits), so at the limit the rows shown are those a heading known
// in advance lets in, except that a later, shorter row may be left out
// where a row the final heading pushed out would have made room for it.
type stepSummary struct {
	path   string
	budget int // at the start; Finish measures the file again
	file   int // files linted so far; rows remember theirs

	rows    []summaryRow
	kept    int // bytes of rows
	cut     int // the file whose rows stopped fitting, or 0
	errRows []string
	errKept int // bytes of errRows
	counts  [lint.Error + 1]int
}

type summaryRow struct {
	file int
	text string
}

func newStepSummary(path string) *stepSummary {
	s := &stepSummary{path: path, budget: summaryBudget(0)}
	if info, err := os.Stat(path); err == nil {
		s.budget = summaryBudget(info.Size())
	}
	return s
}

// summaryBudget is what a summary may add to a file of size bytes, with
// room for the closing lines.
func summaryBudget(size int64) int { return githubSummaryLimit - 4096 - int(size) }

func (s *stepSummary) addRow(name string, d *Finding) {
	s.counts[min(max(d.Severity, lint.Info), lint.Error)]++
	if s.cut == s.file {
		return
	}
	row := fmt.Sprintf("| %s | %d | %d | %s | %s %s | %s |\n", markdownCell(DisplayName(name)), d.Start.Line, d.Start.Column,
		d.Severity, d.Rule.ID, d.Rule.Name, markdownCell(d.Message))
	if len(s.heading(s.file, s.counts))+s.kept+len(row) > s.budget {
		s.cut = s.file
		return
	}
	s.rows = append(s.rows, summaryRow{s.file, row})
	s.kept += len(row)
}

func (s *stepSummary) addError(name string, err error) {
	if s.errKept > s.budget {
		return // Finish stops at a row kept already
	}
	row := fmt.Sprintf("| %s | %s |\n", markdownCell(DisplayName(name)), markdownCell(err.Error()))
	s.errRows = append(s.errRows, row)
	s.errKept += len(row)
}

// heading is the summary up to its first row.
func (s *stepSummary) heading(files int, counts [lint.Error + 1]int) string {
	if counts[lint.Error]+counts[lint.Warning]+counts[lint.Info] == 0 {
		return "### tmpllint\n\n" + summarySentence(files, counts) + "\n"
	}
	return "### tmpllint\n\n" + summarySentence(files, counts) + "\n\n" +
		"| File | Line | Column | Severity | Rule | Message |\n| --- | ---: | ---: | --- | --- | --- |\n"
}

// write appends the summary to its file.
func (s *stepSummary) write(files int, counts [lint.Error + 1]int) error {
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	budget := summaryBudget(0)
	if info, err := f.Stat(); err == nil {
		budget = summaryBudget(info.Size())
	}
	var b strings.Builder
	b.WriteString(s.heading(files, counts))
	total := counts[lint.Error] + counts[lint.Warning] + counts[lint.Info]
	if total > 0 {
		left, cut := total, -1
		for _, r := range s.rows {
			if r.file == cut {
				continue
			}
			if b.Len()+len(r.text) > budget {
				cut = r.file
				continue
			}
			b.WriteString(r.text)
			left--
		}
		if left > 0 {
			fmt.Fprintf(&b, "\n%s not shown here (the summary would be too large); the step's log lists every one.\n",
				pluralVerb(left, "more problem is", "more problems are"))
		}
	}
	if len(s.errRows) > 0 {
		b.WriteString("\n| Not linted | Why |\n| --- | --- |\n")
		for _, row := range s.errRows {
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
