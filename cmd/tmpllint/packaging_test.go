package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The pre-commit hooks must select the files a directory walk lints, and
// run commands that exist.
func TestPreCommitHooks(t *testing.T) {
	content, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var ids, entries []string
	for _, line := range strings.Split(string(content), "\n") {
		key, value, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "- ")), ": ")
		if !ok {
			continue
		}
		switch key {
		case "id":
			ids = append(ids, value)
		case "entry":
			entries = append(entries, value)
		case "language":
			if value != "golang" {
				t.Errorf("language %q, want golang", value)
			}
		case "files":
			re := regexp.MustCompile(value)
			for _, name := range []string{"a.html", "b/c.htm", "view.hbs", "x.handlebars", "p.mustache"} {
				if !re.MatchString(name) {
					t.Errorf("files %q does not match %s", value, name)
				}
			}
			for _, name := range []string{"a.txt", "html", "a.html.bak"} {
				if re.MatchString(name) {
					t.Errorf("files %q matches %s", value, name)
				}
			}
		}
	}
	if strings.Join(ids, ",") != "tmpllint,tmpllint-fix" {
		t.Errorf("hook ids %v", ids)
	}
	for _, e := range entries {
		args := strings.Fields(e)
		if args[0] != "tmpllint" {
			t.Errorf("entry %q does not run tmpllint", e)
			continue
		}
		// pre-commit appends file names: the subcommand must accept them.
		// A copy, since the fix hook writes.
		path, _ := copyFixture(t, "default-oie.html", 0o644)
		if code, _, stderr := runCLI(append(args[1:], path)...); code != exitOK {
			t.Errorf("entry %q on a clean template: exit %d %s", e, code, stderr)
		}
	}
}
