package lint

import (
	"fmt"
	"sort"

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
}

// Run applies rules to a parsed file and returns the diagnostics sorted by
// offset, then rule ID, then end, so output is the same on every run.
//
// A rule that panics does not take the others down: its panic becomes an
// error diagnostic that names the rule, so the user sees the file was not
// fully checked and can report the bug.
//
// Suppression comments in the file apply (see suppress.go); Run is RunWith
// with default options.
func Run(f *File, rules []*Rule) []Diagnostic {
	return RunWith(f, rules, Options{})
}

// RunWith is Run with options: the rules suppression comments may name
// besides those run, or no suppression comments at all.
func RunWith(f *File, rules []*Rule, opts Options) []Diagnostic {
	var diags []Diagnostic
	for _, r := range rules {
		if !r.AppliesTo(f.Doc.Lang) {
			continue
		}
		pass := &Pass{Rule: r, File: f, Options: opts, report: func(d Diagnostic) {
			d.Start = max(0, min(d.Start, len(f.Content)))
			d.End = max(d.Start, min(d.End, len(f.Content)))
			diags = append(diags, d)
		}}
		runRule(pass)
	}
	dropFixesInBrokenScripts(f, diags)
	if !opts.NoInlineConfig {
		diags = applyDirectives(f, rules, opts.Known, diags)
	}
	SortDiagnostics(diags)
	return diags
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
// a guess either way.
func dropFixesInBrokenScripts(f *File, diags []Diagnostic) {
	var broken []jsscan.Span
	for _, s := range f.Doc.Scripts {
		if s.LexErrors > 0 {
			broken = append(broken, s.Span)
		}
	}
	if len(broken) == 0 {
		return
	}
	for i := range diags {
		kept := diags[i].Fixes[:0]
		for _, fix := range diags[i].Fixes {
			if !editsTouch(fix.Edits, broken) {
				kept = append(kept, fix)
			}
		}
		diags[i].Fixes = kept
	}
}

// editsTouch reports whether an edit overlaps or inserts into one of spans.
func editsTouch(edits []Edit, spans []jsscan.Span) bool {
	for _, e := range edits {
		for _, sp := range spans {
			if e.Start < sp.End && sp.Start <= e.End {
				return true
			}
		}
	}
	return false
}
