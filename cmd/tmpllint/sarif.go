package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rewrite"
	"github.com/tmpllint/tmpllint/rules"
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
	Results     []sarifResult     `json:"results"`
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

// writeSARIF prints one SARIF log with one run: every rule, every finding
// with its fixes, and the files that could not be read as tool execution
// notifications. version is the module version; it is reported only when
// it is a semantic version.
func writeSARIF(w io.Writer, results []fileResult, version string) error {
	cwd, _ := os.Getwd()
	all := rules.All()
	ruleIndex := map[string]int{}
	driver := sarifDriver{Name: "tmpllint", InformationURI: sarifToolURI, Rules: make([]sarifRule, 0, len(all))}
	if v, ok := semanticVersion(version); ok {
		driver.Version, driver.SemanticVersion = "v"+v, v
	}
	for i, r := range all {
		ruleIndex[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(r))
	}
	invocation := sarifInvocation{ExecutionSuccessful: true}
	run := sarifRun{
		Tool:       sarifTool{Driver: driver},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	for _, r := range results {
		loc := sarifArtifact(r.name, cwd)
		if r.err != nil {
			invocation.ExecutionSuccessful = false
			invocation.ToolExecutionNotifications = append(invocation.ToolExecutionNotifications, sarifNotification{
				Level:     "error",
				Message:   sarifText{fmt.Sprintf("%s could not be linted: %v", r.name, r.err)},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc}}},
			})
			continue
		}
		occurrences := &lineHashes{}
		for _, d := range r.diags {
			res := sarifResult{
				RuleID:  d.Rule.ID,
				Level:   sarifLevel(d.Severity),
				Message: sarifText{d.Message},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: loc,
					Region:           ptr(sarifRegionOf(r.source, d.Start, d.End)),
				}}},
				PartialFingerprints: map[string]string{"primaryLocationLineHash": lineHash(r.source, d, occurrences)},
			}
			if i, ok := ruleIndex[d.Rule.ID]; ok {
				res.RuleIndex = ptr(i)
			}
			for _, fix := range d.Fixes {
				if len(fix.Edits) == 0 {
					continue
				}
				res.Fixes = append(res.Fixes, sarifFixOf(r.source, loc, fix))
			}
			run.Results = append(run.Results, res)
		}
	}
	run.Invocations = []sarifInvocation{invocation}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
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

// semverPattern is semver.org's grammar, with an optional "v".
var semverPattern = regexp.MustCompile(`^v?((0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(-((0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(\+([0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*))?)$`)

