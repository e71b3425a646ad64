package main

import (
	"strings"
	"testing"
)

// --no-inline-config reaches the runner in check and fix, and rules that are
// switched off may still be named in suppression comments.
func TestNoInlineConfigFlag(t *testing.T) {
	path := fixture("suppress-js-comments.html")
	tests := []struct {
		args     []string
		code     int
		contains string
		excludes string
	}{
		{[]string{"check", path}, 1, "Found 1 problem (1 error, 0 warnings, 0 info)", "TPL900"},
		{[]string{"check", "--no-inline-config", path}, 1, "[OIE001 no-set-cookie-and-redirect]", "TPL900"},
		{[]string{"check", "--ignore", "no-session-token", path}, 0, "No problems found", "TPL900"},
		{[]string{"check", fixture("suppress-no-reason.html")}, 1, "[TPL900 suppression-comment]", ""},
		{[]string{"check", "--no-inline-config", fixture("suppress-no-reason.html")}, 1, "Found 2 problems", "TPL900"},
		{[]string{"fix", "--diff", fixture("suppress-fix-protected.html")}, 1, "", "@@"},
		{[]string{"fix", "--diff", "--unsafe", "--no-inline-config", fixture("suppress-fix-protected.html")}, 1, "+            OktaUtil.completeLogin", ""},
	}
	for _, tt := range tests {
		got := tmpllint(t, "", tt.args...)
		if got.code != tt.code {
			t.Errorf("%v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", tt.args, got.code, tt.code, got.stdout, got.stderr)
		}
		if !strings.Contains(got.stdout, tt.contains) {
			t.Errorf("%v: stdout should contain %q:\n%s", tt.args, tt.contains, got.stdout)
		}
		if tt.excludes != "" && strings.Contains(got.stdout, tt.excludes) {
			t.Errorf("%v: stdout should not contain %q:\n%s", tt.args, tt.excludes, got.stdout)
		}
	}
}
