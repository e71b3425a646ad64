package jsmodel

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestWorkspacesResolve(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "repo")
	writeTree(t, root, map[string]string{
		".git/HEAD":    "ref",
		"package.json": `{ "name": "mono", "private": true, "workspaces": ["packages/*", "apps/*", "!packages/skipped", "tools/**", "../*"] }`,
		// Entries by main, module, exports (with conditions, subpaths
		// and a pattern) and the index file.
		"packages/main/package.json":               `{ "name": "@acme/main", "main": "./src/index.ts" }`,
		"packages/main/src/index.ts":               "",
		"packages/main/src/widget.ts":              "",
		"packages/module/package.json":             `{ "name": "@acme/module", "main": "dist/index.js", "module": "src/okta.js" }`,
		"packages/module/src/okta.js":              "",
		"packages/index/package.json":              `{ "name": "index-only" }`,
		"packages/index/index.ts":                  "",
		"packages/exports/package.json":            `{ "name": "@acme/exports", "main": "./main.ts", "exports": { ".": { "types": "./dist/index.d.ts", "import": "./src/okta.ts" }, "./widget": ["./src/widget.ts"], "./config/*": "./src/config/*.ts", "./config/private/*": null } }`,
		"packages/exports/main.ts":                 "",
		"packages/exports/src/okta.ts":             "",
		"packages/exports/src/widget.ts":           "",
		"packages/exports/src/hidden.ts":           "",
		"packages/exports/src/config/a.ts":         "",
		"packages/exports/src/config/private/b.ts": "",
		"packages/string/package.json":             `{ "name": "string-export", "exports": "./okta.ts" }`,
		"packages/string/okta.ts":                  "",
		"packages/built/package.json":              `{ "name": "@acme/built", "main": "./dist/index.js" }`,
		"packages/escape/package.json":             `{ "name": "@acme/escape", "main": "../../../outside/okta.ts" }`,
		"packages/skipped/package.json":            `{ "name": "@acme/skipped", "main": "index.ts" }`,
		"packages/skipped/index.ts":                "",
		"packages/twice-a/package.json":            `{ "name": "@acme/twice", "main": "index.ts" }`,
		"packages/twice-a/index.ts":                "",
		"packages/twice-b/package.json":            `{ "name": "@acme/twice", "main": "index.ts" }`,
		"packages/twice-b/index.ts":                "",
		"packages/nested/package.json":             `{ "name": "@acme/main/nested", "main": "index.ts" }`,
		"packages/nested/index.ts":                 "",
		"packages/bad/package.json":                `{ "name": `,
		"tools/deep/x/package.json":                `{ "name": "deep-tool", "main": "index.ts" }`,
		"tools/deep/x/index.ts":                    "",
		"apps/web/package.json":                    `{ "name": "web" }`,
		"apps/web/src/Login.tsx":                   "",
		"notws/src/x.ts":                           "",
		// A nested workspace root is the nearest one.
		"apps/inner/package.json":          `{ "name": "inner", "workspaces": { "packages": ["libs/*"] } }`,
		"apps/inner/libs/cfg/package.json": `{ "name": "inner-cfg", "main": "cfg.ts" }`,
		"apps/inner/libs/cfg/cfg.ts":       "",
		"apps/inner/src/App.tsx":           "",
		// pnpm's list.
		"pnpm/pnpm-workspace.yaml":    "packages:\n  - 'libs/*'\n",
		"pnpm/libs/okta/package.json": `{ "name": "@pnpm/okta", "main": "okta.ts" }`,
		"pnpm/libs/okta/okta.ts":      "",
		"pnpm/app/main.ts":            "",
	})
	writeTree(t, dir, map[string]string{
		"outside/okta.ts":      "",
		"outside/package.json": `{ "name": "outside-pkg", "main": "okta.ts" }`,
	})
	w := NewWorkspaces()
	login := "apps/web/src/Login.tsx"
	for _, tt := range []struct {
		from, spec, want string // relative to root; want "" for none
	}{
		{login, "@acme/main", "packages/main/src/index.ts"},
		{login, "@acme/main/src/widget", "packages/main/src/widget.ts"}, // a file, without exports
		{login, "@acme/main/nested", "packages/nested/index.ts"},        // the longest name
		{login, "@acme/module", "packages/module/src/okta.js"},
		{login, "index-only", "packages/index/index.ts"},
		{login, "@acme/exports", "packages/exports/src/okta.ts"}, // import, not types
		{login, "@acme/exports/widget", "packages/exports/src/widget.ts"},
		{login, "@acme/exports/config/a", "packages/exports/src/config/a.ts"},
		{login, "@acme/exports/config/private/b", ""}, // null: hidden
		{login, "@acme/exports/src/hidden", ""},       // exports hides it
		{login, "string-export", "packages/string/okta.ts"},
		{login, "string-export/okta", ""},
		{login, "@acme/built", ""},   // build output that is not there
		{login, "@acme/escape", ""},  // out of the repository
		{login, "@acme/skipped", ""}, // excluded by '!'
		{login, "@acme/twice", ""},   // two packages of one name
		{login, "deep-tool", ""},     // '**' is not expanded
		{login, "outside-pkg", ""},   // a pattern out of the workspace root
		{login, "@acme/mainly", ""},
		{login, "react", ""},
		{login, "./x", ""},
		{login, "/etc/passwd", ""},
		{login, "", ""},
		{"notws/src/x.ts", "@acme/main", "packages/main/src/index.ts"}, // the root's workspaces cover the repository
		{"apps/inner/src/App.tsx", "inner-cfg", "apps/inner/libs/cfg/cfg.ts"},
		{"apps/inner/src/App.tsx", "@acme/main", ""}, // the nearest root only
		{"pnpm/app/main.ts", "@pnpm/okta", "pnpm/libs/okta/okta.ts"},
	} {
		got, ok := w.Resolve(root, filepath.Join(root, filepath.FromSlash(tt.from)), tt.spec)
		want := ""
		if tt.want != "" {
			want = filepath.Join(root, filepath.FromSlash(tt.want))
		}
		if ok != (want != "") || got != want {
			t.Errorf("%s: Resolve(%q) = %q, %v; want %q", tt.from, tt.spec, got, ok, want)
		}
	}
	// A package linked out of the repository is not read.
	if err := os.Symlink(filepath.Join(dir, "outside"), filepath.Join(root, "packages", "linked")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	writeTree(t, dir, map[string]string{"outside/package.json": `{ "name": "linked", "main": "okta.ts" }`})
	if got, ok := NewWorkspaces().Resolve(root, filepath.Join(root, login), "linked"); ok {
		t.Errorf("a package linked out of the repository: %q", got)
	}
}

