package main

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"text/tabwriter"

	"github.com/spf13/pflag"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/report"
	"github.com/tmpllint/tmpllint/rules"
)

func (env *environment) rules(args []string) int {
	flags := pflag.NewFlagSet("rules", pflag.ContinueOnError)
	format := flags.String("format", "text", "output format: text or json")
	flags.Usage = func() {
		fmt.Fprintf(flags.Output(), "Usage: tmpllint rules [--format text|json]\n\nFlags:\n%s", flags.FlagUsages())
	}
	if code, ok := env.parseFlags(flags, args); !ok {
		return code
	}
	all := rules.All()
	switch *format {
	case "json":
		type jsonRule struct {
			ID       string   `json:"id"`
			Name     string   `json:"name"`
			Severity string   `json:"severity"`
			Fixable  bool     `json:"fixable"`
			Files    []string `json:"files"`
			Summary  string   `json:"summary"`
		}
		list := make([]jsonRule, 0, len(all))
		for _, r := range all {
			var files []string
			for _, l := range jsscan.Langs() {
				if r.AppliesTo(l) {
					files = append(files, l.String())
				}
			}
			list = append(list, jsonRule{r.ID, r.Name, r.Severity.String(), r.Fixable, files, r.Doc.Summary})
		}
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			return exitError
		}
	case "text":
		tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tFIX\tFILES\tSUMMARY")
		for _, r := range all {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, report.Fixability(r), report.RuleLangs(r), r.Doc.Summary)
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
	fmt.Fprint(env.stdout, report.RuleText(r))
	return exitOK
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
