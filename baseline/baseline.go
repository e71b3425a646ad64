// Package baseline lets a team adopt tmpllint without fixing everything
// first: a Recorder records today's findings in a file, and a Set read
// from it hides them, so only new findings are reported. Findings are
// keyed by file, rule and the fingerprint SARIF uses (rule, trimmed line
// text, occurrence; see report.NumberFingerprints), so they survive lines
// moving above them but not an edit of their own line.
package baseline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/tmpllint/tmpllint/internal/oserr"
	"github.com/tmpllint/tmpllint/report"
)

// Version is the format of the file; a newer one is refused.
const Version = 1

type file struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Entry is one recorded finding.
type Entry struct {
	// File is relative to the baseline file's directory, with forward
	// slashes, so the baseline works from any working directory.
	File        string `json:"file"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
	// Line and Message are for the humans who review the file in a diff.
	Line    int    `json:"line"`
	Message string `json:"message"`
}

type key struct{ file, rule, fingerprint string }

// FileKey names a linted file relative to the baseline's folder.
func FileKey(name, baselinePath string) string {
	abs, err1 := filepath.Abs(name)
	dir, err2 := filepath.Abs(filepath.Dir(baselinePath))
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(dir, abs); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(name))
}

// Set is the findings a baseline file records.
type Set struct {
	path string
	keys map[key]bool
}

// Load reads a baseline file.
func Load(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s does not exist; create it with --update-baseline", path)
		}
		return nil, err
	}
	var b file
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("%s: not a tmpllint baseline: %v", path, err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, this tmpllint reads version %d", path, b.Version, Version)
	}
	set := &Set{path: path, keys: make(map[key]bool, len(b.Findings))}
	for _, e := range b.Findings {
		set.keys[key{e.File, e.Rule, e.Fingerprint}] = true
	}
	return set, nil
}

// Path is the file the set was read from.
func (s *Set) Path() string { return s.path }

// Hidden returns which findings of the file named name the baseline
// records, by index; the findings' fingerprints must be set
// (report.Needs.Fingerprints). It returns nil when it records none.
func (s *Set) Hidden(name string, findings []report.Finding) []bool {
	var hidden []bool
	file := FileKey(name, s.path)
	for i := range findings {
		f := &findings[i]
		if s.keys[key{file, f.Rule.ID, f.Fingerprint}] {
			if hidden == nil {
				hidden = make([]bool, len(findings))
			}
			hidden[i] = true
		}
	}
	return hidden
}

// Recorder is a report.Formatter that records every finding of a run in
// a baseline file at Finish. The entries of files the run did not lint are
// kept from the baseline already there, so recording one file updates
// that file's entries only; those of a file that no longer exists are
// dropped.
type Recorder struct {
	path    string
	entries []Entry
	linted  map[string]bool
	// Failed is the first file that could not be linted, if any.
	Failed *report.File
	// Count is how many findings the file holds after Finish.
	Count int
}

// NewRecorder returns a Recorder that writes path.
func NewRecorder(path string) *Recorder {
	return &Recorder{path: path, linted: map[string]bool{}}
}

// Needs implements report.Formatter.
func (r *Recorder) Needs() report.Needs { return report.Needs{Fingerprints: true} }

// WriteFile implements report.Formatter.
func (r *Recorder) WriteFile(f *report.File) error {
	if f.Err != nil {
		if r.Failed == nil {
			r.Failed = &report.File{Name: f.Name, Err: f.Err}
		}
		return nil
	}
	name := FileKey(f.Name, r.path)
	r.linted[name] = true
	for i := range f.Findings {
		d := &f.Findings[i]
		r.entries = append(r.entries, Entry{File: name, Rule: d.Rule.ID, Fingerprint: d.Fingerprint, Line: d.Start.Line, Message: d.Message})
	}
	return nil
}

// Finish implements report.Formatter: it writes the file, sorted so that
// it diffs well, through a temporary file and a rename. Errors name the
// baseline, never the temporary file.
func (r *Recorder) Finish() error {
	kept, err := r.keptEntries()
	if err != nil {
		return err
	}
	entries := append(r.entries, kept...)
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	if entries == nil {
		entries = []Entry{}
	}
	data, err := json.MarshalIndent(file{Version: Version, Findings: entries}, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	path := r.path
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmpllint-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write beside %s: %v", path, oserr.Cause(err))
	}
	defer os.Remove(tmp.Name())
	if _, err = tmp.Write(data); err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %v", path, oserr.Cause(err))
	}
	r.Count = len(entries)
	return nil
}

// keptEntries returns the entries of the baseline already at the path (if
// there is one) for files that the run did not lint and that still exist.
func (r *Recorder) keptEntries() ([]Entry, error) {
	path := r.path
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", path, oserr.Cause(err))
	}
	var old file
	if err := json.Unmarshal(data, &old); err != nil {
		return nil, fmt.Errorf("%s: not a tmpllint baseline (%v); move it away to start a new one", path, err)
	}
	if old.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, this tmpllint reads version %d", path, old.Version, Version)
	}
	dir := filepath.Dir(path)
	var kept []Entry
	for _, e := range old.Findings {
		if r.linted[e.File] {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(e.File))); err != nil {
			continue
		}
		kept = append(kept, e)
	}
	return kept, nil
}
