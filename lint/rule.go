package lint

import (
	"fmt"
	"strings"

	"github.com/tmpllint/tmpllint/internal/lazy"
	"github.com/tmpllint/tmpllint/jsscan"
)

// Rule is one check. Rules are values, registered by package rules.
type Rule struct {
	// ID is the stable identifier users write in configuration and
	// suppressions, e.g. "OIE001".
	ID string
	// Name is a kebab-case name that says what the rule wants, e.g.
	// "no-set-cookie-and-redirect".
	Name string
	// Severity is the default severity of the rule's findings.
	Severity Severity
	// Langs lists the file kinds the rule checks; nil means every kind.
	// The runner does not run a rule on other files.
	Langs []jsscan.Lang
	// Fixable is set when some of the rule's findings carry a fix. A test
	// holds it to the truth: a fixable rule shows a fix in its docs, and a
	// rule that is not fixable never offers one.
	Fixable bool
	// ErrorPages is set for the rules that apply to Okta's custom error
	// page (its variables, its Content Security Policy); the others are
	// about the Sign-In Widget and skip a page an export says is an error
	// page.
	ErrorPages bool
	// Settings is set for the rules that check an export's settings
	// (pass.Options.Page); they run on every page of an export, also one
	// whose HTML is not in the file.
	Settings bool
	// Triggers are names without which the rule cannot report: the rule
	// reports nothing on a file in which none of these byte strings
	// occurs, in any ASCII letter case, and the runner skips it there
	// (see precheck.go for when it runs every rule all the same). Each is
	// letters, digits and '-', at most 64 bytes. A rule that can report
	// from text no trigger covers declares none and always runs.
	Triggers []string
	Doc      Doc
	// Check inspects pass.File and reports through pass.Report.
	Check func(pass *Pass)
}

// Doc is a rule's documentation, printed by `tmpllint explain`. Its
// examples are complete files, and a test lints them: each Bad example must
// produce the rule, each Good one must not, and each Fixed text must be what
// `tmpllint fix` makes of its example.
type Doc struct {
	// Summary is one sentence, shown in rule lists.
	Summary string
	// Why explains what breaks and what to do instead; plain text,
	// paragraphs separated by blank lines.
	Why string
	// Detect says precisely what the rule reports and what it leaves alone.
	Detect string
	Bad    []Example
	Good   []Example
}

// Example is one file shown in a rule's docs.
type Example struct {
	// File names the example; its extension sets the file kind (page.html,
	// widget.ts, Login.vue). Empty means an HTML template.
	File string
	// WidgetVersion is the Sign-In Widget version the example is linted
	// with, as --widget-version would give it; empty for none.
	WidgetVersion string
	// Code is the file's content.
	Code string
	// Fixed is, for a bad example, the content after `tmpllint fix` (safe
	// fixes only); empty when the rule has no safe fix for it.
	Fixed string
}

// Name returns the example's file name, defaulting to an HTML template.
func (e Example) Name() string {
	if e.File == "" {
		return "example.html"
	}
	return e.File
}

// Lang returns the file kind the example is linted as.
func (e Example) Lang() jsscan.Lang {
	l, _ := jsscan.LangOf(e.Name())
	return l
}

// AppliesTo reports whether the rule checks files of kind lang.
func (r *Rule) AppliesTo(lang jsscan.Lang) bool {
	if r.Langs == nil {
		return true
	}
	for _, l := range r.Langs {
		if l == lang {
			return true
		}
	}
	return false
}

// IsExportExample reports whether an example file is an export (Okta
// Management API JSON, Terraform), which the rules that check an export's
// settings show.
func IsExportExample(name string) bool {
	return strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".tf")
}

// FindRule returns the rule of list whose ID or name is idOrName, ignoring
// case, or nil.
func FindRule(list []*Rule, idOrName string) *Rule {
	for _, r := range list {
		if strings.EqualFold(r.ID, idOrName) || strings.EqualFold(r.Name, idOrName) {
			return r
		}
	}
	return nil
}

// The shapes of a rule's ID and name, which only Validate (run by tests)
// reads.
var (
	ruleIDPattern   = lazy.Regexp("lint.ruleIDPattern", `^[A-Z]+[0-9]{3}$`)
	ruleNamePattern = lazy.Regexp("lint.ruleNamePattern", `^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Validate reports what is missing or malformed in a rule's definition.
func (r *Rule) Validate() []string {
	var problems []string
	if !ruleIDPattern().MatchString(r.ID) {
		problems = append(problems, "ID must look like ABC123")
	}
	if !ruleNamePattern().MatchString(r.Name) {
		problems = append(problems, "name must be kebab-case")
	}
	if r.Severity < Info || r.Severity > Error {
		problems = append(problems, "default severity missing")
	}
	if r.Check == nil {
		problems = append(problems, "no Check function")
	}
	for _, t := range r.Triggers {
		if !validTrigger(t) {
			problems = append(problems, fmt.Sprintf("trigger %q must be 1 to %d letters, digits or '-'", t, maxTrigger))
		}
	}
	if r.Doc.Summary == "" || r.Doc.Why == "" || r.Doc.Detect == "" {
		problems = append(problems, "docs need a summary, why and detect text")
	}
	if len(r.Doc.Bad) == 0 || len(r.Doc.Good) == 0 {
		problems = append(problems, "docs need at least one bad and one good example")
	}
	fixShown := false
	for _, ex := range r.Doc.Bad {
		fixShown = fixShown || ex.Fixed != ""
	}
	if r.Fixable && !fixShown {
		problems = append(problems, "a fixable rule shows a fix in a bad example's Fixed text")
	}
	if !r.Fixable && fixShown {
		problems = append(problems, "a rule that is not Fixable shows a Fixed text")
	}
	for _, ex := range append(append([]Example(nil), r.Doc.Bad...), r.Doc.Good...) {
		if _, ok := jsscan.LangOf(ex.Name()); !ok && !(r.Settings && IsExportExample(ex.Name())) {
			problems = append(problems, "example file "+ex.Name()+" has an extension tmpllint does not read")
		}
		if ex.WidgetVersion != "" {
			if _, ok := ParseVersionRange(ex.WidgetVersion); !ok {
				problems = append(problems, "example widget version "+ex.WidgetVersion+" does not parse")
			}
		}
	}
	return problems
}
