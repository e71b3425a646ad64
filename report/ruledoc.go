package report

import (
	"fmt"
	"strings"

	"github.com/tmpllint/tmpllint/internal/lazy"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// A rule's documentation, rendered for a terminal (RuleText, `tmpllint
// explain`) and as Markdown (RuleMarkdown: docs/rules/ID.md and SARIF's
// rule help).

// RuleText renders a rule's documentation for a terminal.
func RuleText(r *lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (default severity: %s)\n\n%s\n\nChecks: %s. Fix: %s.\n\n", r.ID, r.Name, r.Severity, r.Doc.Summary, RuleLangs(r), Fixability(r))
	section := func(title, text string) {
		fmt.Fprintf(&b, "%s\n%s\n\n", title, indent(text, "  "))
	}
	section("Why", r.Doc.Why)
	section("What it reports", r.Doc.Detect)
	example := func(title string, ex lint.Example) {
		section(fmt.Sprintf("%s (%s%s)", title, ex.Name(), exampleVersion(ex)), ex.Code)
		if ex.Fixed != "" {
			section("After tmpllint fix", ex.Fixed)
		}
	}
	for i, ex := range r.Doc.Bad {
		example(fmt.Sprintf("Bad example %d", i+1), ex)
	}
	for i, ex := range r.Doc.Good {
		example(fmt.Sprintf("Good example %d", i+1), ex)
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// Fixability says whether `tmpllint fix` can fix some of a rule's findings.
func Fixability(r *lint.Rule) string {
	if r.Fixable {
		return "yes"
	}
	return "no"
}

// RuleLangs names the file kinds a rule checks.
func RuleLangs(r *lint.Rule) string {
	if r.Settings {
		return exportKinds
	}
	if r.Langs == nil {
		return "all files"
	}
	names := make([]string, len(r.Langs))
	for i, l := range r.Langs {
		names[i] = l.String()
	}
	return strings.Join(names, ", ")
}

// exampleVersion notes the widget version an example is checked with.
func exampleVersion(ex lint.Example) string {
	if ex.WidgetVersion == "" {
		return ""
	}
	return ", --widget-version " + ex.WidgetVersion
}

func indent(text, prefix string) string {
	lines := strings.Split(strings.Trim(text, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// ruleDocURI is where a rule's documentation page is published: the file
// docs/rules/ID.md, which a test of cmd/tmpllint keeps equal to RuleMarkdown.
func ruleDocURI(r *lint.Rule) string {
	return sarifToolURI + "/blob/main/docs/rules/" + r.ID + ".md"
}

// RuleMarkdown renders a rule's documentation as Markdown: the summary,
// why, what it reports, and the examples in fenced code blocks.
func RuleMarkdown(r *lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s %s** (default severity: %s)\n\n%s\n", r.ID, r.Name, r.Severity, markdownProse(r.Doc.Summary))
	fmt.Fprintf(&b, "\nChecks: %s. Fix: %s.\n", RuleLangs(r), Fixability(r))
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

// orderedListStart serves rule docs only.
var orderedListStart = lazy.Regexp("report.orderedListStart", `^\d+[.)]`)

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
	if m := orderedListStart().FindStringIndex(b.String()); m != nil {
		out := b.String()
		return out[:m[1]-1] + `\` + out[m[1]-1:]
	}
	return b.String()
}

// exportKinds names the files whose settings the export rules check.
const exportKinds = "exports (.json, .tf)"

// exportFence is the Markdown fence language of an export example, or "".
func exportFence(name string) string {
	switch {
	case strings.HasSuffix(name, ".json"):
		return "json"
	case strings.HasSuffix(name, ".tf"):
		return "hcl"
	}
	return ""
}
