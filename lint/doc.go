// Package lint is tmpllint's engine: source files and positions, rules,
// diagnostics and their fixes, and the runner that applies rules to a file.
//
// It is modelled on golang.org/x/tools/go/analysis. A Rule has a Check
// function that receives a Pass and reports Diagnostics. Every position is a
// byte offset into the file exactly as the user gave it; line and column are
// computed only at the edge (package report resolves a file's positions in
// one walk; Source gives one at a time), in Unicode code points.
//
// A file is read as the kind its name says (an HTML template, a Vue
// component, a JavaScript or TypeScript file; see jsscan.Lang), and a rule
// declares the kinds it checks. Options carry what the file does not say
// itself, such as the Sign-In Widget version (WidgetVersion), and the
// run's read-only view of the repository (Project): a rule may read other
// files through it, but reports only in the file it is given.
//
// A rule may also declare Triggers, the names without which it cannot
// report. Before the rules run, one pass over the file finds which of
// them occur, and a rule none of whose triggers occurs is not run; the
// search errs towards running (any letter case; every rule where an escape
// could spell a name), so skipping never changes a result (precheck.go).
//
// A template inside another file (an Okta API export's pageContent, a
// Terraform page_content) is linted by LintEmbedded and fixed by
// FixEmbedded: the template is linted as a file of its own, and positions
// and edits move to the host file through an embedded.Map. The export's
// settings reach the rules as Options.Page.
package lint
