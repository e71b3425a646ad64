package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The README's "try it" output is what the command prints: every finding's
// position, severity and rule, the summary, and the exit code. Messages
// may be reworded without touching the README; positions may not.
func TestReadmeTryIt(t *testing.T) {
	text := readme(t)
	const cmd = "./tmpllint check testdata/templates/oie001-member-call.html; echo \"exit $?\""
	if !strings.Contains(text, cmd) {
		t.Fatalf("README lost the try-it command %q", cmd)
	}
	block := regexp.MustCompile("(?s)exits 1 because.*?```text\n(.*?)```").FindStringSubmatch(text)
	if block == nil {
		t.Fatal("README has no expected output under the try-it command")
	}
	want := block[1]
	t.Chdir("../..")
	got := tmpllint(t, "", "check", "--color", "never", "testdata/templates/oie001-member-call.html")
	actual := got.stdout + "exit " + string(rune('0'+got.code)) + "\n"
	header := regexp.MustCompile(`(?m)^(\S+:\d+:\d+: \w+: ).*(\[\w+ [\w-]+\])$`)
	wantHeads, gotHeads := header.FindAllStringSubmatch(want, -1), header.FindAllStringSubmatch(actual, -1)
	if len(wantHeads) == 0 || len(wantHeads) != len(gotHeads) {
		t.Fatalf("README shows %d findings, the command prints %d:\n%s", len(wantHeads), len(gotHeads), actual)
	}
	for i := range wantHeads {
		if wantHeads[i][1] != gotHeads[i][1] || wantHeads[i][2] != gotHeads[i][2] {
			t.Errorf("finding %d: README %q … %q, printed %q … %q", i+1, wantHeads[i][1], wantHeads[i][2], gotHeads[i][1], gotHeads[i][2])
		}
	}
	for _, line := range []string{"Found ", "exit "} {
		if w, g := lineWith(want, line), lineWith(actual, line); w != g {
			t.Errorf("README %q, printed %q", w, g)
		}
	}
}

func lineWith(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// The README's usage block is the --help text.
func TestReadmeUsage(t *testing.T) {
	text := readme(t)
	block := regexp.MustCompile("(?s)## Usage\n\n```text\n(.*?)```").FindStringSubmatch(text)
	if block == nil {
		t.Fatal("README has no usage block")
	}
	help := usage()
	start := strings.Index(help, "  tmpllint [check]")
	end := strings.Index(help, "\nRun 'tmpllint")
	if start < 0 || end < 0 {
		t.Fatalf("usage text changed shape:\n%s", help)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(help[start:end], "\n"), "\n") {
		lines = append(lines, strings.TrimPrefix(l, "  "))
	}
	if want := strings.Join(lines, "\n") + "\n"; block[1] != want {
		t.Errorf("README usage:\n%s\n--help:\n%s", block[1], want)
	}
}
