package lint

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/tmpllint/tmpllint/jsscan"
)

// Parse reads a source as the kind of file its name says (page.html,
// widget.ts, Login.vue, ...); a name tmpllint does not know is read as an
// HTML template. The error is set only when the file cannot be linted at
// all (binary content).
func Parse(src *Source) (*File, error) {
	lang, ok := jsscan.LangOf(src.Name)
	if !ok {
		lang = jsscan.LangHTML
	}
	doc, err := jsscan.Scan(src.Content, lang)
	if err != nil {
		return nil, err
	}
	return &File{Source: src, Doc: doc}, nil
}

// Options change how RunWith treats a file.
type Options struct {
	// Known lists every rule a suppression comment may name, including rules
	// that are not run (switched off with --ignore): naming them is not an
	// error. The rules being run are always known.
	Known []*Rule
	// NoInlineConfig ignores suppression comments: nothing is suppressed
	// and no comment is reported (--no-inline-config).
	NoInlineConfig bool
	// Widget is the Sign-In Widget version known from outside the file
	// (--widget-version, a package.json), or nil.
	Widget *WidgetVersion
	// Page holds an export's settings of the page being linted; nil for a
	// template file.
	Page *PageSettings
	// Project is the run's view of the other files of the repository
	// (imports, and where a configuration module is used), or nil.
	Project Project
}

// Run applies rules to a parsed file and returns the diagnostics sorted by
// offset, then rule ID, then end, so output is the same on every run.
//
// A rule that panics does not take the others down: its panic becomes an
// error diagnostic that names the rule, so the user sees the file was not
// fully checked and can report the bug.
//
// A rule none of whose Triggers occurs in the file is not run (see
// precheck.go); it could not have reported anything.
//
// Suppression comments in the file apply (see suppress.go); Run is RunWith
// with default options.
func Run(f *File, rules []*Rule) []Diagnostic {
	return RunWith(f, rules, Options{})
}

// RunWith is Run with options: the rules suppression comments may name
// besides those run, or no suppression comments at all.
func RunWith(f *File, rules []*Rule, opts Options) []Diagnostic {
	if f.Project == nil {
		f.Project = opts.Project
	}
	var diags []Diagnostic
	triggers := newTriggerSearch(f, opts, rules)
	// One allocation for the passes of all rules, not one per rule.
	passes := make([]Pass, len(rules))
	for i, r := range rules {
		if !r.AppliesTo(f.Doc.Lang) || !triggers.mayFire(r) {
			continue
		}
		passes[i] = Pass{Rule: r, File: f, Options: opts, diags: &diags}
		runRule(&passes[i])
	}
	dropFixesInBrokenScripts(f, diags)
	if !opts.NoInlineConfig {
		diags = applyDirectives(f, rules, opts.Known, diags)
	}
	SortDiagnostics(diags)
	return diags
}

// badSpans says what is wrong with a diagnostic's span or its fixes'
// edits, or returns "". Every offset must lie inside the file and on the
// first byte of a character (or at the end): anything else is a rule's
// position bug, which is reported rather than clamped into a plausible
// place and hidden.
func badSpans(content []byte, d Diagnostic) string {
	check := func(what string, start, end int) string {
		switch {
		case start < 0 || end < start || end > len(content):
			return fmt.Sprintf("%s [%d, %d), outside the file's %d bytes", what, start, end, len(content))
		case !CharBoundary(content, start) || !CharBoundary(content, end):
			return fmt.Sprintf("%s [%d, %d), which cuts a character in two", what, start, end)
		}
		return ""
	}
	if p := check("the span", d.Start, d.End); p != "" {
		return p
	}
	for _, fix := range d.Fixes {
		for _, e := range fix.Edits {
			if p := check("a fix editing", e.Start, e.End); p != "" {
				return p
			}
		}
	}
	return ""
}

// CharBoundary reports whether offset i of content lies between two
// characters (or at either end), reading content as Position does: a valid
// UTF-8 sequence is one character, and so is each byte of an invalid one.
// A lone continuation byte is a character of its own; the second byte of
// "é" is not.
func CharBoundary(content []byte, i int) bool {
	if i <= 0 || i >= len(content) || utf8.RuneStart(content[i]) {
		return true
	}
	// The sequence that could hold i starts at most three bytes before it.
	for j := i - 1; j >= max(0, i-3); j-- {
		if utf8.RuneStart(content[j]) {
			_, size := utf8.DecodeRune(content[j:])
			return j+size <= i
		}
	}
	return true
}

// internalError is the diagnostic that stands for a rule's bug, at the
// start of the file: the run goes on, and the user sees that this file was
// not fully checked.
func internalError(r *Rule, problem string) Diagnostic {
	return Diagnostic{
		Rule:     r,
		Severity: Error,
		Message:  fmt.Sprintf("internal error: rule %s reported %s; the finding is dropped and the file is not fully checked, please report it with the file", r.ID, problem),
	}
}

func runRule(pass *Pass) {
	defer func() {
		if v := recover(); v != nil {
			pass.report(Diagnostic{
				Rule:     pass.Rule,
				Severity: Error,
				Message:  fmt.Sprintf("internal error: rule %s crashed on this file (%v); the file is not fully checked, please report it with the file", pass.Rule.ID, v),
			})
		}
	}()
	pass.Rule.Check(pass)
}

// SortDiagnostics orders diagnostics by start offset, rule ID, end offset
// and message.
func SortDiagnostics(diags []Diagnostic) {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i], diags[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Rule.ID != b.Rule.ID {
			return a.Rule.ID < b.Rule.ID
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Message < b.Message
	})
}

// dropFixesInBrokenScripts withholds every fix that edits a script the lexer
// could not read. The finding stays; only the edit goes. An unterminated
// string runs to the end of its line and swallows whatever a fix inserts
// there, so the fix never settles, and an edit in code nobody can parse is
// a guess either way. A diagnostic that loses its every fix says why, so
// the user knows what to repair before fix can help.
func dropFixesInBrokenScripts(f *File, diags []Diagnostic) {
	var spans []jsscan.Span
	for _, s := range f.Doc.Scripts {
		if s.LexErrors > 0 {
			spans = append(spans, s.Span)
		}
	}
	if len(spans) == 0 {
		return
	}
	broken := newSpanSet(spans)
	for i := range diags {
		had := len(diags[i].Fixes)
		kept := diags[i].Fixes[:0]
		for _, fix := range diags[i].Fixes {
			if !broken.touchedBy(fix.Edits) {
				kept = append(kept, fix)
			}
		}
		diags[i].Fixes = kept
		if had > 0 && len(kept) == 0 {
			diags[i].Message += " (not fixed automatically: part of this script does not read as JavaScript, such as an unterminated string, comment or template, so an edit there would be a guess)"
		}
	}
}