func TestPackageExport(t *testing.T) {
	for _, tt := range []struct {
		exports, key, want string
		ok                 bool
	}{
		{`"./a.js"`, ".", "./a.js", true},
		{`"./a.js"`, "./b", "", false},
		{`{ "import": "./a.mjs", "require": "./a.cjs" }`, ".", "./a.mjs", true},
		{`{ "types": "./a.d.ts", "node": "./n.js", "default": "./a.js" }`, ".", "./a.js", true},
		{`{ ".": { "import": { "types": "./a.d.ts", "default": "./a.mjs" } } }`, ".", "./a.mjs", true},
		{`{ "./*": "./src/*.ts", "./x/*": "./x/*.ts" }`, "./x/y", "./x/y.ts", true},
		{`{ "./*": "./src/*.ts" }`, "./a/b", "./src/a/b.ts", true},
		{`{ "./a": null }`, "./a", "", false},
		{`{ "./a": [null, "./b.js"] }`, "./a", "./b.js", true},
		{`{ "./a": { "types": "./a.d.ts" } }`, "./a", "", false},
		{`[1, 2]`, ".", "", false},
		{`{ "default": { "default": { "default": { "default": { "default": { "default": "./a.js" } } } } } }`, ".", "", false}, // too deep
		{`{ "default": { "default": "./a.js" } }`, ".", "./a.js", true},
	} {
		got, ok := packageExport(json.RawMessage(tt.exports), tt.key)
		if ok != tt.ok || got != tt.want {
			t.Errorf("packageExport(%s, %q) = %q, %v; want %q, %v", tt.exports, tt.key, got, ok, tt.want, tt.ok)
		}
	}
}
