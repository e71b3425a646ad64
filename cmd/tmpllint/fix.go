package main

import (
	"fmt"
	"slices"

	"github.com/spf13/pflag"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/linter"
	"github.com/tmpllint/tmpllint/report"
)

func (env *environment) fix(args []string) int {
	flags := pflag.NewFlagSet("fix", pflag.ContinueOnError)
	unsafe := flags.Bool("unsafe", false, "also apply unsafe fixes, which may change what the page does or drop code you wrote (review the result)")
	diff := flags.Bool("diff", false, "write nothing; print a unified diff of the fixes (paths relative to the git repository root) and exit 1 if it is not empty")
	stdinFilename := flags.String("stdin-filename", "", "name to report for the template read from standard input (-); the fixed text goes to standard output")
	failLevel := flags.String("fail-level", "warning", "lowest severity of what remains unfixed that makes the exit code 1: info, warning or error")
	ignore := flags.StringSlice("ignore", nil, "rule IDs or names to skip, comma-separated")
	noInlineConfig := flags.Bool("no-inline-config", false, "ignore tmpllint-disable comments: fix what they suppress and report none of them")
	color := flags.String("color", "auto", "color text output: auto (on a terminal, unless NO_COLOR is set), always or never")
	quiet := flags.Bool("quiet", false, "print what remains only, without the summary")
	cfgFlags := addConfigFlags(flags)
	flags.Usage = func() {
		fmt.Fprintf(flags.Output(), "Usage: tmpllint fix [flags] PATH...\n\nFlags:\n%s", flags.FlagUsages())
	}
	if code, ok := env.parseFlags(flags, args); !ok {
		return code
	}
	level, err := lint.ParseSeverity(*failLevel)
	if err != nil {
		return env.usageError("--fail-level: %v", err)
	}
	l, code := env.newLinter(flags, cfgFlags, *ignore, *stdinFilename, *noInlineConfig, level)
	if code != exitOK {
		return code
	}
	if flags.NArg() == 0 {
		return env.usageError("no path given; try tmpllint fix --diff path/to/template.html")
	}
	colored, err := useColor(*color, env.stdout, env.lookupEnv)
	if err != nil {
		return env.usageError("--color: %v", err)
	}
	plan, err := l.Plan(flags.Args())
	if err != nil {
		return exitError // the configuration's problems are printed
	}
	// The diff or the fixed text of standard input is the output: what
	// could not be fixed is listed on stderr as a named file's would be,
	// without the summary.
	streamed := *diff || slices.Contains(plan.Inputs(), "-")
	out := report.NewText(env.stdout, env.stderr, report.TextOptions{Quiet: *quiet, Color: colored})
	if streamed {
		out = report.NewText(env.stderr, env.stderr, report.TextOptions{Quiet: true})
	}
	sum, err := l.Fix(plan, linter.FixOptions{Unsafe: *unsafe, Diff: *diff, Out: env.stdout}, out)
	if err != nil {
		return env.usageError("%v", err)
	}
	if !streamed && !*quiet {
		fmt.Fprintf(env.stdout, "Fixed %s in %s.\n", report.Plural(sum.Fixed, "problem"), report.Plural(sum.FixedFiles, "file"))
	}
	// Like ruff: what could not be fixed still fails the run, at the same
	// fail level as check.
	return exitCode(sum)
}
