package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/tmpllint/tmpllint/internal/lazy"
	"github.com/tmpllint/tmpllint/lint"
)

// SARIF 2.1.0, as GitHub code scanning reads it.
const (
	sarifSchema     = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion    = "2.1.0"
	sarifToolURI    = "https://github.com/tmpllint/tmpllint"
	sarifSourceRoot = "%SRCROOT%"
	// sarifTextLimit is GitHub's limit on a rule's descriptions.
	sarifTextLimit = 1024
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	// Results are encoded as the files come (see SARIF).
	Results json.RawMessage `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifHelp          `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion is a text region; endColumn is exclusive (one past the last
// character), columns count Unicode code points as columnKind says.
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	Properties      map[string]any        `json:"properties,omitempty"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

// SARIF prints one SARIF log with one run: every rule, every finding
// with its fixes, and the files that could not be read as tool execution
// notifications.
//
// The log names the files not linted (in the run's invocation) before the
// results, so the results are kept until Finish, each encoded as compact
// JSON as its file comes: a record the size of its output.
type SARIF struct {
	w          io.Writer
	cwd        string
	driver     sarifDriver
	ruleIndex  map[string]int
	invocation sarifInvocation
	// results holds the results encoded as compact JSON, comma-separated;
	// ends says where each ends.
	results bytes.Buffer
	ends    []int
	n       int
	enc     *json.Encoder
	encoded bytes.Buffer // one result, on its way to results
}

// NewSARIF returns the SARIF formatter. rules are the rules the log
// describes (every rule, whether run or not); version is the module
// version, reported only when it is a semantic version; paths under cwd
// are given relative to %SRCROOT%.
func NewSARIF(w io.Writer, rules []*lint.Rule, version, cwd string) *SARIF {
	s := &SARIF{w: w, cwd: cwd, ruleIndex: map[string]int{}, invocation: sarifInvocation{ExecutionSuccessful: true}}
	s.driver = sarifDriver{Name: "tmpllint", InformationURI: sarifToolURI, Rules: make([]sarifRule, 0, len(rules))}
	if v, ok := semanticVersion(version); ok {
		s.driver.Version, s.driver.SemanticVersion = "v"+v, v
	}
	for i, r := range rules {
		s.ruleIndex[r.ID] = i
		s.driver.Rules = append(s.driver.Rules, sarifRuleOf(r))
	}
	s.enc = json.NewEncoder(&s.encoded)
	s.enc.SetEscapeHTML(false)
	return s
}

// Needs implements Formatter.
func (s *SARIF) Needs() Needs { return Needs{FixEdits: true, Fingerprints: true} }

// WriteFile implements Formatter.
func (s *SARIF) WriteFile(f *File) error {
	loc := sarifArtifact(f.Name, s.cwd)
	if f.Err != nil {
		s.invocation.ExecutionSuccessful = false
		s.invocation.ToolExecutionNotifications = append(s.invocation.ToolExecutionNotifications, sarifNotification{
			Level:     "error",
			Message:   sarifText{fmt.Sprintf("%s could not be linted: %v", f.Name, f.Err)},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc}}},
		})
		return nil
	}
	for i := range f.Findings {
		d := &f.Findings[i]
		res := sarifResult{
			RuleID:  d.Rule.ID,
			Level:   sarifLevel(d.Severity),
			Message: sarifText{d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: loc,
				Region:           ptr(sarifRegionOf(d.Start, d.End)),
			}}},
			PartialFingerprints: map[string]string{"primaryLocationLineHash": d.Fingerprint},
		}
		if i, ok := s.ruleIndex[d.Rule.ID]; ok {
			res.RuleIndex = ptr(i)
		}
		for _, fix := range d.Fixes {
			if len(fix.Edits) == 0 {
				continue
			}
			res.Fixes = append(res.Fixes, sarifFixOf(loc, fix))
		}
		s.encoded.Reset()
		if err := s.enc.Encode(res); err != nil {
			return err
		}
		if s.n > 0 {
			s.results.WriteByte(',')
		}
		s.results.Write(bytes.TrimSuffix(s.encoded.Bytes(), []byte("\n")))
		s.ends = append(s.ends, s.results.Len())
		s.n++
	}
	return nil
}

// Finish implements Formatter: it writes the log. The results are
// written one by one into the log encoded without them, each indented as
// encoding the whole log would indent it.
func (s *SARIF) Finish() error {
	run := sarifRun{
		Tool:        sarifTool{Driver: s.driver},
		Invocations: []sarifInvocation{s.invocation},
		ColumnKind:  "unicodeCodePoints",
		Results:     json.RawMessage("[]"),
	}
	var log bytes.Buffer
	enc := json.NewEncoder(&log)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}); err != nil {
		return err
	}
	// "results" is the last field of the one run.
	head := log.Bytes()
	cut := bytes.LastIndex(head, []byte(`"results": []`)) + len(`"results": `)
	w := bufio.NewWriter(s.w)
	w.Write(head[:cut])
	if s.n == 0 {
		w.WriteString("[]")
	} else {
		const depth = "        " // the results' elements are four levels deep
		w.WriteString("[\n" + depth)
		var indented bytes.Buffer
		results := s.results.Bytes()
		for i, end := range s.ends {
			start := 0
			if i > 0 {
				start = s.ends[i-1] + 1 // past the comma
				w.WriteString(",\n" + depth)
			}
			indented.Reset()
			if err := json.Indent(&indented, results[start:end], depth, "  "); err != nil {
				return err
			}
			w.Write(indented.Bytes())
		}
		w.WriteString("\n      ]")
	}
	w.Write(head[cut+len("[]"):])
	return w.Flush()
}

func ptr[T any](v T) *T { return &v }

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "note"
}

// semverPattern is semver.org's grammar, with an optional "v"; only SARIF
// output reads it.
var semverPattern = lazy.Regexp("report.semverPattern", `^v?((0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)`+
	`(-((0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?`+
	`(\+([0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*))?)$`)

// semanticVersion returns the semantic version (without "v") at the start
// of a moduleVersion string such as "v1.2.3" or "v1.2.3 0123456789ab"; a
// build from a checkout ("(devel)") has none.
func semanticVersion(moduleVersion string) (string, bool) {
	fields := strings.Fields(moduleVersion)
	if len(fields) == 0 {
		return "", false
	}
	m := semverPattern().FindStringSubmatch(fields[0])
	if m == nil {
		return "", false
	}
	return m[1], true
}

func sarifRuleOf(r *lint.Rule) sarifRule {
	paragraphs := docParagraphs(r.Doc.Why)
	full := r.Doc.Summary
	if len(paragraphs) > 0 {
		full = paragraphs[0]
	}
	return sarifRule{
		ID:                   r.ID,
		Name:                 r.Name,
		ShortDescription:     sarifText{truncateRunes(r.Doc.Summary, sarifTextLimit)},
		FullDescription:      sarifText{truncateRunes(full, sarifTextLimit)},
		Help:                 sarifHelp{Text: RuleText(r), Markdown: RuleMarkdown(r)},
		HelpURI:              ruleDocURI(r),
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
	}
}

// docParagraphs splits documentation text at blank lines and joins each
// paragraph's wrapped lines with spaces.
func docParagraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func truncateRunes(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)
	return string(r[:limit-1]) + "…"
}

// sarifArtifact locates a file: a path under the current directory is a URI
// relative to %SRCROOT% with forward slashes; any other path is an absolute
// file:// URI.
func sarifArtifact(name, cwd string) sarifArtifactLocation {
	abs, err := filepath.Abs(name)
	if err != nil || cwd == "" {
		return sarifArtifactLocation{URI: escapeURIPath(filepath.ToSlash(name)), URIBaseID: sarifSourceRoot}
	}
	if rel, err := filepath.Rel(cwd, abs); err == nil && filepath.IsLocal(rel) {
		return sarifArtifactLocation{URI: escapeURIPath(filepath.ToSlash(rel)), URIBaseID: sarifSourceRoot}
	}
	return sarifArtifactLocation{URI: fileURI(abs)}
}

// fileURI returns the file:// URI of an absolute path.
func fileURI(abs string) string {
	vol := filepath.VolumeName(abs)
	rest := filepath.ToSlash(abs[len(vol):])
	switch {
	case len(vol) == 2 && vol[1] == ':': // C:
		return "file:///" + vol + escapeURIPath(rest)
	case strings.HasPrefix(vol, `\\`): // \\server\share
		return "file:" + escapeURIPath(filepath.ToSlash(vol)) + escapeURIPath(rest)
	}
	return "file://" + escapeURIPath(rest)
}

// escapeURIPath percent-encodes a slash-separated path for a URI: every
// byte but the unreserved characters, "/" and a few safe delimiters. A
// ":" is encoded, so a relative path can never be read as a scheme.
func escapeURIPath(p string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~/!$&'()*+,;=@", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

func sarifRegionOf(start, end Position) sarifRegion {
	return sarifRegion{StartLine: start.Line, StartColumn: start.Column, EndLine: end.Line, EndColumn: end.Column}
}

func sarifFixOf(loc sarifArtifactLocation, fix Fix) sarifFix {
	change := sarifArtifactChange{ArtifactLocation: loc, Replacements: make([]sarifReplacement, 0, len(fix.Edits))}
	for _, e := range fix.Edits {
		change.Replacements = append(change.Replacements, sarifReplacement{
			DeletedRegion:   sarifRegionOf(e.Start, e.End),
			InsertedContent: sarifText{e.New},
		})
	}
	description := fix.Message
	if !fix.Safe {
		description = "Unsafe fix (review it: it drops code): " + description
	}
	return sarifFix{
		Description:     sarifText{description},
		ArtifactChanges: []sarifArtifactChange{change},
		Properties:      map[string]any{"safe": fix.Safe},
	}
}
