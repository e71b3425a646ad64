package report

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestWorkflowCommandEscaping(t *testing.T) {
	tests := []struct{ in, data, property string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"%0A", "%250A", "%250A"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"::x::", "::x::", "%3A%3Ax%3A%3A"},
		{"k=v;]", "k=v;]", "k=v;]"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.property {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.property)
		}
		if got := unescapeRunner(escapeProperty(tt.in), true); got != tt.in {
			t.Errorf("property %q does not round-trip: %q", tt.in, got)
		}
		if got := unescapeRunner(escapeData(tt.in), false); got != tt.in {
			t.Errorf("data %q does not round-trip: %q", tt.in, got)
		}
	}
}

// unescapeRunner undoes the escaping as the Actions runner does.
func unescapeRunner(s string, property bool) string {
	s = strings.ReplaceAll(s, "%0D", "\r")
	s = strings.ReplaceAll(s, "%0A", "\n")
	if property {
		s = strings.ReplaceAll(s, "%3A", ":")
		s = strings.ReplaceAll(s, "%2C", ",")
	}
	return strings.ReplaceAll(s, "%25", "%")
}

func TestGitHubFilePath(t *testing.T) {
	ws := t.TempDir()
	abs := filepath.Join(ws, "templates", "a.html")
	if got := githubFilePath(abs, ws); got != "templates/a.html" {
		t.Errorf("inside the workspace: %q", got)
	}
	outside := filepath.Join(t.TempDir(), "b.html")
	if got := githubFilePath(outside, ws); got != filepath.ToSlash(outside) {
		t.Errorf("outside the workspace: %q", got)
	}
	if got := githubFilePath(filepath.Join("x", "y.html"), ""); got != "x/y.html" {
		t.Errorf("no workspace: %q", got)
	}
}
