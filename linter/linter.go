// Package linter is tmpllint's library core: it takes settings and paths,
// and lints, fixes or records every file the paths name, streaming each
// file's resolved results to a report.Formatter. Any front end (the
// command line, an editor server, an audit of an org) goes through it.
//
// One run is:
//
//  1. New checks the Settings (rule names, globs, the widget version) and
//     reads the configuration file they name.
//  2. Plan walks the paths (following no symbolic link, skipping
//     dependencies and build output), adds the templates Terraform files
//     read, finds each file's nearest .tmpllint.yaml, drops what its
//     ignore or Settings.Exclude matches, and works out each file's
//     settings: rules, severities, widget version (from the settings, the
//     configuration, a Terraform resource or the nearest package.json).
//  3. Check or Fix lints the files on Settings.Workers goroutines. Each
//     file's diagnostics get the severities its settings give (after
//     suppression comments, which lint.RunWith applies), their positions
//     are resolved once (report.Resolve), the baseline hides what it
//     records, and the file's content is dropped. Results go to the
//     formatter in input order as soon as a file and all before it are
//     done, so any number of workers writes the same bytes and memory does
//     not grow with the number of files.
//
// check and fix share one fail level: lint.Fails on what is reported (for
// fix, what is left unfixed), at Settings.FailLevel or the configuration's.
package linter

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/tmpllint/tmpllint/baseline"
	"github.com/tmpllint/tmpllint/config"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/report"
	"github.com/tmpllint/tmpllint/rules"
)

// Settings are a run's settings; the zero value lints with every rule's
// defaults and the nearest configuration file of each template. They are
// the command line's flags, and New's errors name a setting by its flag
// (--ignore, --widget-version), as users give them.
type Settings struct {
	// Ignore and Disable switch rules off, Enable switches them on over
	// the configuration files (IDs or names). Severity sets a rule's
	// severity ("OIE003=error").
	Ignore, Disable, Enable, Severity []string
	// Exclude are globs (relative to the current directory, ** for any
	// depth) of files a directory walk skips.
	Exclude []string
	// WidgetVersion is the Sign-In Widget version every file runs against
	// ("7.14", "^7"), over what files and configuration say.
	WidgetVersion string
	// ConfigPath is a configuration file for every template instead of
	// the nearest .tmpllint.yaml; NoConfig reads none.
	ConfigPath string
	NoConfig   bool
	// NoInlineConfig ignores suppression comments.
	NoInlineConfig bool
	// FailLevel is the lowest severity that fails the run; 0 for the
	// lowest fail-level of the configuration files that apply, else
	// warning.
	FailLevel lint.Severity

	// Stdin is read for the path "-", named StdinName (if set) in output;
	// the name also chooses its file kind and configuration.
	Stdin     io.Reader
	StdinName string
	// Stderr gets notes (symbolic links a walk skipped, a directory with
	// nothing to lint) and the problems of configuration files.
	Stderr io.Writer
	// Workers is how many files are linted at once; 0 for GOMAXPROCS.
	Workers int

	// RunView, when set, builds a read-only view of the whole run before
	// the first file is linted: it gets every input of the plan in order
	// (a path, or "-" for standard input, which it must not read) and may
	// read them in a cheap pre-pass, for example to load other files and
	// index which files import which. The function it returns, if not nil,
	// sets a file's lint.Options from the view; it is called once per
	// file, concurrently.
	RunView func(inputs []string) (func(path string, opts *lint.Options), error)
}

// Linter runs the settings over paths.
type Linter struct {
	s        Settings
	cfg      *configuration
	baseline *baseline.Set
	hidden   atomic.Int64 // findings the baseline hid
}

// New checks the settings and reads the configuration file they name. Its
// errors print with PrintError.
func New(s Settings) (*Linter, error) {
	if s.Stderr == nil {
		s.Stderr = io.Discard
	}
	cfg, err := configure(&s)
	if err != nil {
		return nil, err
	}
	l := &Linter{s: s}
	l.cfg = cfg
	cfg.s = &l.s
	return l, nil
}

// SetBaseline makes Check hide the findings a baseline records.
func (l *Linter) SetBaseline(set *baseline.Set) { l.baseline = set }

// PrintError prints an error of New or Plan on w, a line per problem (a
// configuration file's problems are many).
func PrintError(w io.Writer, err error) {
	var errs config.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Fprintf(w, "tmpllint: %v\n", e)
		}
		return
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			PrintError(w, e)
		}
		return
	}
	fmt.Fprintf(w, "tmpllint: %v\n", err)
}

