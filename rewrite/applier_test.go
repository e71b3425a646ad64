package rewrite

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const noEOL = "\\ No newline at end of file\n"

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n$`)

// applyUnified is a deliberately strict patcher for output of Unified: every
// hunk must sit exactly where its header says, every context and removed line
// must match byte for byte, and the header counts must match the body. It
// shares no code with the package so that the round trip checks Unified
// against an independent reading of the format.
func applyUnified(old []byte, diff string) ([]byte, error) {
	if diff == "" {
		return old, nil
	}
	lines := strings.SplitAfter(diff, "\n")
	if lines[len(lines)-1] != "" {
		return nil, fmt.Errorf("diff does not end in a newline")
	}
	lines = lines[:len(lines)-1]
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "--- a/") || !strings.HasPrefix(lines[1], "+++ b/") {
		return nil, fmt.Errorf("bad file headers")
	}
	src := strings.SplitAfter(string(old), "\n")
	if src[len(src)-1] == "" {
		src = src[:len(src)-1]
	}

	var out []string
	pos := 0 // next old line not yet copied or consumed
	k := 2
	for k < len(lines) {
		m := hunkHeader.FindStringSubmatch(lines[k])
		if m == nil {
			return nil, fmt.Errorf("line %d: bad hunk header %q", k+1, lines[k])
		}
		k++
		oStart, oCount := hunkNums(m[1], m[2])
		nStart, nCount := hunkNums(m[3], m[4])
		if oCount+nCount == 0 {
			return nil, fmt.Errorf("empty hunk")
		}
		if oStart < pos || oStart > len(src) {
			return nil, fmt.Errorf("hunk at old line %d out of order or range", oStart)
		}
		out = append(out, src[pos:oStart]...)
		pos = oStart
		if len(out) != nStart {
			return nil, fmt.Errorf("hunk new start %d, but output is at line %d", nStart, len(out))
		}
		gotOld, gotNew := 0, 0
		for k < len(lines) && !strings.HasPrefix(lines[k], "@@") {
			l := lines[k]
			k++
			if len(l) < 2 {
				return nil, fmt.Errorf("line %d: empty diff line", k)
			}
			body := l[1:]
			if k < len(lines) && lines[k] == noEOL {
				body = strings.TrimSuffix(body, "\n")
				k++
			}
			if l[0] == ' ' || l[0] == '-' {
				if pos >= len(src) || src[pos] != body {
					return nil, fmt.Errorf("line %d: %q does not match old line %d", k, l, pos+1)
				}
				pos++
				gotOld++
			}
			switch l[0] {
			case ' ', '+':
				out = append(out, body)
				gotNew++
			case '-':
			default:
				return nil, fmt.Errorf("line %d: bad diff line %q", k, l)
			}
		}
		if gotOld != oCount || gotNew != nCount {
			return nil, fmt.Errorf("hunk body has %d/%d lines, header says %d/%d", gotOld, gotNew, oCount, nCount)
		}
	}
	out = append(out, src[pos:]...)
	for i, l := range out[:max(len(out)-1, 0)] {
		if !strings.HasSuffix(l, "\n") {
			return nil, fmt.Errorf("new line %d lacks a newline but is not last", i+1)
		}
	}
	return []byte(strings.Join(out, "")), nil
}

// hunkNums converts a hunk range to a 0-based first line and a count,
// following the GNU rule that an empty range names the line before it.
func hunkNums(start, count string) (int, int) {
	s, _ := strconv.Atoi(start)
	n := 1
	if count != "" {
		n, _ = strconv.Atoi(count)
	}
	if n == 0 {
		return s, 0
	}
	return s - 1, n
}

// externalApply applies diff to old with an external tool run in a temporary
// directory and returns the patched file. The environment is cut off from
// user and system configuration so results do not depend on the machine.
func externalApply(t *testing.T, old []byte, diff string, tool string, args ...string) []byte {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s not found", tool)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "signin.html")
	if err := os.WriteFile(file, old, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fix.patch"), []byte(diff), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull, "LC_ALL=C")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s\ndiff:\n%s", tool, args, err, out, diff)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// gitApply runs git apply; without context lines git wants to be told that
// this is intended.
func gitApply(t *testing.T, old []byte, diff string, noContext bool) []byte {
	args := []string{"apply", "fix.patch"}
	if noContext {
		args = append(args, "--unidiff-zero")
	}
	return externalApply(t, old, diff, "git", args...)
}

func patchApply(t *testing.T, old []byte, diff string) []byte {
	return externalApply(t, old, diff, "patch", "-p1", "--batch", "--fuzz=0", "--no-backup-if-mismatch", "-i", "fix.patch")
}

// TestApplyUnifiedStrict makes sure the test applier would notice the
// mistakes it is meant to catch.
func TestApplyUnifiedStrict(t *testing.T) {
	old := []byte("a\nb\nc\n")
	bad := map[string]string{
		"context mismatch":    "@@ -1,3 +1,3 @@\n x\n-b\n+B\n c\n",
		"old start too far":   "@@ -3,2 +3,2 @@\n-b\n+B\n c\n",
		"wrong new start":     "@@ -2,2 +1,2 @@\n-b\n+B\n c\n",
		"wrong count":         "@@ -1,3 +1,3 @@\n a\n-b\n+B\n",
		"misplaced no-eol":    "@@ -1,2 +1,2 @@\n-a\n+a\n" + noEOL + " b\n",
		"no-eol on old line":  "@@ -3 +3 @@\n-c\n" + noEOL + "+C\n",
		"hunks out of order":  "@@ -3 +3 @@\n-c\n+C\n@@ -1 +1 @@\n-a\n+A\n",
		"missing hunk header": " a\n",
	}
	for name, body := range bad {
		if got, err := applyUnified(old, header+body); err == nil {
			t.Errorf("%s: applied to %q, want error", name, got)
		}
	}
}
