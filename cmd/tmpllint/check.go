package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/pflag"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// maxFileSize bounds what is read into memory. Real templates are a few
// kilobytes; Okta's editor rejects anything near this.
const maxFileSize = 64 << 20

// skippedDirs are never walked into: version control, installed
// dependencies and build output (which repeats the findings of its
// sources, minified).
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true,
	"node_modules": true, "bower_components": true, "vendor": true,
	"dist": true, "build": true, ".next": true, ".nuxt": true, ".svelte-kit": true, "coverage": true,
	".terraform": true,
}

// walkable reports whether a directory walk lints the file at path: a kind
// tmpllint reads (jsscan.LangOf), except files that are not the project's
// own code: minified bundles, TypeScript declarations, and the Sign-In
// Widget's own bundles (okta-sign-in.min.js defines the very methods the
// rules look for). A file named on the command line is always linted.
func walkable(path string) bool {
	if _, ok := jsscan.LangOf(path); !ok {
		return false
	}
	base := strings.ToLower(filepath.Base(path))
	for _, suffix := range []string{".min.js", ".min.mjs", ".d.ts", ".d.mts", ".d.cts"} {
		if strings.HasSuffix(base, suffix) {
			return false
		}
	}
	return !(strings.HasPrefix(base, "okta-sign-in") && strings.HasSuffix(base, ".js"))
}

type checkOptions struct {
	format        string
	failLevel     lint.Severity
	stdinFilename string
	text          textOptions

	// noInlineConfig ignores suppression comments (--no-inline-config).
	noInlineConfig bool
	// widget is the widget version the settings give; nil to look for one
	// in package.json files (packages).
	widget   *lint.WidgetVersion
	packages *packageVersions
	// view sets a file's options from the run's view of the repository
	// (imports followed from one linted file to another), or is nil.
	view func(path string, opts *lint.Options)
}

// fileResult is one input's outcome: its diagnostics, or why it could not be
// linted.
type fileResult struct {
	source *lint.Source
	diags  []lint.Diagnostic
	err    error
	name   string
}

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
	opts := checkOptions{format: *format, stdinFilename: *stdinFilename}
	opts.noInlineConfig = *noInlineConfig
	colored, err := useColor(*color, env.stdout, env.lookupEnv)
	if err != nil {
		return env.usageError("--color: %v", err)
	}
	opts.text = textOptions{showFixes: *showFixes, fixHint: true, quiet: *quiet, colors: palette{colored}}
	if opts.failLevel, err = lint.ParseSeverity(*failLevel); err != nil {
		return env.usageError("--fail-level: %v", err)
	}
	if opts.format != "text" && opts.format != "json" && opts.format != "github" && opts.format != "sarif" {
		return env.usageError("--format: unknown format %q (want text, json, github or sarif)", opts.format)
	}
	if flags.NArg() == 0 {
		return env.usageError("no path given; try tmpllint check path/to/template.html")
	}
	cfg, code := env.configure(cfgFlags, *ignore, *stdinFilename)
	if code != exitOK {
		return code
	}

	inputs, walkErrs := env.collectInputs(flags.Args())
	inputs = cfg.packages.addTerraformTemplates(inputs)
	if inputs, walkErrs, code = cfg.plan(flags.Args(), inputs, walkErrs); code != exitOK {
		return code
	}
	opts.failLevel = cfg.failLevel(opts.failLevel)
	opts.packages = cfg.packages
	results := append(cfg.lintAll(inputs, opts), walkErrs...)
	if *updateBaseline && *baselinePath == "" {
		*baselinePath = ".tmpllint-baseline.json"
	}
	if code := env.applyBaseline(results, *baselinePath, *updateBaseline); code >= 0 {
		return code
	}
	return env.report(results, opts)
}

func (env *environment) usageError(format string, args ...any) int {
	fmt.Fprintf(env.stderr, "tmpllint: "+format+"\n", args...)
	return exitError
}

// collectInputs expands directories into the files below them that
// tmpllint reads (see walkable). A file named explicitly is linted whatever
// its extension: the user asked; an unknown extension is read as HTML.
// Anything named that is not a regular file or a directory (a FIFO, a
// device) is refused before it is opened: reading it could block forever
// or never end.
//
// A walk follows no symbolic link: a link could lead out of the tree or
// round in a loop. It says on stderr which links it skipped, and says so
// when a directory holds nothing to lint.
//
// A file named twice, or named and found by a walk, is linted once (and
// fixed once), under the first name it came by.
func (env *environment) collectInputs(paths []string) (inputs []string, errs []fileResult) {
	seen := map[string]bool{}
	add := func(path string) {
		key := filepath.Clean(path)
		if abs, err := filepath.Abs(path); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			inputs = append(inputs, path)
		}
	}
	for _, p := range paths {
		if p == "-" {
			if !seen["-"] { // standard input can be read once
				seen["-"] = true
				inputs = append(inputs, p)
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fileResult{name: p, err: readError(err)})
			continue
		}
		if !info.IsDir() {
			if err := regularFile(info); err != nil {
				errs = append(errs, fileResult{name: p, err: err})
				continue
			}
			add(p)
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, fileResult{name: path, err: readError(err)})
				return nil
			}
			if d.IsDir() {
				if path != p && skippedDirs[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				fmt.Fprintf(env.stderr, "tmpllint: %s: skipped, a symbolic link (a walk follows none; name it to lint it)\n", displayName(path))
				return nil
			}
			if (walkable(path) || walkableExport(path)) && d.Type().IsRegular() {
				found++
				add(path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, fileResult{name: p, err: err})
		}
		if found == 0 {
			fmt.Fprintf(env.stderr, "tmpllint: %s: no files to lint (%s)\n", displayName(p), walkedKinds)
		}
	}
	return inputs, errs
}

