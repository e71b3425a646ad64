package linter

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"weak"

	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/report"
)

// stream hands outcomes over in item order whatever order the workers
// finish in, and never has more than a few items per worker started and
// not yet handed over, however many items there are.
func TestStreamOrderAndWindow(t *testing.T) {
	for _, workers := range []int{1, 2, 8} {
		for _, n := range []int{0, 1, 100, 400} {
			var pending, most atomic.Int64
			next := 0
			err := stream(workers, n, func(_, i int) int {
				p := pending.Add(1)
				for m := most.Load(); p > m && !most.CompareAndSwap(m, p); m = most.Load() {
				}
				for range (i * 7919) % 13 { // uneven work, so workers finish out of order
					runtime.Gosched()
				}
				return i
			}, func(i int) error {
				pending.Add(-1)
				if i != next {
					return fmt.Errorf("item %d handed over at position %d", i, next)
				}
				next++
				return nil
			})
			if err != nil || next != n {
				t.Fatalf("%d workers, %d items: %v after %d", workers, n, err, next)
			}
			if limit := int64(3 * workers); most.Load() > limit {
				t.Errorf("%d workers, %d items: %d items held at once, want at most %d", workers, n, most.Load(), limit)
			}
		}
	}
}

// After a file's result is handed to the formatter, nothing of the run
// holds the file's content any more, except a worker's read buffer, kept
// for the worker's next file: a collection frees every file read so far
// but the last of each worker. Each page is longer than the buffer of the
// one before it can hold, so each is read into a buffer of its own.
func TestCheckDropsContent(t *testing.T) {
	dir := t.TempDir()
	const files, workers = 40, 2
	for i := range files {
		page := fmt.Sprintf("<p>page %d</p>%s\n<script>res.session.setCookieAndRedirect(u); var res = new OktaAuth(c)</script>\n", i, strings.Repeat(" ", i*1024))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%02d.html", i)), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	read := map[string]weak.Pointer[byte]{}
	onRead = func(path string, content []byte) {
		mu.Lock()
		read[path] = weak.Make(&content[0])
		mu.Unlock()
	}
	defer func() { onRead = nil }()

	l, err := New(Settings{NoConfig: true, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := l.Plan([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var written []string
	check := &inspect{Formatter: report.NewJSON(&out), each: func(f *report.File) {
		written = append(written, f.Name)
		runtime.GC()
		mu.Lock()
		defer mu.Unlock()
		// Files after this one may still be in work; of this one and
		// those written before it, only a worker's last may be held.
		var held []string
		for _, name := range written {
			if read[name].Value() != nil {
				held = append(held, filepath.Base(name))
			}
		}
		if len(held) > workers {
			t.Errorf("after %s was written, the content of %v is still held", filepath.Base(f.Name), held)
		}
	}}
	if _, err := l.Check(plan, check); err != nil {
		t.Fatal(err)
	}
	if len(written) != files || len(read) != files {
		t.Fatalf("%d files written, %d read", len(written), len(read))
	}
}

// A worker reads every file into the same buffer, so a result that kept
// a piece of its file's content would change when the next file is read.
// Pages of the same length, each with its own findings, are checked by one
// worker; every result, written again at the end, must be what it was
// when it was handed over, and the same as when its page is checked alone.
func TestCheckResultsOwnTheirStrings(t *testing.T) {
	dir := t.TempDir()
	const files = 12
	var paths []string
	for i := range files {
		// Same length, different text on the lines the findings quote.
		page := fmt.Sprintf("<script>\nvar res%02d = x; res%02d.session.setCookieAndRedirect(u%02d);\nnew OktaSignIn(c).renderEl({el: '#w%02d'}, function (r) { r.session.setCookieAndRedirect(v%02d) });\n</script>\n", i, i, i, i, i)
		path := filepath.Join(dir, fmt.Sprintf("p%02d.html", i))
		if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	text := func(w *bytes.Buffer) report.Formatter {
		return report.NewText(w, w, report.TextOptions{FixHint: true, ShowFixes: true})
	}
	render := func(f *report.File) string {
		var b bytes.Buffer
		tf := text(&b)
		if err := tf.WriteFile(f); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	check := func(paths []string, each func(*report.File)) {
		t.Helper()
		l, err := New(Settings{NoConfig: true, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		plan, err := l.Plan(paths)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if _, err := l.Check(plan, &inspect{Formatter: text(&out), each: each}); err != nil {
			t.Fatal(err)
		}
	}
	var kept []*report.File
	var first []string
	var buffers []*byte
	onDone = func(_ string, content []byte) { buffers = append(buffers, &content[0]) }
	defer func() { onDone = nil }()
	check(paths, func(f *report.File) {
		if len(f.Findings) == 0 {
			t.Errorf("%s: no findings", f.Name)
		}
		kept = append(kept, f)
		first = append(first, render(f))
	})
	if len(buffers) != files || buffers[0] != buffers[files-1] {
		t.Fatalf("the worker did not read every page into the same buffer")
	}
	onDone = nil
	for i, f := range kept {
		if got := render(f); got != first[i] {
			t.Errorf("%s changed after later files were read:\n%s\nwas:\n%s", f.Name, got, first[i])
		}
		check(paths[i:i+1], func(alone *report.File) {
			if got := render(alone); got != first[i] {
				t.Errorf("%s checked alone:\n%s\nwith the others:\n%s", f.Name, got, first[i])
			}
		})
	}
}

// inspect is a formatter that calls each on every file before passing it on.
type inspect struct {
	report.Formatter
	each func(*report.File)
}

func (c *inspect) WriteFile(f *report.File) error {
	c.each(f)
	return c.Formatter.WriteFile(f)
}

// Any number of workers writes the same bytes, in every format.
func TestWorkersWriteTheSameBytes(t *testing.T) {
	paths := []string{filepath.Join("..", "testdata", "templates"), filepath.Join("..", "testdata", "exports"), "no-such-file.html"}
	formats := map[string]func(w *bytes.Buffer) report.Formatter{
		"text": func(w *bytes.Buffer) report.Formatter {
			return report.NewText(w, w, report.TextOptions{FixHint: true, ShowFixes: true})
		},
		"json":   func(w *bytes.Buffer) report.Formatter { return report.NewJSON(w) },
		"github": func(w *bytes.Buffer) report.Formatter { return report.NewGitHub(w, w, "", "") },
		"sarif":  func(w *bytes.Buffer) report.Formatter { return report.NewSARIF(w, nil, "", "") },
	}
	for name, format := range formats {
		var outputs []string
		for _, workers := range []int{1, 8} {
			l, err := New(Settings{NoConfig: true, Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			plan, err := l.Plan(paths)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			sum, err := l.Check(plan, format(&out))
			if err != nil || sum.Files < 50 || sum.Failed != 1 {
				t.Fatalf("%s, %d workers: %+v, %v", name, workers, sum, err)
			}
			outputs = append(outputs, out.String())
		}
		if outputs[0] != outputs[1] {
			t.Errorf("%s: 1 and 8 workers write different bytes", name)
		}
	}
}

// The run's view is built once, from every input in order, before any
// file is linted, and applied to each file's options.
func TestRunView(t *testing.T) {
	templates := filepath.Join("..", "testdata", "templates")
	var built int
	var seen []string
	var applied atomic.Int64
	l, err := New(Settings{NoConfig: true, Workers: 4, RunView: func(inputs []string) (func(string, *lint.Options), error) {
		built++
		seen = inputs
		if applied.Load() != 0 {
			t.Error("a file was linted before the view was built")
		}
		return func(path string, opts *lint.Options) { applied.Add(1) }, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := l.Plan([]string{templates})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := l.Check(plan, report.NewJSON(io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	if built != 1 || !slices.Equal(seen, plan.Inputs()) || int(applied.Load()) != sum.Files || sum.Files < 50 {
		t.Errorf("view built %d times from %d inputs, applied %d times to %d files", built, len(seen), applied.Load(), sum.Files)
	}
}
