package jsmodel

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestStandardJSON(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		err      bool
	}{
		{`{"a": 1}`, `{"a": 1}`, false},
		{"// c\n{\"a\": 1}", "    \n{\"a\": 1}", false},
		{"{\"a\": 1, /* x\r\ny */}", "{\"a\": 1      \r\n    }", false},
		{`{"a": [1, 2,], }`, `{"a": [1, 2 ]  }`, false},
		{`{"a": "// not a comment, /* nor this */",}`, `{"a": "// not a comment, /* nor this */" }`, false},
		{`{"a": "\"", "b": "\\",}`, `{"a": "\"", "b": "\\" }`, false},
		{`{"a": ",}"}`, `{"a": ",}"}`, false},
		{"\xef\xbb\xbf{}", "   {}", false},
		{`[1, // one` + "\n" + `]`, `[1        ` + "\n" + `]`, false},
		{`{"a": 1 /* open`, "", true},
		{`{"a": "open`, "", true},
		{`{"a": "\`, "", true},
		{`[1,,]`, `[1,,]`, false}, // not JSONC: for encoding/json to reject
		{`/`, `/`, false},         // nor this
		{``, ``, false},
	} {
		got, err := StandardJSON([]byte(tt.in))
		if (err != nil) != tt.err || !tt.err && string(got) != tt.want {
			t.Errorf("StandardJSON(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// FuzzStandardJSON: the result keeps the input's length and line breaks,
// standard JSON comes back unchanged, and reading the result again changes
// nothing.
func FuzzStandardJSON(f *testing.F) {
	for _, s := range []string{
		`{"compilerOptions": {"paths": {"@/*": ["src/*"],},},}`,
		"// c\n{/* b */\"a\": [1, 2,]}",
		`{"a": "\"//\\", "b": null}`,
		"\xef\xbb\xbf{}",
		`{"a": 1 /*`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := StandardJSON(in)
		if err != nil {
			return
		}
		if len(out) != len(in) {
			t.Fatalf("length %d, want %d", len(out), len(in))
		}
		for i := range in {
			if (in[i] == '\n' || in[i] == '\r') != (out[i] == '\n' || out[i] == '\r') {
				t.Fatalf("line break at %d changed: %q", i, out)
			}
		}
		if json.Valid(in) && !bytes.Equal(in, out) {
			t.Fatalf("standard JSON changed: %q", out)
		}
		again, err := StandardJSON(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("second reading: %q, %v; want %q", again, err, out)
		}
	})
}

func TestAliasesResolve(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "repo")
	writeTree(t, root, map[string]string{
		".git/HEAD": "ref",
		// The application: aliases through an extends chain.
		"app/tsconfig.json": `{
			// comments and trailing commas, as TypeScript reads them
			"extends": "./tsconfig.app",
			"compilerOptions": { "strict": true, },
		}`,
		"app/tsconfig.app.json": `{
			"extends": "../tsconfig.base.json",
			"compilerOptions": {
				"paths": {
					"@/*": ["src/*"],
					"@/config/*": ["config/*"],
					"~okta/*": ["generated/*", "src/okta/*"],
					"exact": ["src/exact.ts"],
					"exact*": ["src/wild/*"],
					"*.cfg": ["src/cfg/*"],
					"two/*/*": ["src/*"],
					"up/*": ["../../outside/*"],
					"abs/*": ["` + filepath.ToSlash(dir) + `/outside/*"],
					"in/*": ["` + filepath.ToSlash(root) + `/app/src/*"],
					"none/*": [],
					"star/*": ["src/*/*"],
				},
			},
		}`,
		"tsconfig.base.json":         `{ "compilerOptions": { "baseUrl": "./app", "paths": { "@/*": ["nowhere/*"] } } }`,
		"app/src/Login.tsx":          "",
		"app/src/oktaConfig.ts":      "",
		"app/src/okta/widget.ts":     "",
		"app/src/okta/both.ts":       "",
		"app/generated/both.ts":      "",
		"app/config/okta.ts":         "",
		"app/src/config/okta.ts":     "",
		"app/src/exact.ts":           "",
		"app/src/wild/ly.ts":         "",
		"app/src/cfg/okta.ts":        "",
		"app/src/index/index.ts":     "",
		"app/lib/base.ts":            "",
		"app/src/deep/x/Page.tsx":    "",
		"app/src/deep/x/local.ts":    "",
		"app/src/deep/tsconfig.json": `{ "compilerOptions": { "paths": { "#/*": ["./x/*"] } } }`,
		// Broken configurations: each resolves nothing.
		"loop/tsconfig.json":     `{ "extends": "./a.json", "compilerOptions": { "paths": { "@/*": ["*"] } } }`,
		"loop/a.json":            `{ "extends": "./tsconfig.json" }`,
		"loop/x.ts":              "",
		"bad/jsconfig.json":      `{ "compilerOptions": { "baseUrl": ".", `,
		"bad/x.ts":               "",
		"missing/tsconfig.json":  `{ "extends": "./nope.json", "compilerOptions": { "paths": { "@/*": ["*"] } } }`,
		"missing/x.ts":           "",
		"complete/tsconfig.json": `{ "extends": "./nope.json", "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["*"] } } }`,
		"complete/x.ts":          "",
		"escape/tsconfig.json":   `{ "extends": "../../outside/base.json" }`,
		"escape/x.ts":            "",
		"pkg/tsconfig.json":      `{ "extends": "@tsconfig/node20/tsconfig.json", "compilerOptions": { "paths": { "@/*": ["./*"] } } }`,
		"pkg/x.ts":               "",
		"list/tsconfig.json":     `{ "extends": ["./a.json"], "compilerOptions": { "paths": { "@/*": ["./*"] } } }`,
		"list/a.json":            `{}`,
		"list/x.ts":              "",
		"badpaths/tsconfig.json": `{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": "x" } } }`,
		"badpaths/x.ts":          "",
		// Solution configurations: the referenced projects decide.
		"vue/tsconfig.json":             `{ "files": [], "references": [{ "path": "./tsconfig.node.json" }, { "path": "./tsconfig.app.json" }, { "path": "./tsconfig.vitest.json" }] }`,
		"vue/tsconfig.node.json":        `{ "include": ["vite.config.*"], "compilerOptions": { "types": ["node"] } }`,
		"vue/tsconfig.app.json":         `{ "extends": "@vue/tsconfig/tsconfig.dom.json", "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }`,
		"vue/tsconfig.vitest.json":      `{ "extends": "./tsconfig.app.json", "include": ["src/**/__tests__/*"] }`,
		"vue/src/components/SignIn.vue": "",
		"vue/src/okta.ts":               "",
		"split/tsconfig.json":           `{ "files": [], "references": [{ "path": "./a.json" }, { "path": "./b.json" }] }`,
		"split/a.json":                  `{ "compilerOptions": { "paths": { "@/*": ["./a/*"] } } }`,
		"split/b.json":                  `{ "compilerOptions": { "paths": { "@/*": ["./b/*"] } } }`,
		"split/a/okta.ts":               "",
		"split/b/okta.ts":               "",
		"split/a/only.ts":               "",
		"split/x.ts":                    "",
		"brokenref/tsconfig.json":       `{ "references": [{ "path": "./nope.json" }, { "path": "./ok.json" }] }`,
		"brokenref/ok.json":             `{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }`,
		"brokenref/x.ts":                "",
		"dirref/tsconfig.json":          `{ "references": [{ "path": "./web" }] }`,
		"dirref/web/tsconfig.json":      `{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }`,
		"dirref/web/src/okta.ts":        "",
		"dirref/x.ts":                   "",
		"ownpaths/tsconfig.json":        `{ "compilerOptions": { "paths": {} }, "references": [{ "path": "./a.json" }] }`,
		"ownpaths/a.json":               `{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }`,
		"ownpaths/x.ts":                 "",
		// No configuration: no alias is guessed.
		"plain/src/x.ts":      "",
		"plain/src/config.ts": "",
	})
	writeTree(t, dir, map[string]string{
		"outside/okta.ts":       "",
		"outside/tsconfig.json": `{ "compilerOptions": { "baseUrl": "." } }`,
		// A base out of the repository, pointing into it.
		"outside/base.json": `{ "compilerOptions": { "baseUrl": "../repo/escape" } }`,
	})
	a := NewAliases()
	for _, tt := range []struct {
		from, spec, want string // paths relative to root; want "" for none
	}{
		{"app/src/Login.tsx", "@/oktaConfig", "app/src/oktaConfig.ts"},
		{"app/src/Login.tsx", "@/oktaConfig.js", "app/src/oktaConfig.ts"}, // TypeScript's ES module specifier
		{"app/src/Login.tsx", "@/config/okta", "app/config/okta.ts"},      // the longest prefix wins
		{"app/src/Login.tsx", "~okta/widget", "app/src/okta/widget.ts"},   // the second target
		{"app/src/Login.tsx", "~okta/both", "app/generated/both.ts"},      // the first target found
		{"app/src/Login.tsx", "exact", "app/src/exact.ts"},                // an exact pattern first
		{"app/src/Login.tsx", "exactly", "app/src/wild/ly.ts"},            // a wildcard at the end
		{"app/src/Login.tsx", "okta.cfg", "app/src/cfg/okta.ts"},          // a suffix
		{"app/src/Login.tsx", "@/index", "app/src/index/index.ts"},        // an index file
		{"app/src/Login.tsx", "lib/base", "app/lib/base.ts"},              // baseUrl, from the chain's end
		{"app/src/Login.tsx", "in/oktaConfig", "app/src/oktaConfig.ts"},   // an absolute target inside
		{"app/src/deep/x/Page.tsx", "#/local", "app/src/deep/x/local.ts"}, // the nearest configuration
		{"app/src/deep/x/Page.tsx", "@/oktaConfig", ""},                   // ... and only it
		{"complete/x.ts", "@/x", "complete/x.ts"},                         // a missing base that could change nothing
		{"pkg/x.ts", "@/x", "pkg/x.ts"},                                   // a package's base is not read
		{"app/src/Login.tsx", "@/missing", ""},
		{"app/src/Login.tsx", "~okta/missing", ""},
		{"app/src/Login.tsx", "two/a/b", ""},                 // a pattern with two wildcards is not one
		{"app/src/Login.tsx", "star/oktaConfig", ""},         // nor a target
		{"app/src/Login.tsx", "none/x", ""},                  // no targets, and no baseUrl file
		{"app/src/Login.tsx", "up/okta", ""},                 // '..' out of the root
		{"app/src/Login.tsx", "@/../../../outside/okta", ""}, // ... through the wildcard
		{"app/src/Login.tsx", "abs/okta", ""},                // an absolute target outside
		{"app/src/Login.tsx", "./oktaConfig", ""},            // relative: ResolveModule's
		{"app/src/Login.tsx", "/etc/passwd", ""},
		{"app/src/Login.tsx", "", ""},
		{"app/src/Login.tsx", "@/okta\x00", ""},
		{"app/src/Login.tsx", "react", ""},
		{"vue/src/components/SignIn.vue", "@/okta", "vue/src/okta.ts"},
		{"split/x.ts", "@/only", "split/a/only.ts"}, // one reference resolves it
		{"split/x.ts", "@/okta", ""},                // two disagree
		{"brokenref/x.ts", "@/x", ""},
		{"dirref/x.ts", "@/okta", "dirref/web/src/okta.ts"},
		{"ownpaths/x.ts", "@/x", ""}, // its own paths, though empty, decide
		{"loop/x.ts", "@/x", ""},
		{"bad/x.ts", "x", ""},
		{"missing/x.ts", "@/x", ""},
		{"escape/x.ts", "x", ""},
		{"list/x.ts", "@/x", ""},
		{"badpaths/x.ts", "x", ""},
		{"plain/src/x.ts", "@/config", ""},
		{"plain/src/x.ts", "src/config", ""},
		{"plain/src/x.ts", "config", ""},
	} {
		got, ok := a.Resolve(root, filepath.Join(root, filepath.FromSlash(tt.from)), tt.spec)
		want := ""
		if tt.want != "" {
			want = filepath.Join(root, filepath.FromSlash(tt.want))
		}
		if ok != (want != "") || got != want {
			t.Errorf("%s: Resolve(%q) = %q, %v; want %q", tt.from, tt.spec, got, ok, want)
		}
	}
	// Each configuration file is read once per chain it is in: asking
	// again reads nothing.
	reads := a.Reads()
	if _, ok := a.Resolve(root, filepath.Join(root, "app", "src", "okta", "widget.ts"), "@/oktaConfig"); !ok {
		t.Error("a second directory of the application: not resolved")
	}
	if _, ok := a.Resolve(root, filepath.Join(root, "app", "src", "Login.tsx"), "@/missing"); ok {
		t.Error("@/missing resolved")
	}
	if got := a.Reads(); got != reads {
		t.Errorf("asking again read %d configuration files, want 0", got-reads)
	}
	// The repository root bounds the walk: a file whose root is its own
	// directory does not see a configuration above it.
	if _, ok := a.Resolve(filepath.Join(root, "app", "src"), filepath.Join(root, "app", "src", "Login.tsx"), "@/oktaConfig"); ok {
		t.Error("a configuration above the root was read")
	}
}

