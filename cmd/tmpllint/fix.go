package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
	inputs, walkErrs := env.collectInputs(flags.Args())
	inputs = cfg.packages.addTerraformTemplates(inputs)
	if inputs, walkErrs, code = cfg.plan(flags.Args(), inputs, walkErrs); code != exitOK {
		return code
	}
	level = cfg.failLevel(level)
	exit := exitOK
	var remaining []fileResult
	fixedFiles, fixedCount := 0, 0
	// The diff or the fixed text of standard input is the output: the rest
	// is said on stderr.
	streamed := *diff || slices.Contains(inputs, "-")
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
		case path == "-" && !*diff:
			// An editor pipes the template through: the text goes back out.
			if _, err := env.stdout.Write(out.fixed.Content); err != nil {
				return env.usageError("writing output: %v", err)
			}
		case *diff:
			if !changed {
				break
			}
			// The diff shows what the in-place fix would write, so it
			// refuses the same files.
			if path != "-" {
				if err := refuseWrite(path); err != nil {
					out.err = err
					remaining = append(remaining, out.fileResult)
					exit = exitError
					continue
				}
			}
			name := "stdin"
			if path != "-" {
				name = diffPath(path)
			} else if *stdinFilename != "" {
				name = diffPath(*stdinFilename)
			}
			if _, err := io.WriteString(env.stdout, rewrite.Unified(name, name, out.original, out.fixed.Content, 3)); err != nil {
				return env.usageError("writing output: %v", err)
			}
			if exit == exitOK {
				exit = exitFindings
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
	if streamed {
		// What could not be fixed is listed as a named file's would be,
		// without the summary.
		if err := writeText(env.stderr, env.stderr, remaining, textOptions{quiet: true}); err != nil {
			return exitError
		}
	} else {
		if err := writeText(env.stdout, env.stderr, remaining, textOptions{quiet: *quiet, colors: palette{colored}}); err != nil {
			return env.usageError("writing output: %v", err)
		}
		if !*quiet {
			fmt.Fprintf(env.stdout, "Fixed %s in %s.\n", plural(fixedCount, "problem"), plural(fixedFiles, "file"))
		}
	}
	// Like ruff: what could not be fixed still fails the run, at the same
	// fail level as check.
	if exit == exitOK && hasFindings(remaining, level) {
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

// refuseWrite says why fix would not write path, or returns nil. The
// in-place fix and --diff both ask it, so a diff never shows a change the
// fix would refuse to make. A symbolic link is refused: rename would
// replace the link with a file. A file without write permission is
// refused: rename would bypass the permission.
func refuseWrite(path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return readError(err)
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return errors.New("a symbolic link; not written (fix the file it points to by its own name)")
	case !info.Mode().IsRegular():
		return errors.New("not a regular file; not written")
	case info.Mode().Perm()&0o200 == 0:
		return errors.New("file is read-only; not written")
	}
	return nil
}

// diffPath names a file in a diff header so that the diff applies where a
// user applies it: relative to the root of the git work tree that holds
// the file, as git diff does (git apply and patch -p1 from the root);
// outside a work tree, relative to the current directory; outside both,
// the absolute path without its leading slash (patch -p1 from /).
func diffPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	if root := gitRoot(filepath.Dir(abs)); root != "" {
		if rel, ok := within(root, abs); ok {
			return rel
		}
	}
	if cwd, err := os.Getwd(); err == nil {
		if rel, ok := within(cwd, abs); ok {
			return rel
		}
	}
	return strings.TrimPrefix(filepath.ToSlash(abs), "/")
}

// within returns path relative to dir, with forward slashes, when path is
// below dir.
func within(dir, path string) (string, bool) {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// gitRoot returns the nearest directory at or above dir that holds .git (a
// directory, or a file in a linked work tree or submodule), or "".
func gitRoot(dir string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// writeAtomic replaces path with content, through a temporary file in the
// same directory and a rename, so a crash leaves either the old or the new
// file, never half of one. It keeps the file's permissions, refuses what
// refuseWrite refuses, and refuses to write when the file changed since it
// was read: the user's edit wins.
//
// The temporary file is named .NAME.tmpllint-PID-N.tmp. An interrupt or
// SIGTERM removes it (see tempFiles); after SIGKILL it stays until the next
// fix that writes in that directory removes it (removeStaleTemps).
func writeAtomic(path string, original, content []byte) error {
	if err := refuseWrite(path); err != nil {
		return err
	}
	info, err := os.Lstat(path)
	if err != nil {
		return readError(err)
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
	removeStaleTemps(dir, base)
	tmp, err := tempFiles.create(dir, base)
	if err != nil {
		return fmt.Errorf("cannot write beside the file: %w", readError(err))
	}
	defer tempFiles.remove(tmp.Name()) // after a successful rename there is nothing to remove
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
	return tempFiles.rename(tmp.Name(), path)
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
