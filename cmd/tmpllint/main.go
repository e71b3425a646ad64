// Command tmpllint finds what breaks in an Okta sign-in page template when
// the org moves from the Classic Engine to Identity Engine.
//
// Usage:
//
//	tmpllint [check] [flags] PATH...   lint templates (directories are walked)
//	tmpllint fix [--unsafe] [--diff] PATH...   fix what can be fixed
//	tmpllint rules [--format json]     list the rules
//	tmpllint explain ID|NAME           print a rule's documentation
//	tmpllint init [--force]            write a starting .tmpllint.yaml
//	tmpllint pull --org URL [--out DIR] fetch an org's pages (read-only) and lint them
//	tmpllint version                   print the version
//
// Exit codes: 0 no finding at or above --fail-level, 1 findings, 2 a usage
// error or a file that could not be read.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/linter"
)

// Exit codes, as actionlint and ruff use them.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

func main() {
	linter.RemoveTempFilesOnSignal()
	setHeapFloor(os.Getenv)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code, so tests can
// drive the whole CLI in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &environment{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitError
	}
	switch args[0] {
	case "check":
		return env.check(args[1:])
	case "fix":
		return env.fix(args[1:])
	case "rules":
		return env.rules(args[1:])
	case "explain":
		return env.explain(args[1:])
	case "init":
		return env.initConfig(args[1:])
	case "pull":
		return env.pull(args[1:])
	case "version", "--version":
		return env.version()
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage())
		return exitOK
	}
	// `tmpllint PATH...` and `tmpllint --format json PATH` mean check.
	if strings.HasPrefix(args[0], "-") || looksLikePath(args[0]) {
		return env.check(args)
	}
	fmt.Fprintf(stderr, "tmpllint: unknown command %q (and no such file)\n\n%s", args[0], usage())
	return exitError
}

// environment is where a command reads and writes.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string // os.Getenv, or a test's stand-in
}

func looksLikePath(arg string) bool {
	if arg == "-" {
		return true
	}
	_, err := os.Stat(arg)
	return err == nil || strings.ContainsAny(arg, `/\.`)
}

// usage is the top-level help; it lists the extensions a walk reads from
// the list the walk uses.
func usage() string {
	check := "lint templates; - reads stdin; directories are walked for " + strings.Join(jsscan.Extensions(), " ") + " files and for Okta exports (.json, .tf)"
	return fmt.Sprintf(usageText, wrap(check, 43, "\n"+strings.Repeat(" ", 37)))
}

// wrap breaks text at spaces into lines of at most width bytes, joined by sep.
func wrap(text string, width int, sep string) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), sep)
}

const usageText = `tmpllint finds what breaks in an Okta sign-in page template on Identity Engine.

Usage:
  tmpllint [check] [flags] PATH...   %s
  tmpllint fix [flags] PATH...       apply safe fixes in place (--unsafe for all,
                                     --diff to print a unified diff instead)
  tmpllint rules [--format json]     list the rules
  tmpllint explain ID|NAME           print a rule's documentation and examples
  tmpllint init [--force]            write a commented .tmpllint.yaml here
  tmpllint pull --org URL [--out DIR] [--include-default]
                                     fetch every brand's sign-in and error pages
                                     from an org (read-only; token from
                                     OKTA_API_TOKEN or OKTA_ACCESS_TOKEN) into
                                     DIR (default okta-pages), then check DIR
  tmpllint version                   print the version

Run 'tmpllint check --help' or 'tmpllint fix --help' for their flags.
Exit codes, for check and fix alike: 0 nothing at or above --fail-level (left
unfixed, for fix; fix --diff: and no change to make), 1 findings at or above it
(fix --diff: or a change to make), 2 a usage error or a file that could not be
read or written (the other files are still linted).
`

// parseFlags parses a subcommand's flags. When ok is false the command ends
// with code: 0 after --help, 2 after a bad flag, which is printed with the
// usage (pflag's ContinueOnError returns the error without printing it).
//
// The usage goes to stdout after --help, which asked for it, and to stderr
// after a bad flag; a command's Usage writes to flags.Output().
func (env *environment) parseFlags(flags *pflag.FlagSet, args []string) (code int, ok bool) {
	var usage bytes.Buffer
	flags.SetOutput(&usage)
	err := flags.Parse(args)
	switch {
	case err == nil:
		return exitOK, true
	case errors.Is(err, pflag.ErrHelp):
		env.stdout.Write(usage.Bytes())
		return exitOK, false
	}
	fmt.Fprintf(env.stderr, "tmpllint: %v\n", err)
	usage.Reset()
	flags.Usage()
	env.stderr.Write(usage.Bytes())
	return exitError, false
}

// lookupEnv reads an environment variable through env.getenv, so tests can
// set variables (NO_COLOR, the GitHub ones) without touching the process environment.
func (env *environment) lookupEnv(key string) string {
	if env.getenv == nil {
		return os.Getenv(key)
	}
	return env.getenv(key)
}

// heapFloor is how much more the heap may grow between collections than
// Go's default (the live heap, at least 4 MiB) lets it. The streaming core
// holds little at a time (under 10 MiB of live heap on a corpus of 10,000
// pages), so with the default the collector ran after every few MiB
// allocated: about a third of the CPU time of such a check (BENCHMARKS.md,
// "CPU on the corpus").
const heapFloor = 16 << 20

// gcFloor holds heapFloor bytes that are never written. The collector
// counts them as live heap, so it lets the heap grow by heapFloor more
// between collections; the kernel maps no page of them (the runtime does
// not clear memory fresh from the system), so they cost no resident
// memory. With a big live heap, as on one 20 MB bundle, the collector's
// goal grows with it as before: a floor, not a limit. Go has no setting
// for a floor; GOMEMLIMIT is a ceiling.
var gcFloor []byte

// setHeapFloor sets the floor unless the user tunes the collector with
// GOGC or GOMEMLIMIT, which then have their documented meaning.
func setHeapFloor(getenv func(string) string) {
	if getenv("GOGC") == "" && getenv("GOMEMLIMIT") == "" {
		gcFloor = make([]byte, heapFloor)
	}
}
