package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rewrite"
	"github.com/tmpllint/tmpllint/rules"
)

// fixOutcome is what fixing one input did.
type fixOutcome struct {
	fileResult // the remaining diagnostics, or the error
	original   []byte
	fixed      *lint.FixResult
}

func (env *environment) fix(args []string) int {
	flags := pflag.NewFlagSet("fix", pflag.ContinueOnError)
	flags.SetOutput(env.stderr)
	unsafe := flags.Bool("unsafe", false, "also apply unsafe fixes, which drop code you wrote (review the result)")
	diff := flags.Bool("diff", false, "write nothing; print a unified diff of the fixes and exit 1 if it is not empty")
	stdinFilename := flags.String("stdin-filename", "", "name to report for the template read from standard input (-); the fixed text goes to standard output")
	ignore := flags.StringSlice("ignore", nil, "rule IDs or names to skip, comma-separated")
	noInlineConfig := flags.Bool("no-inline-config", false, "ignore tmpllint-disable comments: fix what they suppress and report none of them")
	color := flags.String("color", "auto", "color text output: auto (on a terminal, unless NO_COLOR is set), always or never")
	quiet := flags.Bool("quiet", false, "print what remains only, without the summary")
	cfgFlags := addConfigFlags(flags)
	flags.Usage = func() {
		fmt.Fprintf(env.stderr, "Usage: tmpllint fix [flags] PATH...\n\nFlags:\n%s", flags.FlagUsages())
	}
	if code, ok := env.parseFlags(flags, args); !ok {
		return code
	}
	cfg, code := env.configure(cfgFlags, *ignore, *stdinFilename)
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
	inputs, walkErrs := collectInputs(flags.Args())
	inputs = cfg.packages.addTerraformTemplates(inputs)
	if inputs, walkErrs, code = cfg.plan(flags.Args(), inputs, walkErrs); code != exitOK {
		return code
	}
	exit := exitOK
	var remaining []fileResult
	fixedFiles, fixedCount := 0, 0
	for _, path := range inputs {
		out := cfg.fixOne(path, *unsafe, *stdinFilename, lintOptions(*noInlineConfig))
		if out.err != nil {
			remaining = append(remaining, out.fileResult)
			exit = exitError
			continue
		}
		if out.fixed.Warning != "" {
			fmt.Fprintf(env.stderr, "tmpllint: %s: %s\n", displayName(out.name), out.fixed.Warning)
		}
		changed := !bytes.Equal(out.original, out.fixed.Content)
		switch {
		case path == "-":
			// An editor pipes the template through: the text goes back out.
			if _, err := env.stdout.Write(out.fixed.Content); err != nil {
				return env.usageError("writing output: %v", err)
			}
		case *diff:
			if changed {
				// a/ and b/ prefix the path; an absolute path loses its
				// leading slash so the header does not read "a//...".
				name := strings.TrimPrefix(filepath.ToSlash(path), "/")
				fmt.Fprint(env.stdout, rewrite.Unified(name, name, out.original, out.fixed.Content, 3))
				if exit == exitOK {
					exit = exitFindings
				}
			}
		case changed:
			if err := writeAtomic(path, out.original, out.fixed.Content); err != nil {
				out.err = err
				remaining = append(remaining, out.fileResult)
				exit = exitError
				continue
			}
		}
		if changed {
			fixedFiles++
			fixedCount += len(out.fixed.Fixed)
		}
		remaining = append(remaining, out.fileResult)
	}
	remaining = append(remaining, walkErrs...)
	if len(walkErrs) > 0 {
		exit = exitError
	}
	if *diff || len(inputs) == 1 && inputs[0] == "-" {
		// The diff or the fixed text is the output; say the rest on stderr.
		for _, r := range remaining {
			if r.err != nil {
				fmt.Fprintf(env.stderr, "tmpllint: %s: %v\n", displayName(r.name), r.err)
			}
		}
		return exit
	}
	if err := writeText(env.stdout, env.stderr, remaining, textOptions{quiet: *quiet, colors: palette{colored}}); err != nil {
		return env.usageError("writing output: %v", err)
	}
	if !*quiet {
		fmt.Fprintf(env.stdout, "Fixed %s in %s.\n", plural(fixedCount, "problem"), plural(fixedFiles, "file"))
	}
	// Like ruff: what could not be fixed still fails the run.
	if exit == exitOK && hasFindings(remaining, lint.Warning) {
		exit = exitFindings
	}
	return exit
}

func (env *environment) fixOne(path string, active []*lint.Rule, unsafe bool, stdinName string, opts lint.Options) fixOutcome {
	name, content, err := env.readInput(path, stdinName)
	out := fixOutcome{fileResult: fileResult{name: name}, original: content}
	if err != nil {
		out.err = err
		return out
	}
	if isExportInput(path, stdinName) {
		return fixExport(out, content, active, unsafe, opts)
	}
	src := lint.NewSource(name, content)
	out.source = src
	fixed, err := lint.FixSourceWith(src, active, unsafe, opts)
	if err != nil {
		out.err = err
		return out
	}
	out.fixed = fixed
	out.source = lint.NewSource(name, fixed.Content)
	out.diags = fixed.Remaining
	return out
}

// writeAtomic replaces path with content, through a temporary file in the
// same directory and a rename, so a crash leaves either the old or the new
// file, never half of one. It keeps the file's permissions, refuses a file
// without write permission (rename would bypass it), and refuses to write
// when the file changed since it was read: the user's edit wins.
func writeAtomic(path string, original, content []byte) error {
	info, err := os.Lstat(path)
	if err != nil {
		return readError(err)
	}
	if !info.Mode().IsRegular() {
		return errors.New("not a regular file (a symbolic link?); not written")
	}
	if info.Mode().Perm()&0o200 == 0 {
		return errors.New("file is read-only; not written")
	}
	current, err := os.ReadFile(path)
	if err != nil {
		return readError(err)
	}
	if !bytes.Equal(current, original) {
		return errors.New("file changed since it was read; not written, run fix again")
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmpllint-*")
	if err != nil {
		return fmt.Errorf("cannot write beside the file: %w", readError(err))
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err = tmp.Write(content); err == nil {
		err = tmp.Chmod(info.Mode().Perm())
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing: %w", readError(err))
	}
	return os.Rename(tmp.Name(), path)
}

// readInput reads a path, or standard input for "-".
func (env *environment) readInput(path, stdinName string) (string, []byte, error) {
	if path != "-" {
		content, err := readFile(path)
		if err != nil {
			return path, nil, readError(err)
		}
		return path, content, nil
	}
	name := stdinName
	if name == "" {
		name = "<stdin>"
	}
	content, err := readLimited(env.stdin)
	return name, content, err
}

// lintOptions are the runner's options: every rule may be named in a
// suppression comment, including those switched off with --ignore.
func lintOptions(noInlineConfig bool) lint.Options {
	return lint.Options{Known: rules.All(), NoInlineConfig: noInlineConfig}
}
