package rules

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rewrite"
)

var update = flag.Bool("update", false, "rewrite the golden .fixed, .unsafe.fixed and .diff files")

// TestFixGoldens checks every fixture's fixes against golden files:
// name.html.fixed (safe fixes), name.html.unsafe.fixed (all fixes, when they
// differ from the safe result) and name.html.diff (the safe fixes as the
// unified diff `tmpllint fix --diff` prints). A fixture without fixes must
// have no golden files.
func TestFixGoldens(t *testing.T) {
	for _, path := range fixturePaths(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			original, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			safe := fixOrFail(t, path, original, false)
			unsafe := fixOrFail(t, path, original, true)
			name := filepath.ToSlash(filepath.Join("testdata", "templates", filepath.Base(path)))
			var diff []byte
			if !bytes.Equal(safe, original) {
				diff = []byte(rewrite.Unified(name, name, original, safe, 3))
			}
			unsafeGolden := unsafe
			if bytes.Equal(unsafe, safe) {
				unsafeGolden = nil
			}
			checkGolden(t, path+".fixed", changedOrNil(safe, original))
			checkGolden(t, path+".unsafe.fixed", unsafeGolden)
			checkGolden(t, path+".diff", diff)
			if diff != nil {
				checkGitApply(t, filepath.Base(path), original, diff, safe)
			}
		})
	}
}

func changedOrNil(fixed, original []byte) []byte {
	if bytes.Equal(fixed, original) {
		return nil
	}
	return fixed
}

func fixOrFail(t *testing.T, name string, content []byte, unsafe bool) []byte {
	t.Helper()
	res, err := lint.FixSourceWith(lint.NewSource(name, content), All(), unsafe, fixtureOptions(t, content))
	if err != nil {
		t.Fatalf("fix: %v", err)
	}
	if res.Warning != "" {
		t.Errorf("fix warning: %s", res.Warning)
	}
	return res.Content
}

// checkGolden compares got with the golden file; nil means the golden file
// must not exist.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if got == nil {
			os.Remove(golden)
			return
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	switch {
	case got == nil && err == nil:
		t.Errorf("%s exists but the fixture has no such change (run go test ./rules -update)", golden)
	case got != nil && err != nil:
		t.Errorf("missing golden %s (run go test ./rules -update): %v", golden, err)
	case got != nil && !bytes.Equal(got, want):
		t.Errorf("%s differs from the output (run go test ./rules -update and review the diff)", golden)
	}
}

// checkGitApply applies the diff with git apply to a copy of the original,
// as a user would, and checks the result is the fixed text.
func checkGitApply(t *testing.T, base string, original, diff, fixed []byte) {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "testdata", "templates", base)
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, original, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(git, "apply", "--whitespace=nowarn", "-")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(diff)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}
	got, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, fixed) {
		t.Errorf("git apply of the diff does not give the fixed text")
	}
}

// TestFixProperties holds for every fixture, in safe and unsafe mode: a
// second fix changes nothing, the fixed text has no fixable finding left,
// and bytes outside the edits are unchanged.
func TestFixProperties(t *testing.T) {
	for _, path := range fixturePaths(t) {
		original, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, unsafe := range []bool{false, true} {
			opts := fixtureOptions(t, original)
			res, err := lint.FixSourceWith(lint.NewSource(path, original), All(), unsafe, opts)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			again, err := lint.FixSourceWith(lint.NewSource(path, res.Content), All(), unsafe, opts)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if again.Passes != 0 || !bytes.Equal(again.Content, res.Content) {
				t.Errorf("%s (unsafe=%v): a second fix changed the text", path, unsafe)
			}
			for _, d := range res.Remaining {
				if d.Fixable(!unsafe) {
					t.Errorf("%s (unsafe=%v): fixable %s left after fix: %s", path, unsafe, d.Rule.ID, d.Message)
				}
			}
			if res.Passes == 1 {
				checkOutsideEdits(t, path, original, res)
			}
		}
	}
}

// checkOutsideEdits verifies, independently of rewrite.Apply, that the
// fixed text is the original with only the fixed edits' bytes replaced.
func checkOutsideEdits(t *testing.T, path string, original []byte, res *lint.FixResult) {
	merger := rewrite.NewMerger(len(original))
	for _, d := range res.Fixed {
		// The fixer takes a diagnostic's first applicable fix; every
		// fixture's diagnostics carry one fix.
		if len(d.Fixes) > 0 {
			merger.Add(d.Fixes[0].Edits)
		}
	}
	edits := merger.Edits()
	out := res.Content
	prev, shift := 0, 0
	for _, e := range edits {
		gap := original[prev:e.Start]
		if !bytes.Equal(out[prev+shift:prev+shift+len(gap)], gap) {
			t.Errorf("%s: bytes before offset %d changed", path, e.Start)
			return
		}
		if got := string(out[e.Start+shift : e.Start+shift+len(e.New)]); got != e.New {
			t.Errorf("%s: edit at %d wrote %q, want %q", path, e.Start, got, e.New)
		}
		shift += len(e.New) - (e.End - e.Start)
		prev = e.End
	}
	if !bytes.Equal(out[prev+shift:], original[prev:]) {
		t.Errorf("%s: bytes after the last edit changed", path)
	}
}

// FuzzFix feeds arbitrary templates through check and fix: no panic, every
// span and fix edit lies in bounds on character boundaries, the bytes
// outside the edits are kept, and fixing is idempotent.
func FuzzFix(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "templates", "*.html"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("{{{OktaUtil}}}<script>x.renderEl({}, function (r) { r.session.setCookieAndRedirect(u) })</script>"))
	f.Add([]byte("{{{OktaUtil}}}<script>x.renderEl({a:1},)</script>"))
	f.Fuzz(func(t *testing.T, content []byte) {
		src := lint.NewSource("fuzz.html", content)
		file, err := lint.Parse(src)
		if err != nil {
			return
		}
		for _, d := range lint.Run(file, All()) {
			if strings.Contains(d.Message, "internal error") {
				t.Fatalf("%s", d.Message)
			}
			checkSpan(t, content, d)
			for _, fx := range d.Fixes {
				if err := rewrite.Validate(len(content), fx.Edits); err != nil {
					t.Fatalf("%s fix invalid: %v", d.Rule.ID, err)
				}
			}
		}
		res, err := lint.FixSource(src, All(), true)
		if err != nil {
			t.Fatalf("fix: %v", err)
		}
		// One pass: the bytes outside the merged edits are the input's.
		if res.Passes == 1 {
			checkOutsideEdits(t, "fuzz.html", content, res)
		}
		for _, d := range res.Remaining {
			checkSpan(t, res.Content, d)
		}
		again, err := lint.FixSource(lint.NewSource("fuzz.html", res.Content), All(), true)
		if err != nil {
			t.Fatalf("second fix: %v", err)
		}
		if !bytes.Equal(again.Content, res.Content) {
			t.Fatalf("fix is not idempotent:\nfirst:  %q\nsecond: %q", res.Content, again.Content)
		}
	})
}
