package lint

import (
	"regexp"
	"strings"
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
	Doc      Doc
	// Check inspects pass.File and reports through pass.Report.
	Check func(pass *Pass)
}

// Doc is a rule's documentation, printed by `tmpllint explain`. Its
// examples are complete templates, and a test lints them: each Bad example
// must produce the rule, each Good one must not.
type Doc struct {
	// Summary is one sentence, shown in rule lists.
	Summary string
	// Why explains what breaks and what to do instead; plain text,
	// paragraphs separated by blank lines.
	Why string
	// Detect says precisely what the rule reports and what it leaves alone.
	Detect string
	Bad    []string
	Good   []string
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

var ruleIDPattern = regexp.MustCompile(`^[A-Z]+[0-9]{3}$`)
var ruleNamePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate reports what is missing or malformed in a rule's definition.
func (r *Rule) Validate() []string {
	var problems []string
	if !ruleIDPattern.MatchString(r.ID) {
		problems = append(problems, "ID must look like ABC123")
	}
	if !ruleNamePattern.MatchString(r.Name) {
		problems = append(problems, "name must be kebab-case")
	}
	if r.Severity < Info || r.Severity > Error {
		problems = append(problems, "default severity missing")
	}
	if r.Check == nil {
		problems = append(problems, "no Check function")
	}
	if r.Doc.Summary == "" || r.Doc.Why == "" || r.Doc.Detect == "" {
		problems = append(problems, "docs need a summary, why and detect text")
	}
	if len(r.Doc.Bad) == 0 || len(r.Doc.Good) == 0 {
		problems = append(problems, "docs need at least one bad and one good example")
	}
	return problems
}
