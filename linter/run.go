package linter

import (
	"bytes"
	"fmt"
	"io"
	"runtime"

	"github.com/tmpllint/tmpllint/internal/oserr"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/report"
	"github.com/tmpllint/tmpllint/rewrite"
)

// checked is one input's resolved result.
type checked struct {
	file  report.File
	fails bool
}

// Check lints the plan's files and writes their results with f, in input
// order, then the paths that could not be walked, then f.Finish. Its error
// is the formatter's.
func (l *Linter) Check(p *Plan, f report.Formatter) (Summary, error) {
	var sum Summary
	view, err := l.prepare(p)
	if err != nil {
		return sum, err
	}
	needs := f.Needs()
	if l.baseline != nil {
		needs.Fingerprints = true
	}
	// Each worker reads every file into one buffer, grown when a file
	// does not fit: the results own their strings (copied from the
	// content), so the content is not needed once checkOne returns.
	bufs := make([][]byte, max(1, l.s.Workers, runtime.GOMAXPROCS(0)))
	err = stream(l.s.Workers, len(p.inputs), func(w, i int) checked {
		c, buf := l.checkOne(p, p.inputs[i], view, needs, bufs[w])
		if cap(buf) <= maxKeptBuffer {
			bufs[w] = buf
		}
		return c
	}, func(c checked) error {
		sum.add(&c.file, c.fails)
		return f.WriteFile(&c.file)
	})
	return sum, finish(p, f, &sum, err)
}

