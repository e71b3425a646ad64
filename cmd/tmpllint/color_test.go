package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestUseColor(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	var buf bytes.Buffer
	tests := []struct {
		mode string
		vars map[string]string
		want bool
	}{
		{"always", map[string]string{"NO_COLOR": "1"}, true},
		{"never", nil, false},
		{"auto", nil, false}, // a buffer is no terminal
		{"auto", map[string]string{"NO_COLOR": "1"}, false},
	}
	for _, tt := range tests {
		if got, err := useColor(tt.mode, &buf, env(tt.vars)); err != nil || got != tt.want {
			t.Errorf("useColor(%q, %v) = %v, %v; want %v", tt.mode, tt.vars, got, err, tt.want)
		}
	}
	if _, err := useColor("sometimes", &buf, env(nil)); err == nil {
		t.Error("useColor accepted an unknown mode")
	}
	// A regular file is no terminal either.
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := useColor("auto", f, env(nil)); got {
		t.Error("auto colors a regular file")
	}
}

var ansiCode = regexp.MustCompile("\x1b\\[[0-9;]*m")

// Colored output is the plain output plus escape codes, nothing else: the
// caret still lines up once the codes are gone.
func TestColorOnlyAddsEscapes(t *testing.T) {
	fixture := "../../testdata/templates/layout-non-ascii.html"
	code, plain, _ := runCLI("check", "--color", "never", fixture)
	_, colored, _ := runCLI("check", "--color", "always", fixture)
	if code != exitFindings || strings.Contains(plain, "\x1b[") || !strings.Contains(colored, "\x1b[") {
		t.Fatalf("exit %d; plain has escapes or colored has none", code)
	}
	if stripped := ansiCode.ReplaceAllString(colored, ""); stripped != plain {
		t.Errorf("colored output differs from plain output beyond escape codes:\n%s\n---\n%s", stripped, plain)
	}
	if _, quiet, _ := runCLI("check", "--quiet", "--color", "never", fixture); strings.Contains(quiet, "Found ") || !strings.Contains(quiet, "OIE001") {
		t.Errorf("--quiet output: %s", quiet)
	}
}