// TestAliasesSymlinks: a configuration or a target reached through a
// symbolic link out of the repository is not followed.
func TestAliasesSymlinks(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "repo")
	writeTree(t, root, map[string]string{
		".git/HEAD":       "ref",
		"a/tsconfig.json": `{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }`,
		"a/src/x.ts":      "",
		"b/x.ts":          "",
		"c/tsconfig.json": `{ "extends": "./base.json" }`,
		"c/x.ts":          "",
		"d/tsconfig.json": `{ "compilerOptions": { "baseUrl": "." } }`,
		"d/sub/x.ts":      "",
	})
	writeTree(t, dir, map[string]string{
		"outside/tsconfig.json": `{ "compilerOptions": { "baseUrl": "." } }`,
		"outside/okta.ts":       "",
	})
	links := map[string]string{
		filepath.Join(root, "a", "src", "okta.ts"):       filepath.Join(dir, "outside", "okta.ts"),
		filepath.Join(root, "b", "tsconfig.json"):        filepath.Join(dir, "outside", "tsconfig.json"),
		filepath.Join(root, "c", "base.json"):            filepath.Join(dir, "outside", "tsconfig.json"),
		filepath.Join(root, "d", "sub", "tsconfig.json"): filepath.Join(dir, "outside", "tsconfig.json"),
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	a := NewAliases()
	for _, tt := range []struct{ from, spec string }{
		{"a/src/x.ts", "@/okta"},   // a target linked out
		{"b/x.ts", "okta"},         // a configuration linked out
		{"c/x.ts", "okta"},         // a base linked out
		{"d/sub/x.ts", "okta"},     // a link hides the configuration above
		{"d/sub/x.ts", "sub/x.ts"}, // ... which would find this
	} {
		if got, ok := a.Resolve(root, filepath.Join(root, filepath.FromSlash(tt.from)), tt.spec); ok {
			t.Errorf("%s: Resolve(%q) = %q", tt.from, tt.spec, got)
		}
	}
}
