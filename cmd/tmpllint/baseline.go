package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// A baseline lets a team adopt tmpllint without fixing everything first:
// `check --update-baseline` records today's findings, and `check
// --baseline FILE` reports only findings that are not in it. Findings are
// keyed by file, rule and the fingerprint SARIF uses (rule, trimmed line
// text, occurrence), so they survive lines moving above them but not an edit
// of their own line.

// baselineVersion is the format of the file; a newer one is refused.
const baselineVersion = 1

type baselineFile struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	// File is relative to the baseline file's directory, with forward
	// slashes, so the baseline works from any working directory.
	File        string `json:"file"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
	// Line and Message are for the humans who review the file in a diff.
	Line    int    `json:"line"`
	Message string `json:"message"`
}

type baselineKey struct{ file, rule, fingerprint string }

// baselineEntries returns the entries of every finding in results.
func baselineEntries(results []fileResult, baselinePath string) []baselineEntry {
	var entries []baselineEntry
	for _, r := range results {
		if r.err != nil {
			continue
		}
		file := baselineFileKey(r.name, baselinePath)
		occurrences := &lineHashes{}
		for _, d := range r.diags {
			entries = append(entries, baselineEntry{
				File: file, Rule: d.Rule.ID, Fingerprint: lineHash(r.source, d, occurrences),
				Line: r.source.Position(d.Start).Line, Message: d.Message,
			})
		}
	}
	return entries
}

// baselineFileKey names a linted file relative to the baseline's folder.
func baselineFileKey(name, baselinePath string) string {
	abs, err1 := filepath.Abs(name)
	dir, err2 := filepath.Abs(filepath.Dir(baselinePath))
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(dir, abs); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(name))
}

// writeBaseline records every finding of results in path, sorted so the
// file diffs well, through a temporary file and a rename. The entries of
// files this run did not lint are kept from the baseline already there, so
// `--update-baseline one.html` updates one file's entries only; those of a
// file that no longer exists are dropped. Errors name path, never the
// temporary file.
func writeBaseline(path string, results []fileResult) (int, error) {
	entries := baselineEntries(results, path)
	kept, err := keptEntries(path, results)
	if err != nil {
		return 0, err
	}
	entries = append(entries, kept...)
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	if entries == nil {
		entries = []baselineEntry{}
	}
	data, err := json.MarshalIndent(baselineFile{Version: baselineVersion, Findings: entries}, "", "  ")
	if err != nil {
		return 0, err
	}
	data = append(data, '\n')
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmpllint-*.tmp")
	if err != nil {
		return 0, fmt.Errorf("cannot write beside %s: %v", path, readError(err))
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
		return 0, fmt.Errorf("writing %s: %v", path, readError(err))
	}
	return len(entries), nil
}

// keptEntries returns the entries of the baseline at path (if there is one)
// for files that results did not lint and that still exist.
func keptEntries(path string, results []fileResult) ([]baselineEntry, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", path, readError(err))
	}
	var old baselineFile
	if err := json.Unmarshal(data, &old); err != nil {
		return nil, fmt.Errorf("%s: not a tmpllint baseline (%v); move it away to start a new one", path, err)
	}
	if old.Version != baselineVersion {
		return nil, fmt.Errorf("%s: baseline version %d, this tmpllint reads version %d", path, old.Version, baselineVersion)
	}
	linted := map[string]bool{}
	for _, r := range results {
		if r.err == nil {
			linted[baselineFileKey(r.name, path)] = true
		}
	}
	dir := filepath.Dir(path)
	var kept []baselineEntry
	for _, e := range old.Findings {
		if linted[e.File] {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(e.File))); err != nil {
			continue
		}
		kept = append(kept, e)
	}
	return kept, nil
}

// loadBaseline reads a baseline file into a set of keys.
func loadBaseline(path string) (map[baselineKey]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s does not exist; create it with --update-baseline", path)
		}
		return nil, err
	}
	var b baselineFile
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("%s: not a tmpllint baseline: %v", path, err)
	}
	if b.Version != baselineVersion {
		return nil, fmt.Errorf("%s: baseline version %d, this tmpllint reads version %d", path, b.Version, baselineVersion)
	}
	set := make(map[baselineKey]bool, len(b.Findings))
	for _, e := range b.Findings {
		set[baselineKey{e.File, e.Rule, e.Fingerprint}] = true
	}
	return set, nil
}

// filterBaseline drops the findings recorded in the baseline and returns
// how many it dropped.
func filterBaseline(results []fileResult, set map[baselineKey]bool, baselinePath string) int {
	hidden := 0
	for i := range results {
		r := &results[i]
		if r.err != nil || len(r.diags) == 0 {
			continue
		}
		file := baselineFileKey(r.name, baselinePath)
		occurrences := &lineHashes{}
		kept := r.diags[:0:0]
		for _, d := range r.diags {
			if set[baselineKey{file, d.Rule.ID, lineHash(r.source, d, occurrences)}] {
				hidden++
				continue
			}
			kept = append(kept, d)
		}
		r.diags = kept
	}
	return hidden
}

// applyBaseline runs --update-baseline or --baseline on the results. It
// returns an exit code when the run ends here (after writing the baseline,
// or on an error), and -1 to go on reporting.
func (env *environment) applyBaseline(results []fileResult, path string, update bool) int {
	if path == "" {
		return -1
	}
	if update {
		n, err := writeBaseline(path, results)
		if err != nil {
			return env.usageError("--update-baseline: %v", err)
		}
		fmt.Fprintf(env.stderr, "tmpllint: wrote %s with %s.\n", path, plural(n, "finding"))
		for _, r := range results {
			if r.err != nil {
				fmt.Fprintf(env.stderr, "tmpllint: %s: %v\n", displayName(r.name), r.err)
				return exitError
			}
		}
		return exitOK
	}
	set, err := loadBaseline(path)
	if err != nil {
		return env.usageError("--baseline: %v", err)
	}
	if hidden := filterBaseline(results, set, path); hidden > 0 {
		fmt.Fprintf(env.stderr, "tmpllint: %s in %s not shown.\n", plural(hidden, "known finding"), path)
	}
	return -1
}
