package report

import (
	"bufio"
	"encoding/json"
	"io"
)

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

// JSON prints one JSON object, {"diagnostics": [...], "errors": [...]},
// indented by two spaces. Columns count Unicode code points, as in the
// text format; endLine/endColumn are the position just past the span
// (exclusive), and offsets are byte offsets in the file.
//
// The diagnostics are written as their files come; the errors, which
// follow them in the object, are kept (a name and a message each) until
// Finish.
type JSON struct {
	w      *bufio.Writer
	n      int // diagnostics written
	errors []jsonError
}

// NewJSON returns the JSON formatter.
func NewJSON(w io.Writer) *JSON { return &JSON{w: bufio.NewWriter(w)} }

// Needs implements Formatter.
func (j *JSON) Needs() Needs { return Needs{} }

// WriteFile implements Formatter.
func (j *JSON) WriteFile(f *File) error {
	if f.Err != nil {
		j.errors = append(j.errors, jsonError{File: f.Name, Message: f.Err.Error()})
		return nil
	}
	for i := range f.Findings {
		d := &f.Findings[i]
		if err := j.item(j.n, "diagnostics", jsonDiagnostic{
			File: f.Name, Rule: d.Rule.ID, Name: d.Rule.Name, Severity: d.Severity.String(), Message: d.Message,
			Line: d.Start.Line, Column: d.Start.Column, EndLine: d.End.Line, EndColumn: d.End.Column,
			Offset: d.Start.Offset, EndOffset: d.End.Offset, Fixable: d.Fixable(),
		}); err != nil {
			return err
		}
		j.n++
	}
	return j.w.Flush()
}

// item writes the i-th element of an array of the top-level object, as
// json.Encoder with SetIndent("", "  ") writes the whole object: the
// object's opening and the array's before the first, a comma before any
// other.
func (j *JSON) item(i int, array string, v any) error {
	data, err := json.MarshalIndent(v, "    ", "  ")
	if err != nil {
		return err
	}
	switch {
	case i > 0:
		j.w.WriteString(",\n    ")
	case array == "diagnostics":
		j.w.WriteString("{\n  \"diagnostics\": [\n    ")
	default:
		j.w.WriteString("\n  \"errors\": [\n    ")
	}
	_, err = j.w.Write(data)
	return err
}

// Finish implements Formatter: it closes the diagnostics and writes the
// errors.
func (j *JSON) Finish() error {
	if j.n == 0 {
		j.w.WriteString("{\n  \"diagnostics\": [],")
	} else {
		j.w.WriteString("\n  ],")
	}
	if len(j.errors) == 0 {
		j.w.WriteString("\n  \"errors\": []\n}\n")
		return j.w.Flush()
	}
	for i, e := range j.errors {
		if err := j.item(i, "errors", e); err != nil {
			return err
		}
	}
	j.w.WriteString("\n  ]\n}\n")
	return j.w.Flush()
}
