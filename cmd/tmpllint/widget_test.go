package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPackageVersions(t *testing.T) {
	outer := t.TempDir()
	root := filepath.Join(outer, "project")
	writeTree(t, outer, map[string]string{
		// Above the repository root: another project's, never read.
		"package.json": `{"dependencies": {"@okta/okta-signin-widget": "7.20.0"}}`,
	})
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeTree(t, root, map[string]string{
		"package.json":               `{"dependencies": {"@okta/okta-signin-widget": "^5.16.0", "react": "^18"}}`,
		"src/Login.jsx":              "",
		"packages/web/package.json":  `{"name": "web", "dependencies": {"react": "^18"}}`,
		"packages/web/src/a.ts":      "",
		"packages/old/package.json":  `{"devDependencies": {"@okta/okta-signin-widget": ">=5.2.0 <7"}}`,
		"packages/old/src/a.ts":      "",
		"packages/git/package.json":  `{"dependencies": {"@okta/okta-signin-widget": "github:okta/okta-signin-widget"}}`,
		"packages/git/a.js":          "",
		"packages/bad/package.json":  `{"dependencies": `,
		"packages/bad/a.js":          "",
		"other/nested/deep/x.vue":    "",
		"packages/peer/package.json": `{"peerDependencies": {"@okta/okta-signin-widget": "~6.9.1"}}`,
		"packages/peer/index.js":     "",
	})
	t.Chdir(root)
	p := newPackageVersions(root)
	tests := []struct{ path, want string }{
		{"src/Login.jsx", `5.16.0 from package.json ("^5.16.0")`},
		{"packages/web/src/a.ts", `5.16.0 from package.json ("^5.16.0")`}, // nearest with the dependency
		{"packages/old/src/a.ts", `5.2.0 from packages/old/package.json (">=5.2.0 <7")`},
		{"packages/git/a.js", ""}, // a dependency without a version: none assumed
		{"packages/bad/a.js", `5.16.0 from package.json ("^5.16.0")`},
		{"other/nested/deep/x.vue", `5.16.0 from package.json ("^5.16.0")`},
		{"packages/peer/index.js", `6.9.1 from packages/peer/package.json ("~6.9.1")`},
		{"-", `5.16.0 from package.json ("^5.16.0")`},
	}
	for _, tt := range tests {
		got := ""
		if v := p.lookup(tt.path); v != nil {
			got = v.Version.String() + " from " + v.Origin
			if v.Explicit {
				t.Errorf("%s: a package.json version must not override the file's own", tt.path)
			}
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.path, got, tt.want)
		}
	}

	// Outside any repository the search goes up to the file system root;
	// here it finds the outer package.json.
	p = newPackageVersions(outer)
	writeTree(t, outer, map[string]string{"loose/a.js": ""})
	if v := p.lookup(filepath.Join(outer, "loose", "a.js")); v == nil || v.Version.String() != "7.20.0" {
		t.Errorf("outer package.json not found: %v", v)
	}
}
