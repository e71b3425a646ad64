package main

import (
	"github.com/tmpllint/tmpllint/linter"
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
	var files []*regexp.Regexp
	var excludes []*regexp.Regexp
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
			files = append(files, regexp.MustCompile(value))
		case "exclude":
			excludes = append(excludes, regexp.MustCompile(value))
		}
	}
	if len(files) != 2 || len(excludes) != 2 {
		t.Fatalf("want files and exclude in both hooks, got %d and %d", len(files), len(excludes))
	}
	// pre-commit passes the files it selects by name, and a named file is
	// always linted: the hooks must select what a directory walk would.
	names := []string{
		"a.html", "b/c.htm", "view.hbs", "x.handlebars", "p.mustache", "page.ejs", "Login.vue",
		"src/app.js", "m.mjs", "c.cjs", "Login.jsx", "svc.ts", "a.mts", "Comp.tsx",
		"a.txt", "html", "a.html.bak", "style.css", "data.json", "package.json",
		"public/bundle.min.js", "types/index.d.ts", "x.d.mts", "static/okta-sign-in.js", "okta-sign-in.no-polyfill.min.js",
		"node_modules/x/a.js", "web/dist/a.js", "build/x.html", "vendor/a/b.html", "app/.next/x.js",
		"distribution/a.js", "builder.js", "rebuild/a.ts",
	}
	for i := range files {
		for _, name := range names {
			selected := files[i].MatchString(name) && !excludes[i].MatchString(name)
			want := linter.Walked(name)
			if selected != want {
				t.Errorf("hook %d selects %s: %v, a directory walk: %v", i, name, selected, want)
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