// ErrConfig means a configuration file of the run has problems; they were
// printed on Settings.Stderr.
var ErrConfig = errors.New("a configuration file has problems")

// Plan is what a run lints: its inputs, each with its settings, and the
// paths that could not be walked.
type Plan struct {
	inputs    []input
	walkErrs  []fileError
	failLevel lint.Severity
}

// input is one file of a plan.
type input struct {
	path     string
	settings *fileSettings
	// regular is set when collecting the inputs saw a regular file at
	// path, so reading it need not check again before opening.
	regular bool
}

// fileError is a path that could not be read or walked.
type fileError = report.File

// Inputs returns the paths the plan lints, in order ("-" for standard input).
func (p *Plan) Inputs() []string {
	paths := make([]string, len(p.inputs))
	for i, in := range p.inputs {
		paths[i] = in.path
	}
	return paths
}

// FailLevel is the lowest severity that fails the run.
func (p *Plan) FailLevel() lint.Severity { return p.failLevel }

// Plan expands the paths into the files to lint. A file named explicitly
// is linted whatever its extension or exclusion; a directory is walked for
// the files tmpllint reads. It returns ErrConfig when a configuration file
// has problems.
func (l *Linter) Plan(paths []string) (*Plan, error) {
	found, walkErrs := l.collectInputs(paths)
	seen := make(map[string]bool, len(found))
	for _, path := range found {
		seen[path] = path != "-"
	}
	// Terraform's templates were not looked at yet: they are checked
	// before they are opened.
	found = l.cfg.packages.addTerraformTemplates(found)
	inputs, walkErrs, ok := l.cfg.plan(paths, found, walkErrs)
	if !ok {
		return nil, ErrConfig
	}
	for i := range inputs {
		inputs[i].regular = seen[inputs[i].path]
	}
	return &Plan{inputs: inputs, walkErrs: walkErrs, failLevel: l.cfg.failLevel()}, nil
}

// Summary is what a run found.
type Summary struct {
	// Files counts the files linted; Failed those that could not be read,
	// linted or (by fix) written.
	Files, Failed int
	// Fails is set when a finding reported (by fix: left unfixed) is at
	// least as severe as the fail level.
	Fails bool
	// FixedFiles and Fixed count the files fix changed and the problems it
	// fixed in them; Changed is set when fix wrote a diff.
	FixedFiles, Fixed int
	Changed           bool
}

// add counts one file's result.
func (s *Summary) add(f *report.File, fails bool) {
	if f.Err != nil {
		s.Failed++
		return
	}
	s.Files++
	s.Fails = s.Fails || fails
}

// options are the runner's options for one input: every rule may be named
// in a suppression comment, including those switched off.
func (l *Linter) options(in input, view func(string, *lint.Options)) lint.Options {
	opts := lint.Options{Known: rules.All(), NoInlineConfig: l.s.NoInlineConfig, Widget: in.settings.widget}
	if opts.Widget == nil {
		opts.Widget = l.cfg.packages.lookup(inputPath(in.path, l.s.StdinName))
	}
	if view != nil {
		view(in.path, &opts)
	}
	return opts
}

// prepare builds the run's view (Settings.RunView), once.
func (l *Linter) prepare(p *Plan) (func(string, *lint.Options), error) {
	if l.s.RunView == nil {
		return nil, nil
	}
	return l.s.RunView(p.Inputs())
}

// stream runs work on the items 0..n-1 on workers goroutines and hands
// each outcome to emit in item order, as soon as it and all before it are
// done. At most a few outcomes per worker wait for their turn, so what is
// held does not grow with n. After emit fails, no further work starts and
// its error is returned.
func stream[T any](workers, n int, work func(w, i int) T, emit func(T) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(1, n))
	type job struct {
		i   int
		out chan T
	}
	jobs := make(chan job)
	order := make(chan chan T, 2*workers) // outcomes in item order
	var stop atomic.Bool
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var v T
				if !stop.Load() {
					v = work(w, j.i)
				}
				j.out <- v
			}
		}()
	}
	go func() {
		for i := range n {
			out := make(chan T, 1)
			order <- out
			jobs <- job{i, out}
		}
		close(jobs)
		close(order)
	}()
	var err error
	for out := range order {
		v := <-out
		if err == nil {
			if err = emit(v); err != nil {
				stop.Store(true)
			}
		}
	}
	wg.Wait()
	return err
}
