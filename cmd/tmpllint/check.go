package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"
	"github.com/tmpllint/tmpllint/baseline"
	"github.com/tmpllint/tmpllint/jsmodel"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/linter"
	"github.com/tmpllint/tmpllint/report"
	"github.com/tmpllint/tmpllint/rules"
)

func (env *environment) check(args []string) int {
	flags := pflag.NewFlagSet("check", pflag.ContinueOnError)
	format := flags.String("format", "text", "output format: text, json, github (workflow commands for GitHub Actions) or sarif")
	failLevel := flags.String("fail-level", "warning", "lowest severity that makes the exit code 1: info, warning or error")
	stdinFilename := flags.String("stdin-filename", "", "name to report for the template read from standard input (-)")
	ignore := flags.StringSlice("ignore", nil, "rule IDs or names to skip, comma-separated")
	showFixes := flags.Bool("show-fixes", false, "print each fix as a diff under its diagnostic")
	baselinePath := flags.String("baseline", "", "report only findings not recorded in this baseline file")
	updateBaseline := flags.Bool("update-baseline", false, "record every current finding in the --baseline file (default .tmpllint-baseline.json) and exit 0")
	color := flags.String("color", "auto", "color text output: auto (on a terminal, unless NO_COLOR is set), always or never")
	quiet := flags.Bool("quiet", false, "print findings only, without the summary")
	noInlineConfig := flags.Bool("no-inline-config", false, "ignore tmpllint-disable comments: suppress nothing and report none of them")
	cfgFlags := addConfigFlags(flags)
	flags.Usage = func() {
		fmt.Fprintf(flags.Output(), "Usage: tmpllint check [flags] PATH...\n\nFlags:\n%s", flags.FlagUsages())
	}
	if code, ok := env.parseFlags(flags, args); !ok {
		return code
	}
	colored, err := useColor(*color, env.stdout, env.lookupEnv)
	if err != nil {
		return env.usageError("--color: %v", err)
	}
	level, err := lint.ParseSeverity(*failLevel)
	if err != nil {
		return env.usageError("--fail-level: %v", err)
	}
	var out report.Formatter
	switch *format {
	case "text":
		out = report.NewText(env.stdout, env.stderr, report.TextOptions{FixHint: true, ShowFixes: *showFixes, Quiet: *quiet, Color: colored})
	case "json":
		out = report.NewJSON(env.stdout)
	case "github":
		out = report.NewGitHub(env.stdout, env.stderr, env.lookupEnv("GITHUB_WORKSPACE"), env.lookupEnv("GITHUB_STEP_SUMMARY"))
	case "sarif":
		cwd, _ := os.Getwd()
		out = report.NewSARIF(env.stdout, rules.All(), moduleVersion(), cwd)
	default:
		return env.usageError("--format: unknown format %q (want text, json, github or sarif)", *format)
	}
	if flags.NArg() == 0 {
		return env.usageError("no path given; try tmpllint check path/to/template.html")
	}
	l, code := env.newLinter(flags, cfgFlags, *ignore, *stdinFilename, *noInlineConfig, level)
	if code != exitOK {
		return code
	}
	plan, err := l.Plan(flags.Args())
	if err != nil {
		return exitError // the configuration's problems are printed
	}

	if *updateBaseline {
		if *baselinePath == "" {
			*baselinePath = ".tmpllint-baseline.json"
		}
		rec := baseline.NewRecorder(*baselinePath)
		if _, err := l.Check(plan, rec); err != nil {
			return env.usageError("--update-baseline: %v", unwrapOutput(err))
		}
		fmt.Fprintf(env.stderr, "tmpllint: wrote %s with %s.\n", *baselinePath, report.Plural(rec.Count, "finding"))
		if rec.Failed != nil {
			fmt.Fprintf(env.stderr, "tmpllint: %s: %v\n", report.DisplayName(rec.Failed.Name), rec.Failed.Err)
			return exitError
		}
		return exitOK
	}
	if *baselinePath != "" {
		set, err := baseline.Load(*baselinePath)
		if err != nil {
			return env.usageError("--baseline: %v", err)
		}
		l.SetBaseline(set)
	}
	sum, err := l.Check(plan, out)
	if hidden := l.Hidden(); hidden > 0 {
		fmt.Fprintf(env.stderr, "tmpllint: %s in %s not shown.\n", report.Plural(hidden, "known finding"), *baselinePath)
	}
	if err != nil {
		return env.usageError("%v", err)
	}
	return exitCode(sum)
}

// newLinter makes the linter of check and fix from their flags.
func (env *environment) newLinter(flags *pflag.FlagSet, c *configFlags, ignore []string, stdinName string, noInlineConfig bool, level lint.Severity) (*linter.Linter, int) {
	s := linter.Settings{
		Ignore: ignore, Disable: c.disable, Enable: c.enable, Severity: c.severity, Exclude: c.exclude,
		WidgetVersion: c.widgetVersion, ConfigPath: c.path, NoConfig: c.noConfig,
		NoInlineConfig: noInlineConfig, Stdin: env.stdin, StdinName: stdinName, Stderr: env.stderr,
		// A widget's configuration is followed from the file that creates
		// the widget to the module that holds it.
		RunView: jsmodel.RunView(linter.ReadFile),
	}
	if flags.Changed("fail-level") {
		s.FailLevel = level
	}
	l, err := linter.New(s)
	if err != nil {
		linter.PrintError(env.stderr, err)
		return nil, exitError
	}
	return l, exitOK
}

// unwrapOutput is the cause of a "writing output" error.
func unwrapOutput(err error) error {
	if cause := errors.Unwrap(err); cause != nil {
		return cause
	}
	return err
}

// exitCode is the exit code of check and fix: 2 when a file could not be
// read or written, 1 when what is reported (for fix: left unfixed) fails
// the fail level, or fix --diff printed a change.
func exitCode(sum linter.Summary) int {
	switch {
	case sum.Failed > 0:
		return exitError
	case sum.Fails || sum.Changed:
		return exitFindings
	}
	return exitOK
}

func (env *environment) usageError(format string, args ...any) int {
	fmt.Fprintf(env.stderr, "tmpllint: "+format+"\n", args...)
	return exitError
}