// walkedKinds says which files a walk lints, for the note on a directory
// without any.
var walkedKinds = "a walk reads " + strings.Join(jsscan.Extensions(), " ") + " files"

// regularFile refuses what is neither a regular file nor a directory, and
// says what it is.
func regularFile(info fs.FileInfo) error {
	mode := info.Mode()
	switch {
	case mode.IsRegular() || mode.IsDir():
		return nil
	case mode&fs.ModeNamedPipe != 0:
		return errors.New("a named pipe (FIFO), not a regular file; not read (pipe it to - instead)")
	case mode&fs.ModeDevice != 0:
		return errors.New("a device, not a regular file; not read")
	case mode&fs.ModeSocket != 0:
		return errors.New("a socket, not a regular file; not read")
	}
	return errors.New("not a regular file; not read")
}

// inputPath is the path an input's file kind and package.json are found
// from: the file itself, or for standard input the --stdin-filename.
func inputPath(path, stdinName string) string {
	if path == "-" && stdinName != "" {
		return stdinName
	}
	return path
}

// readError turns an os error into a message that names the cause only; the
// path is printed beside it.
func readError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// lintAll lints the inputs on all cores and returns results in input order.
func (env *environment) lintAll(inputs []string, active []*lint.Rule, opts checkOptions) []fileResult {
	results := make([]fileResult, len(inputs))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(inputs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i] = env.lintOne(inputs[i], active, opts)
			}
		}()
	}
	for i := range inputs {
		work <- i
	}
	close(work)
	wg.Wait()
	return results
}

func (env *environment) lintOne(path string, active []*lint.Rule, opts checkOptions) fileResult {
	name, content, err := env.readInput(path, opts.stdinFilename)
	if err != nil {
		return fileResult{name: name, err: err}
	}
	if isExportInput(path, opts.stdinFilename) {
		return lintExport(name, content, active, exportOptions(path, opts))
	}
	src := lint.NewSource(name, content)
	f, err := lint.Parse(src)
	if err != nil {
		return fileResult{name: name, source: src, err: err}
	}
	lo := lintOptions(opts.noInlineConfig)
	lo.Widget = opts.widget
	if opts.view != nil {
		opts.view(path, &lo)
	}
	if lo.Widget == nil && opts.packages != nil {
		lo.Widget = opts.packages.lookup(inputPath(path, opts.stdinFilename))
	}
	return fileResult{name: name, source: src, diags: lint.RunWith(f, active, lo)}
}

// readFile reads a regular file, refusing to swallow a huge one whole.
//
// It checks the file's mode before opening (a FIFO would block the open)
// and again on the open file, which is opened non-blocking: a file
// swapped for a FIFO in between does not hang the run either.
func readFile(path string) ([]byte, error) {
	if info, err := os.Stat(path); err != nil {
		return nil, err
	} else if err := regularFile(info); err != nil {
		return nil, err
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, errors.New("is a directory")
	}
	if err := regularFile(info); err != nil {
		return nil, err
	}
	if info.Size() > maxFileSize {
		return nil, errTooLarge
	}
	// One buffer of the file's size (and room to see the end), where
	// io.ReadAll would grow and copy its buffer many times over.
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, maxFileSize+1)); err != nil {
		return nil, err
	}
	if buf.Len() > maxFileSize {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}

var errTooLarge = fmt.Errorf("larger than %d MiB; not a sign-in template", maxFileSize>>20)

// readLimited reads at most maxFileSize bytes, and fails rather than
// truncate: a file can grow after Stat, and standard input has no size.
func readLimited(r io.Reader) ([]byte, error) {
	content, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err == nil && len(content) > maxFileSize {
		return nil, errTooLarge
	}
	return content, err
}

// report prints the results and returns the exit code.
func (env *environment) report(results []fileResult, opts checkOptions) int {
	code := exitOK
	for _, r := range results {
		if r.err != nil {
			code = exitError
		}
	}
	var err error
	switch opts.format {
	case "json":
		err = writeJSON(env.stdout, results)
	case "github":
		err = writeGitHub(env.stdout, env.stderr, results, env.lookupEnv)
	case "sarif":
		err = writeSARIF(env.stdout, results, moduleVersion())
	default:
		err = writeText(env.stdout, env.stderr, results, opts.text)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "tmpllint: writing output: %v\n", err)
		return exitError
	}
	if code == exitOK && hasFindings(results, opts.failLevel) {
		return exitFindings
	}
	return code
}

// hasFindings reports whether any diagnostic is at least as severe as level.
// check and fix both ask it.
func hasFindings(results []fileResult, level lint.Severity) bool {
	for _, r := range results {
		if lint.Fails(r.diags, level) {
			return true
		}
	}
	return false
}
