package main

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rules"
)

func (env *environment) rules(args []string) int {
	flags := pflag.NewFlagSet("rules", pflag.ContinueOnError)
	flags.SetOutput(env.stderr)
	format := flags.String("format", "text", "output format: text or json")
	flags.Usage = func() {
		fmt.Fprintf(env.stderr, "Usage: tmpllint rules [--format text|json]\n\nFlags:\n%s", flags.FlagUsages())
	}
	if code, ok := env.parseFlags(flags, args); !ok {
		return code
	}
	all := rules.All()
	switch *format {
	case "json":
		type jsonRule struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			Severity string `json:"severity"`
			Summary  string `json:"summary"`
		}
		list := make([]jsonRule, 0, len(all))
		for _, r := range all {
			list = append(list, jsonRule{r.ID, r.Name, r.Severity.String(), r.Doc.Summary})
		}
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			return exitError
		}
	case "text":
		tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tSUMMARY")
		for _, r := range all {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, r.Doc.Summary)
		}
		tw.Flush()
	default:
		return env.usageError("--format: unknown format %q (want text or json)", *format)
	}
	return exitOK
}

func (env *environment) explain(args []string) int {
	if len(args) != 1 {
		return env.usageError("explain takes one rule ID or name, e.g. tmpllint explain OIE001")
	}
	r := rules.Lookup(args[0])
	if r == nil {
		return env.usageError("no rule %q (see tmpllint rules)", args[0])
	}
	fmt.Fprint(env.stdout, explainText(r))
	return exitOK
}

// explainText renders a rule's documentation for a terminal.
func explainText(r *lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (default severity: %s)\n\n%s\n\n", r.ID, r.Name, r.Severity, r.Doc.Summary)
	section := func(title, text string) {
		fmt.Fprintf(&b, "%s\n%s\n\n", title, indent(text, "  "))
	}
	section("Why", r.Doc.Why)
	section("What it reports", r.Doc.Detect)
	for i, ex := range r.Doc.Bad {
		section(fmt.Sprintf("Bad example %d", i+1), ex)
	}
	for i, ex := range r.Doc.Good {
		section(fmt.Sprintf("Good example %d", i+1), ex)
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
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

// version prints the module version: set by `go install ...@vX`, or
// "(devel)" for a build from a checkout, with the commit when known.
func (env *environment) version() int {
	fmt.Fprintf(env.stdout, "tmpllint %s\n", moduleVersion())
	return exitOK
}

func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}