// finish writes the paths that could not be walked, after the files, and
// ends the output. Errors of the output are "writing output" errors.
func finish(p *Plan, f report.Formatter, sum *Summary, err error) error {
	for i := 0; err == nil && i < len(p.walkErrs); i++ {
		sum.add(&p.walkErrs[i], false)
		err = f.WriteFile(&p.walkErrs[i])
	}
	if err == nil {
		err = f.Finish()
	}
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// maxKeptBuffer is the largest read buffer a worker keeps for the next
// file: a big file's buffer is dropped with it, not held to the end.
const maxKeptBuffer = 1 << 20

// checkOne reads (into buf when it fits), lints and resolves one input,
// and returns the buffer the content was read into, for the next file.
// Nothing it returns refers to the content.
func (l *Linter) checkOne(p *Plan, in input, view func(string, *lint.Options), needs report.Needs, buf []byte) (checked, []byte) {
	name, content, err := l.readInput(in, buf)
	if content != nil {
		buf = content[:0]
	}
	if err != nil {
		return checked{file: report.File{Name: name, Err: err}}, buf
	}
	c := l.lintOne(p, in, view, needs, name, content)
	if onDone != nil {
		onDone(in.path, content)
	}
	return c, buf
}

// lintOne lints and resolves one input's content.
func (l *Linter) lintOne(p *Plan, in input, view func(string, *lint.Options), needs report.Needs, name string, content []byte) checked {
	var err error
	src := lint.NewSource(name, content)
	opts := l.options(in, view)
	var diags []lint.Diagnostic
	if isExportInput(in.path, l.s.StdinName) {
		diags, err = lintExport(src, in.settings.rules, opts)
	} else {
		var file *lint.File
		if file, err = lint.Parse(src); err == nil {
			diags = lint.RunWith(file, in.settings.rules, opts)
		}
	}
	if err != nil {
		return checked{file: report.File{Name: name, Err: err}}
	}
	in.settings.applySeverity(diags)
	findings := report.Resolve(src, diags, needs)
	if l.baseline != nil {
		if hidden := l.baseline.Hidden(name, findings); hidden != nil {
			kept, keptDiags := findings[:0], diags[:0]
			for i := range findings {
				if !hidden[i] {
					kept, keptDiags = append(kept, findings[i]), append(keptDiags, diags[i])
				}
			}
			findings, diags = kept, keptDiags
			report.NumberFingerprints(findings)
			l.hidden.Add(int64(len(hidden) - len(kept)))
		}
	}
	return checked{file: report.File{Name: name, Findings: findings}, fails: lint.Fails(diags, p.failLevel)}
}

// Hidden counts the findings the baseline hid so far.
func (l *Linter) Hidden() int { return int(l.hidden.Load()) }

// FixOptions choose what Fix does with a fixed file.
type FixOptions struct {
	// Unsafe applies unsafe fixes too.
	Unsafe bool
	// Diff writes a unified diff of each change to Out instead of the
	// file (paths relative to the git repository root).
	Diff bool
	// Out gets the diff, or the fixed text of standard input.
	Out io.Writer
}

// fixed is one input's outcome of fix: the texts before and after, and
// what remains, resolved against the text after.
type fixed struct {
	checked
	path              string
	original, content []byte
	count             int
	warning           string
}

// Fix fixes the plan's files, writes each changed file in place (through
// a temporary file and a rename) or its diff, and writes what remains
// unfixed with f, in input order. The writes happen in input order too,
// one at a time. Its error is an output's (the diff, standard input's text,
// the formatter's); a file that cannot be written is a failed file.
func (l *Linter) Fix(p *Plan, o FixOptions, f report.Formatter) (Summary, error) {
	var sum Summary
	view, err := l.prepare(p)
	if err != nil {
		return sum, err
	}
	needs := f.Needs()
	err = stream(l.s.Workers, len(p.inputs), func(_, i int) fixed {
		return l.fixOne(p, p.inputs[i], o.Unsafe, view, needs)
	}, func(x fixed) error {
		if err := l.writeFixed(&x, o, &sum); err != nil {
			return err
		}
		sum.add(&x.file, x.fails)
		return f.WriteFile(&x.file)
	})
	if _, ok := err.(outputError); ok {
		return sum, err
	}
	return sum, finish(p, f, &sum, err)
}

// outputError is an error writing Fix's own output (a diff, standard
// input's text), already named as such.
type outputError struct{ error }

// fixOne reads and fixes one input and resolves what remains.
func (l *Linter) fixOne(p *Plan, in input, unsafe bool, view func(string, *lint.Options), needs report.Needs) fixed {
	name, content, err := l.readInput(in, nil)
	x := fixed{path: in.path, original: content}
	x.file.Name = name
	if err != nil {
		x.file.Err = err
		return x
	}
	opts := l.options(in, view)
	var res *lint.FixResult
	if isExportInput(in.path, l.s.StdinName) {
		res, err = fixExport(name, content, in.settings.rules, unsafe, opts)
	} else {
		res, err = lint.FixSourceWith(lint.NewSource(name, content), in.settings.rules, unsafe, opts)
	}
	if err != nil {
		x.file.Err = err
		return x
	}
	in.settings.applySeverity(res.Remaining)
	x.content, x.count, x.warning = res.Content, len(res.Fixed), res.Warning
	x.file.Findings = report.Resolve(lint.NewSource(name, res.Content), res.Remaining, needs)
	x.fails = lint.Fails(res.Remaining, p.failLevel)
	return x
}

// writeFixed writes one fixed file, its diff or (for standard input) its
// text, and counts it. A file that cannot be written becomes a failed
// file; an output that cannot be written ends the run.
func (l *Linter) writeFixed(x *fixed, o FixOptions, sum *Summary) error {
	if x.file.Err != nil {
		return nil
	}
	if x.warning != "" {
		fmt.Fprintf(l.s.Stderr, "tmpllint: %s: %s\n", report.DisplayName(x.file.Name), x.warning)
	}
	fail := func(err error) {
		x.file.Err, x.file.Findings, x.fails = err, nil, false
	}
	changed := !bytes.Equal(x.original, x.content)
	switch {
	case x.path == "-" && !o.Diff:
		// An editor pipes the template through: the text goes back out.
		if _, err := o.Out.Write(x.content); err != nil {
			return outputError{fmt.Errorf("writing output: %v", err)}
		}
	case o.Diff:
		if !changed {
			break
		}
		// The diff shows what the in-place fix would write, so it refuses
		// the same files.
		if x.path != "-" {
			if err := refuseWrite(x.path); err != nil {
				fail(err)
				return nil
			}
		}
		name := "stdin"
		if x.path != "-" {
			name = diffPath(x.path)
		} else if l.s.StdinName != "" {
			name = diffPath(l.s.StdinName)
		}
		if _, err := io.WriteString(o.Out, rewrite.Unified(name, name, x.original, x.content, 3)); err != nil {
			return outputError{fmt.Errorf("writing output: %v", err)}
		}
		sum.Changed = true
	case changed:
		if err := writeAtomic(x.path, x.original, x.content); err != nil {
			fail(err)
			return nil
		}
	}
	if changed {
		sum.FixedFiles++
		sum.Fixed += x.count
	}
	x.original, x.content = nil, nil
	return nil
}

// onRead, when set (by tests), sees the content of every file read;
// onDone sees it again once check has resolved the file's results.
var onRead, onDone func(path string, content []byte)

// readInput reads a path, or Settings.Stdin for "-".
func (l *Linter) readInput(in input, buf []byte) (string, []byte, error) {
	if path := in.path; path != "-" {
		content, err := readFile(path, buf, in.regular)
		if err != nil {
			return path, nil, oserr.Cause(err)
		}
		if onRead != nil {
			onRead(path, content)
		}
		return path, content, nil
	}
	name := l.s.StdinName
	if name == "" {
		name = "<stdin>"
	}
	if l.s.Stdin == nil {
		return name, nil, fmt.Errorf("no standard input")
	}
	content, err := readLimited(l.s.Stdin)
	return name, content, err
}
