package main

// Benchmarks of the whole tool, each beside its floor: the same bytes read
// and put through the two tokenizers tmpllint builds on (golang.org/x/net/html
// and the tdewolff JavaScript lexer) and nothing else. The ratio of a
// benchmark to its floor is what tmpllint's own work costs.
//
// The inputs come from internal/corpus. TMPLLINT_BENCH_FILES sets the number
// of files in the corpus benchmarks (10,000 unless set); BENCHMARKS.md has
// the commands and figures.

import (
	"bytes"
	"github.com/tmpllint/tmpllint/internal/floor"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tmpllint/tmpllint/internal/corpus"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rules"
)

// benchFiles is the size of the corpus benchmarks.
func benchFiles(b *testing.B) int {
	n := 10_000
	if v := os.Getenv("TMPLLINT_BENCH_FILES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("TMPLLINT_BENCH_FILES=%q: want a positive number", v)
		}
	}
	return n
}

// benchCLI runs the CLI in-process as main does and fails unless the exit
// code is one of want. The GitHub format would append to a job summary if
// the benchmark ran in a workflow; the variable is cleared.
func benchCLI(b *testing.B, stdout io.Writer, want []int, args ...string) {
	b.Helper()
	var stderr bytes.Buffer
	code := run(args, strings.NewReader(""), stdout, &stderr)
	for _, w := range want {
		if code == w {
			return
		}
	}
	b.Fatalf("tmpllint %s: exit %d, want one of %v; stderr:\n%s", strings.Join(args, " "), code, want, stderr.String())
}

// countingWriter counts output bytes, so formatters do all their work
// without the benchmark holding the output.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// bigFile is one generated file, linted from memory and from disk.
type bigFile struct {
	name    string
	content []byte
}

func benchBigFile(b *testing.B, f bigFile) {
	b.Setenv("GITHUB_STEP_SUMMARY", "")
	path := filepath.Join(b.TempDir(), f.name)
	if err := os.WriteFile(path, f.content, 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("floor", func(b *testing.B) {
		b.SetBytes(int64(len(f.content)))
		b.ReportAllocs()
		for b.Loop() {
			floorFile(f.name, f.content)
		}
	})
	b.Run("lint", func(b *testing.B) {
		b.SetBytes(int64(len(f.content)))
		b.ReportAllocs()
		for b.Loop() {
			lintFile(b, f.name, f.content)
		}
	})
	b.Run("check-json", func(b *testing.B) {
		b.SetBytes(int64(len(f.content)))
		b.ReportAllocs()
		for b.Loop() {
			benchCLI(b, io.Discard, []int{exitOK, exitFindings}, "check", "--format", "json", path)
		}
	})
}

// BenchmarkTypicalTemplate is one customized hosted page, about 5 KB.
func BenchmarkTypicalTemplate(b *testing.B) {
	p := corpus.Template(3) // a Classic page: it has findings
	benchBigFile(b, bigFile{"signin.html", p.Content})
}

func BenchmarkTemplate5MB(b *testing.B) {
	benchBigFile(b, bigFile{"big.html", corpus.BigTemplate(5 << 20)})
}

func BenchmarkBundle20MB(b *testing.B) {
	benchBigFile(b, bigFile{"bundle.js", corpus.Bundle(20 << 20)})
}

// BenchmarkCorpus walks, reads, lints and writes JSON for a directory of
// generated templates through the CLI, as `tmpllint check --format json DIR`
// does; fix rewrites the Classic pages of the same corpus in place.
func BenchmarkCorpus(b *testing.B) {
	b.Setenv("GITHUB_STEP_SUMMARY", "")
	// The collector as the binary sets it (main), for the floor too.
	setHeapFloor(os.Getenv)
	defer func() { gcFloor = nil }()
	n := benchFiles(b)
	dir := b.TempDir()
	size, err := corpus.Write(dir, n)
	if err != nil {
		b.Fatal(err)
	}
	filesPerSecond := func(b *testing.B) {
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	}
	b.Run("floor", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			if got := floorDir(b, dir); got != n {
				b.Fatalf("floor read %d files, want %d", got, n)
			}
		}
		filesPerSecond(b)
	})
	b.Run("check-json", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			benchCLI(b, io.Discard, []int{exitFindings}, "check", "--format", "json", dir)
		}
		filesPerSecond(b)
	})
	b.Run("fix", func(b *testing.B) {
		fixDir := b.TempDir()
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			if _, err := corpus.Write(fixDir, n); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			// Some findings have no safe fix, so fix exits 1.
			benchCLI(b, io.Discard, []int{exitOK, exitFindings}, "fix", fixDir)
		}
		filesPerSecond(b)
	})
}

// BenchmarkOneLine20000Findings is a minified page whose one line holds
// 20,000 findings, in each output format: every position is on the same
// long line.
func BenchmarkOneLine20000Findings(b *testing.B) {
	b.Setenv("GITHUB_STEP_SUMMARY", "")
	content := corpus.OneLineFindings(20_000)
	path := filepath.Join(b.TempDir(), "one-line.html")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"text", "json", "github", "sarif"} {
		b.Run(format, func(b *testing.B) {
			b.SetBytes(int64(len(content)))
			b.ReportAllocs()
			var out countingWriter
			for b.Loop() {
				benchCLI(b, &out, []int{exitFindings}, "check", "--format", format, path)
			}
			b.ReportMetric(float64(out.n)/float64(b.N), "out-B/op")
		})
	}
}

func lintFile(b *testing.B, name string, content []byte) []lint.Diagnostic {
	f, err := lint.Parse(lint.NewSource(name, content))
	if err != nil {
		b.Fatal(err)
	}
	return lint.Run(f, rules.All())
}

// floorDir walks dir, reads every file and tokenizes it, on as many
// workers as the CLI uses, and returns the number of files.
func floorDir(b *testing.B, dir string) int {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				content, err := os.ReadFile(p)
				if err != nil {
					panic(err)
				}
				floorFile(p, content)
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	return len(paths)
}

// floorFile tokenizes a file: a script file through the JavaScript lexer,
// markup through the HTML tokenizer and its scripts through the lexer. It
// returns the number of tokens.
func floorFile(name string, content []byte) int {
	if lang, _ := jsscan.LangOf(name); lang.IsScript() {
		return floor.JS(content[:len(content):len(content)])
	}
	return floor.HTML(content)
}
