package jsmodel

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

func parseModule(t *testing.T, name, code string) (*lint.File, *Module) {
	t.Helper()
	f, err := lint.Parse(lint.NewSource(name, []byte(code)))
	if err != nil {
		t.Fatal(err)
	}
	return f, ModuleOf(f)
}

// describeExport writes an export as the test tables do: name=value text
// (the exact bytes of its Value span), name<local, name<from#imported, or
// *<from; the name's token text follows an @.
func describeExport(f *lint.File, e Export) string {
	var b strings.Builder
	switch e.Kind {
	case ExportAll:
		b.WriteString("*<" + e.From)
	case ExportFrom:
		b.WriteString(e.Name + "<" + e.From + "#" + e.Imported)
	default:
		b.WriteString(e.Name)
		if !e.Value.Empty() {
			from, to := ByteSpan(e.S, e.Value)
			b.WriteString("=" + string(f.Content[from:to]))
		} else if e.Local != "" {
			b.WriteString("<" + e.Local)
		}
	}
	b.WriteString("@" + e.S.Text(e.S.Tokens[e.NameTok]))
	if e.Spec >= 0 {
		b.WriteString(" " + e.S.Text(e.S.Tokens[e.Spec]))
	}
	return b.String()
}

func TestExports(t *testing.T) {
	for _, tt := range []struct {
		name, code string
		want       []string
	}{
		{"const.ts", "export const oktaConfig = { clientId: 'x' };", []string{"oktaConfig={ clientId: 'x' }@oktaConfig"}},
		{"typed.ts", "export const oktaConfig: WidgetOptions = {\n  issuer,\n};\nexport let a = 1, b = f(2, 3);", []string{"oktaConfig={\n  issuer,\n}@oktaConfig", "a=1@a", "b=f(2, 3)@b"}},
		{"default-literal.js", "export default {\n  baseUrl: 'https://x',\n}\n", []string{"default={\n  baseUrl: 'https://x',\n}@default"}},
		{"default-name.js", "const config = {}; export default config;", []string{"default<config@default"}},
		{"list.js", "const a = {}, c = {}; export { a as oktaConfig, c, a as default };", []string{"oktaConfig<a@oktaConfig", "c<c@c", "default<a@default"}},
		{"reexport.ts", "export { oktaConfig } from './oktaConfig';\nexport { default as widgetConfig, x as y } from \"../widget\";", []string{
			"oktaConfig<./oktaConfig#oktaConfig@oktaConfig './oktaConfig'",
			"widgetConfig<../widget#default@widgetConfig \"../widget\"",
			"y<../widget#x@y \"../widget\"",
		}},
		{"star.ts", "export * from './a'; export * as ns from './b';", []string{"*<./a@* './a'", "ns<./b#*@ns './b'"}},
		{"function.ts", "export function makeConfig() { return {}; }\nexport class Widget {}\nexport async function load() {}", []string{"makeConfig<makeConfig@makeConfig", "Widget<Widget@Widget", "load<load@load"}},
		{"types.ts", "export type Config = { a: string };\nexport interface X { a: 1 }\nexport type { Y } from './y';\nexport { type Z, w };\nconst w = 1;", []string{"w<w@w"}},
		{"cjs.js", "module.exports = {\n  oktaConfig,\n  other: { issuer: 'i' },\n};", []string{
			"default={\n  oktaConfig,\n  other: { issuer: 'i' },\n}@module",
			"oktaConfig<oktaConfig@oktaConfig",
			"other={ issuer: 'i' }@other",
		}},
		{"cjs-members.js", "exports.oktaConfig = { clientId: 'c' };\nmodule.exports.b = b;\nmodule.exports['c'] = 3;", []string{
			"oktaConfig={ clientId: 'c' }@oktaConfig", "b<b@b", "c=3@'c'",
		}},
		{"cjs-name.js", "const cfg = {}; module.exports = cfg;", []string{"default<cfg@module"}},
		// Not exports: a property named exports, a comparison, nested code,
		// a string and a comment.
		{"not.js", "obj.exports = 1; if (module.exports == x) {}\nfunction f() { exports.a = 1; }\nvar s = 'export const a = 1'; // export const b = 2", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, m := parseModule(t, tt.name, tt.code)
			var got []string
			for _, e := range m.Exports {
				got = append(got, describeExport(f, e))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("exports of %q:\n got %q\nwant %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestImports(t *testing.T) {
	for _, tt := range []struct {
		name, code string
		want       []string // local=imported<from, then the local token's offset
	}{
		{"named.tsx", "import { oktaConfig } from './oktaConfig';", []string{"oktaConfig=oktaConfig<./oktaConfig@9"}},
		{"alias.ts", "import { oktaConfig as cfg, type T, other } from '../config';", []string{"cfg=oktaConfig<../config@23", "other=other<../config@36"}},
		{"default.js", "import config from './config'\nimport def, { a } from './b'", []string{"config=default<./config@7", "def=default<./b@37", "a=a<./b@44"}},
		{"namespace.js", "import * as ns from './config';", []string{"ns=*<./config@12"}},
		{"default-as.js", "import { default as cfg } from './config';", []string{"cfg=default<./config@20"}},
		{"type-only.ts", "import type { Config } from './config';\nimport './side-effect';", nil},
		{"require.js", "const cfg = require('./config');\nconst { oktaConfig, b: c } = require('./okta');\nconst d = require(\"./d\").oktaConfig;", []string{
			"cfg=*<./config@6", "oktaConfig=oktaConfig<./okta@41", "c=b<./okta@56", "d=oktaConfig<./d@87",
		}},
		{"ts-require.ts", "import cfg = require('./config');", []string{"cfg=*<./config@7"}},
		// A require whose result is used otherwise binds nothing.
		{"require-call.js", "const x = require('./f')(1); require('./g');", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, m := parseModule(t, tt.name, tt.code)
			var got []string
			for _, im := range m.Imports {
				got = append(got, im.Local+"="+im.Imported+"<"+im.From+"@"+strconv.Itoa(im.S.Tokens[im.LocalTok].Start))
				if v, _ := StringValue(im.S, im.Spec); v != im.From {
					t.Errorf("import %s: specifier token says %q, From %q", im.Local, v, im.From)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("imports of %q:\n got %q\nwant %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestLocalValue(t *testing.T) {
	for _, tt := range []struct {
		code, name, want string
		ok               bool
	}{
		{"const config = { a: 1 };\nexport default config;", "config", "{ a: 1 }", true},
		{"let config: Options = { a: 1 }, b = 2;", "b", "2", true},
		{"let config = {};\nconfig = other;", "config", "", false},
		{"function f() { const config = {}; }", "config", "", false},
		{"import config from './x';", "config", "", false},
	} {
		f, _ := parseModule(t, "m.ts", tt.code)
		s, sp, ok := LocalValue(f, tt.name)
		got := ""
		if ok {
			from, to := ByteSpan(s, sp)
			got = string(f.Content[from:to])
		}
		if ok != tt.ok || got != tt.want {
			t.Errorf("LocalValue(%q, %s) = %q, %v; want %q, %v", tt.code, tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// writeTree creates files (path: content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestResolveModule(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "repo")
	writeTree(t, root, map[string]string{
		".git/HEAD":              "ref",
		"src/Login.tsx":          "",
		"src/oktaConfig.ts":      "",
		"src/config/index.ts":    "",
		"src/both.js":            "",
		"src/both/index.ts":      "",
		"src/esm.ts":             "",
		"src/plain.mjs":          "",
		"src/Widget.vue":         "",
		"src/data.json":          "",
		"src/deep/a/b.cjs":       "",
		"lib/shared.js":          "",
		"src/dir-only/README.md": "",
	})
	writeTree(t, dir, map[string]string{"outside.ts": ""})
	// A link inside the repository to a file outside of it is not
	// followed; one to a file inside is.
	if err := os.Symlink(filepath.Join(dir, "outside.ts"), filepath.Join(root, "src", "escape.ts")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(filepath.Join(root, "lib", "shared.js"), filepath.Join(root, "src", "linked.js")); err != nil {
		t.Fatal(err)
	}
	from := filepath.Join(root, "src", "Login.tsx")
	for _, tt := range []struct {
		spec, want string // want relative to root; "" for none
	}{
		{"./oktaConfig", "src/oktaConfig.ts"},
		{"./oktaConfig.ts", "src/oktaConfig.ts"},
		{"./config", "src/config/index.ts"},
		{"./config/", "src/config/index.ts"},
		{"./config/index", "src/config/index.ts"},
		{"./both", "src/both.js"},  // a file before a directory's index
		{"./esm.js", "src/esm.ts"}, // TypeScript's ES module specifier
		{"./plain", "src/plain.mjs"},
		{"./Widget.vue", "src/Widget.vue"},
		{"./Widget", "src/Widget.vue"},
		{"./deep/a/b", "src/deep/a/b.cjs"},
		{"../lib/shared", "lib/shared.js"},
		{"./linked", "src/linked.js"},
		{"./escape", ""},
		{"../../outside", ""},
		{"./missing", ""},
		{"./dir-only", ""},
		{"./data", ""},
		{"oktaConfig", ""},
		{"@okta/okta-signin-widget", ""},
		{"@/config", ""},
		{"/etc/passwd", ""},
	} {
		got, ok := ResolveModule(root, from, tt.spec)
		want := ""
		if tt.want != "" {
			want = filepath.Join(root, filepath.FromSlash(tt.want))
		}
		if ok != (want != "") || got != want {
			t.Errorf("ResolveModule(%q) = %q, %v; want %q", tt.spec, got, ok, want)
		}
	}
	if got := RepositoryRoot(from); got != root {
		t.Errorf("RepositoryRoot = %q, want %q", got, root)
	}
}

func TestUntouched(t *testing.T) {
	for _, tt := range []struct {
		name, code, export string
		want               bool
	}{
		{"a.ts", "export const oktaConfig: Options = { clientId: 'c' };", "oktaConfig", true},
		{"b.js", "const c = { clientId: 'c' };\nexport { c as oktaConfig };\nexport default c;", "oktaConfig", true},
		{"c.js", "export default { clientId: 'c' };", "default", true},
		{"d.js", "const oktaConfig = {};\nmodule.exports = { oktaConfig };", "oktaConfig", true},
		{"e.js", "module.exports = { clientId: 'c' };", "default", true},
		// The module changes, or may change, the object it exports.
		{"f.ts", "export const oktaConfig = { clientId: 'c' };\noktaConfig.useInteractionCodeFlow = true;", "oktaConfig", false},
		{"g.ts", "export const oktaConfig = {};\nObject.assign(oktaConfig, defaults);", "oktaConfig", false},
		{"h.ts", "const c = {};\nsetup(c);\nexport { c as oktaConfig };", "oktaConfig", false},
		{"i.js", "module.exports = { clientId: 'c' };\nmodule.exports.useInteractionCodeFlow = true;", "default", false},
		{"j.js", "exports.oktaConfig = { clientId: 'c' };\nexports.oktaConfig.clientId = id;", "oktaConfig", false},
	} {
		f, m := parseModule(t, tt.name, tt.code)
		e, ok := m.Named(tt.export)
		if !ok {
			t.Fatalf("%s: no export %s", tt.name, tt.export)
		}
		if got := Untouched(f, e); got != tt.want {
			t.Errorf("Untouched(%q, %s) = %v, want %v", tt.code, tt.export, got, tt.want)
		}
	}
}

// TestModuleOfFixtures reads the exports and imports of every fixture and
// hostile input: nothing panics, and every span lies inside its script.
func TestModuleOfFixtures(t *testing.T) {
	var paths []string
	for _, dir := range []string{"templates", "bad", "imports/src", "imports/src/*"} {
		found, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*"))
		paths = append(paths, found...)
	}
	exports := 0
	for _, path := range paths {
		content, err := os.ReadFile(path)
		if err != nil {
			continue // a directory
		}
		f, err := lint.Parse(lint.NewSource(path, content))
		if err != nil {
			continue // binary: refused before any rule runs
		}
		m := ModuleOf(f)
		in := func(s *Script, sp Span, what string) {
			if !sp.Empty() && (sp.From < 0 || sp.To > len(s.Tokens)) {
				t.Errorf("%s: %s span %v outside %d tokens", path, what, sp, len(s.Tokens))
			}
		}
		for _, e := range m.Exports {
			exports++
			in(e.S, e.Value, "export value")
			in(e.S, Span{e.NameTok, e.NameTok + 1}, "export name")
			Untouched(f, e)
			if e.Local != "" {
				LocalValue(f, e.Local)
			}
		}
		for _, im := range m.Imports {
			in(im.S, Span{im.LocalTok, im.LocalTok + 1}, "import name")
			in(im.S, Span{im.Spec, im.Spec + 1}, "import specifier")
		}
	}
	if exports < 10 {
		t.Errorf("only %d exports in %d files: the fixtures were not read", exports, len(paths))
	}
}