// semanticVersion returns the semantic version (without "v") at the start
// of a moduleVersion string such as "v1.2.3" or "v1.2.3 0123456789ab"; a
// build from a checkout ("(devel)") has none.
func semanticVersion(moduleVersion string) (string, bool) {
	fields := strings.Fields(moduleVersion)
	if len(fields) == 0 {
		return "", false
	}
	m := semverPattern.FindStringSubmatch(fields[0])
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
		Help:                 sarifHelp{Text: explainText(r), Markdown: helpMarkdown(r)},
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

// ruleDocURI is where a rule's documentation page is published: the file
// docs/rules/ID.md, which rule_docs_test.go keeps equal to helpMarkdown.
func ruleDocURI(r *lint.Rule) string {
	return sarifToolURI + "/blob/main/docs/rules/" + r.ID + ".md"
}

// helpMarkdown renders a rule's documentation as Markdown: the summary,
// why, what it reports, and the examples in fenced code blocks.
func helpMarkdown(r *lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s %s** (default severity: %s)\n\n%s\n", r.ID, r.Name, r.Severity, markdownProse(r.Doc.Summary))
	fmt.Fprintf(&b, "\nChecks: %s. Fix: %s.\n", ruleLangs(r), fixability(r))
	section := func(title, text string) {
		fmt.Fprintf(&b, "\n## %s\n", title)
		for _, p := range docParagraphs(text) {
			fmt.Fprintf(&b, "\n%s\n", markdownProse(p))
		}
	}
	section("Why", r.Doc.Why)
	section("What it reports", r.Doc.Detect)
	code := func(lang, text string) {
		fence := "```"
		for strings.Contains(text, fence) {
			fence += "`"
		}
		fmt.Fprintf(&b, "\n%s%s\n%s\n%s\n", fence, lang, strings.Trim(text, "\n"), fence)
	}
	example := func(title string, ex lint.Example) {
		fmt.Fprintf(&b, "\n## %s\n\n`%s`%s\n", title, ex.Name(), exampleVersion(ex))
		lang := markdownLang(ex.Lang())
		if l := exportFence(ex.Name()); l != "" {
			lang = l
		}
		code(lang, ex.Code)
		if ex.Fixed != "" {
			fmt.Fprintf(&b, "\nAfter `tmpllint fix`:\n")
			code(lang, ex.Fixed)
		}
	}
	for i, ex := range r.Doc.Bad {
		example(fmt.Sprintf("Bad example %d", i+1), ex)
	}
	for i, ex := range r.Doc.Good {
		example(fmt.Sprintf("Good example %d", i+1), ex)
	}
	return b.String()
}

// markdownLang is the fence language that highlights a file kind.
func markdownLang(l jsscan.Lang) string {
	switch l {
	case jsscan.LangJS:
		return "js"
	case jsscan.LangJSX:
		return "jsx"
	case jsscan.LangTS:
		return "ts"
	case jsscan.LangTSX:
		return "tsx"
	case jsscan.LangVue:
		return "vue"
	case jsscan.LangEJS:
		return "ejs"
	}
	return "html"
}

var orderedListStart = regexp.MustCompile(`^\d+[.)]`)

// markdownProse escapes one paragraph of plain text for Markdown, so that
// code such as {{{OktaUtil}}}, <script> or a_b*c is shown as written.
func markdownProse(s string) string {
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune("\\`*_[]<>&|~", r) || i == 0 && strings.ContainsRune("#+-=>", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	// "1. " at the start would begin an ordered list.
	if m := orderedListStart.FindStringIndex(b.String()); m != nil {
		out := b.String()
		return out[:m[1]-1] + `\` + out[m[1]-1:]
	}
	return b.String()
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

func sarifRegionOf(src *lint.Source, start, end int) sarifRegion {
	s, e := src.Position(start), src.Position(end)
	return sarifRegion{StartLine: s.Line, StartColumn: s.Column, EndLine: e.Line, EndColumn: e.Column}
}

// lineHash is the primaryLocationLineHash of a finding: a hash of the rule
// and the trimmed text of the line the finding starts on, and which
// occurrence of that pair in the file this is. Adding or removing lines
// elsewhere leaves it unchanged, so code scanning keeps tracking the alert.
func lineHash(src *lint.Source, d lint.Diagnostic, occurrences *lineHashes) string {
	at := lineRule{src.Line(d.Start), d.Rule.ID}
	key, ok := occurrences.keys[at]
	if !ok {
		line := strings.TrimSpace(string(src.LineText(at.line)))
		sum := sha256.Sum256([]byte(d.Rule.ID + "\x00" + line))
		key = hex.EncodeToString(sum[:8])
		if occurrences.keys == nil {
			occurrences.keys, occurrences.count = map[lineRule]string{}, map[string]int{}
		}
		occurrences.keys[at] = key
	}
	occurrences.count[key]++
	return fmt.Sprintf("%s:%d", key, occurrences.count[key])
}

// lineHashes counts, in one file, the findings of each rule and line text,
// and keeps each line's hash: a minified page has thousands of findings on
// one line of a megabyte, which is hashed once.
type lineHashes struct {
	keys  map[lineRule]string
	count map[string]int
}

type lineRule struct {
	line int
	rule string
}

func sarifFixOf(src *lint.Source, loc sarifArtifactLocation, fix lint.Fix) sarifFix {
	edits := slices.Clone(fix.Edits)
	rewrite.SortEdits(edits)
	edits = slices.Compact(edits) // identical edits coalesce, as in Apply
	change := sarifArtifactChange{ArtifactLocation: loc, Replacements: make([]sarifReplacement, 0, len(edits))}
	for _, e := range edits {
		change.Replacements = append(change.Replacements, sarifReplacement{
			DeletedRegion:   sarifRegionOf(src, e.Start, e.End),
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
