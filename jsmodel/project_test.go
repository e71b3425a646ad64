package jsmodel

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// repository is a small application: widgets created from configuration
// modules in several ways, and files the pre-pass must not read.
var repository = map[string]string{
	".git/HEAD": "ref: refs/heads/main\n",
	"src/Login.tsx": `import OktaSignIn from '@okta/okta-signin-widget';
import { oktaConfig } from './oktaConfig';

export default function Login() {
  const widget = new OktaSignIn({ ...oktaConfig, el: '#w' });
  return null;
}
`,
	"src/oktaConfig.ts": "export const oktaConfig = {\n  issuer: 'https://example.okta.com/oauth2/default',\n  clientId: 'abc',\n  redirectUri: window.location.origin + '/login/callback',\n};\n",
	"src/Other.tsx": `import OktaSignIn from '@okta/okta-signin-widget';
import { widgetConfig } from './config';
const config = { ...widgetConfig };

new OktaSignIn(config);
`,
	"src/config/index.ts":  "export { widgetConfig } from './widget';\nexport * from './more';\n",
	"src/config/widget.ts": "const widgetConfig = { clientId: 'x' };\nexport { widgetConfig };\n",
	"src/config/more.ts":   "export const extra = { useClassicEngine: true };\n",
	"src/Default.jsx": `const OktaSignIn = require('@okta/okta-signin-widget');
import cfg from './defaultConfig';
import * as ns from './config';
const a = new OktaSignIn(cfg);
const b = new OktaSignIn(ns.extra);
`,
	"src/defaultConfig.js": "export default { baseUrl: 'https://example.okta.com' };\n",
	// Imports a configuration module, but holds no Okta name: not read.
	"src/unrelated.ts": "import { lonely } from './lonely';\nconsole.log(lonely);\n",
	"src/lonely.ts":    "export const lonely = { issuer: 'i', clientId: 'c', redirectUri: 'r' };\n",
	// Uses a configuration for Auth JS: imported, but no widget.
	"src/auth.ts":       "import { OktaAuth } from '@okta/okta-auth-js';\nimport { oidc } from './authConfig';\nexport const auth = new OktaAuth(oidc);\n",
	"src/authConfig.ts": "export const oidc = { issuer: 'i', clientId: 'c', redirectUri: 'r' };\n",
	// A hosted template names the widget but never imports.
	"src/page.html": "<script>var w = new OktaSignIn(OktaUtil.getSignInWidgetConfig());</script>",
}

func newTestProject(t *testing.T) (root string, inputs []string, p *Project) {
	t.Helper()
	root = t.TempDir()
	writeTree(t, root, repository)
	for name := range repository {
		if filepath.Ext(name) != "" && name != ".git/HEAD" {
			inputs = append(inputs, filepath.Join(root, filepath.FromSlash(name)))
		}
	}
	// Input order decides the order of importers; keep it fixed.
	sortStrings(inputs)
	return root, inputs, NewProject(inputs, os.ReadFile)
}

func sortStrings(a []string) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func TestProjectIndex(t *testing.T) {
	root, _, p := newTestProject(t)
	at := func(name string) string { return filepath.Join(root, filepath.FromSlash(name)) }
	for _, tt := range []struct {
		module string
		want   []lint.Importer
	}{
		{"src/oktaConfig.ts", []lint.Importer{{File: at("src/Login.tsx"), Line: 5, Export: "oktaConfig"}}},
		{"src/config/widget.ts", []lint.Importer{{File: at("src/Other.tsx"), Line: 5, Export: "widgetConfig"}}},
		{"src/config/more.ts", []lint.Importer{{File: at("src/Default.jsx"), Line: 5, Construction: 1, Export: "extra"}}},
		{"src/defaultConfig.js", []lint.Importer{{File: at("src/Default.jsx"), Line: 4, Export: "default"}}},
		{"src/config/index.ts", nil},
		{"src/authConfig.ts", nil},
		{"src/lonely.ts", nil},
	} {
		if got := p.Importers(at(tt.module)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Importers(%s) = %+v, want %+v", tt.module, got, tt.want)
		}
	}
	for module, want := range map[string]bool{
		"src/oktaConfig.ts": true, "src/config/index.ts": true, "src/config/widget.ts": true,
		"src/defaultConfig.js": true, "src/authConfig.ts": true,
		"src/lonely.ts": false, "src/Login.tsx": false,
	} {
		if got := p.Imported(at(module)); got != want {
			t.Errorf("Imported(%s) = %v, want %v", module, got, want)
		}
	}
	// A path written otherwise finds the same module.
	rel, err := filepath.Rel(mustGetwd(t), at("src/oktaConfig.ts"))
	if err == nil && len(p.Importers(rel)) != 1 {
		t.Errorf("Importers(%s) by a relative path: %v", rel, p.Importers(rel))
	}
}

func mustGetwd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// TestProjectParses counts the work of the pre-pass: each file that names
// Okta once, and each module it imports once per importing file; files
// without an Okta name and HTML templates never.
func TestProjectParses(t *testing.T) {
	_, _, p := newTestProject(t)
	// Inputs: Login.tsx, Other.tsx, Default.jsx, auth.ts (4). Modules:
	// oktaConfig.ts for Login; config/index.ts and config/widget.ts for
	// Other; defaultConfig.js, config/index.ts and config/more.ts (the
	// export * target read to see whether it has the name) for Default;
	// authConfig.ts for auth.ts. Following an import again for the index
	// of imported modules parses nothing more.
	const want = 4 + 1 + 2 + 3 + 1
	if got := p.Parses(); got != want {
		t.Errorf("pre-pass parsed %d files, want %d", got, want)
	}
	f, err := p.Load(filepath.Join(filepath.Dir(filepath.Dir(mustAbs(t, "x"))), "nonexistent"))
	if err == nil || f != nil {
		t.Errorf("Load of a missing file: %v, %v", f, err)
	}
	if got := p.Parses(); got != want {
		t.Errorf("a failed read counted as a parse: %d", got)
	}
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestImportedValueLoadsOnce: the rules of one file share what they load;
// another file loads again.
func TestImportedValueLoadsOnce(t *testing.T) {
	root, _, p := newTestProject(t)
	login := filepath.Join(root, "src", "Login.tsx")
	f, err := p.Load(login)
	if err != nil {
		t.Fatal(err)
	}
	before := p.Parses()
	for range 3 {
		cs := WidgetsOf(f).Constructions()
		if len(cs) != 1 {
			t.Fatalf("constructions: %d", len(cs))
		}
		refs := ConfigImports(f, cs[0])
		if len(refs) != 1 {
			t.Fatalf("config imports: %+v", refs)
		}
		v, ok := ImportedValue(f, p, refs[0])
		if !ok {
			t.Fatal("oktaConfig not followed")
		}
		from, to := ByteSpan(v.S, v.Value)
		if got := string(v.File.Content[from:to]); got[0] != '{' || got[len(got)-1] != '}' || v.Export != "oktaConfig" {
			t.Errorf("value %q of export %s", got, v.Export)
		}
	}
	if got := p.Parses() - before; got != 1 {
		t.Errorf("three lookups from one file parsed %d modules, want 1", got)
	}
	g, _ := p.Load(login)
	ImportedValue(g, p, ConfigImports(g, WidgetsOf(g).Constructions()[0])[0])
	if got := p.Parses() - before; got != 3 {
		t.Errorf("a second file's lookup: %d parses in all, want 3", got)
	}
}

func TestConfigImports(t *testing.T) {
	for _, tt := range []struct {
		code string
		want []string // name<from
	}{
		{"import { a } from './a'; new OktaSignIn(a);", []string{"a<./a"}},
		{"import { a as b } from './a'; new OktaSignIn(b);", []string{"a<./a"}},
		{"import * as ns from './a'; new OktaSignIn(ns.cfg);", []string{"cfg<./a"}},
		{"const ns = require('./a'); new OktaSignIn(ns);", []string{"default<./a"}},
		{"import d from './d'; import { e } from '../e'; new OktaSignIn({ ...d, el: '#w', ...e });", []string{"default<./d", "e<../e"}},
		{"import { a } from './a'; const c = { ...a, el: '#w' }; new OktaSignIn(c);", []string{"a<./a"}},
		// A specifier that is not relative is a reference too: whether
		// it names a file of the repository (a path alias) is for
		// Project.Resolve to say.
		{"import { a } from '@/okta-config'; new OktaSignIn(a);", []string{"a<@/okta-config"}},
		// Not followed: a shadowing local, a name assigned again, a
		// constructor that is not the widget.
		{"import { a } from './a'; function f(a) { new OktaSignIn(a); }", nil},
		{"import { a } from './a'; new OktaSignIn(a.widget);", []string{"a.widget<./a"}},
		{"import a from './a'; new OktaSignIn({ ...a.widget, el });", []string{"default.widget<./a"}},
		{"import { a } from './a'; let c = { ...a }; c = {}; new OktaSignIn(c);", nil},
		{"import { a } from './a'; new OktaAuth(a);", nil},
	} {
		f, err := lint.Parse(lint.NewSource("Login.js", []byte(tt.code)))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range WidgetsOf(f).Constructions() {
			for _, r := range ConfigImports(f, c) {
				name := r.Name
				if r.Key != "" {
					name += "." + r.Key
				}
				got = append(got, name+"<"+r.From)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestConfigUses(t *testing.T) {
	root, _, p := newTestProject(t)
	for _, tt := range []struct {
		module string
		want   []string // export, then the creation site or "shape"
	}{
		{"src/oktaConfig.ts", []string{"oktaConfig src/Login.tsx:5"}},
		{"src/config/widget.ts", []string{"widgetConfig src/Other.tsx:5"}},
		{"src/defaultConfig.js", []string{"default src/Default.jsx:4"}},
		{"src/config/more.ts", []string{"extra src/Default.jsx:5"}},
		{"src/lonely.ts", []string{"lonely shape"}},
		{"src/authConfig.ts", nil}, // imported for Auth JS: not the widget's
		{"src/config/index.ts", nil},
		{"src/Login.tsx", nil},
		{"src/page.html", nil},
	} {
		path := filepath.Join(root, filepath.FromSlash(tt.module))
		f, err := p.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range ConfigUses(f, p) {
			where := "shape"
			if !u.Shaped {
				rel, _ := filepath.Rel(root, u.Importer.File)
				where = filepath.ToSlash(rel) + ":" + strconv.Itoa(u.Importer.Line)
				if g, c, ok := CreationSite(f, p, u.Importer); !ok || g.Line(c.S.Tokens[c.New].Start) != u.Importer.Line {
					t.Errorf("%s: creation site %v not found", tt.module, u.Importer)
				}
			}
			if !u.S.Is(u.Open, "{") {
				t.Errorf("%s: use at token %d, not a literal", tt.module, u.Open)
			}
			got = append(got, u.Export+" "+where)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ConfigUses(%s) = %q, want %q", tt.module, got, tt.want)
		}
	}
}

func TestWidgetShaped(t *testing.T) {
	for _, tt := range []struct {
		code string
		want bool
	}{
		{"export default { baseUrl: b, clientId: c, redirectUri: r };", true},
		{"export default { issuer, clientId, redirectUri, scopes: ['openid'] };", true},
		{"export default { useInteractionCodeFlow: true };", true},
		{"export default { 'useClassicEngine': true };", true},
		{"export default { issuer, clientId };", false},
		{"export default { clientId, redirectUri };", false},
		{"export default { issuer, clientId, clientSecret, redirectUri };", false},
		{"export default { authorizationUrl: u, clientId, redirectUri };", false},
		{"export default { features: { clientId, redirectUri, issuer } };", false},
		{"export default Object.freeze({ issuer, clientId, redirectUri });", true},
		{"export default Object.freeze({ issuer, clientId, redirectUri }, extra);", false},
	} {
		f, err := lint.Parse(lint.NewSource("config.ts", []byte(tt.code)))
		if err != nil {
			t.Fatal(err)
		}
		s, open, ok := exportedLiteral(f, "default")
		if got := ok && WidgetShaped(s, open); got != tt.want {
			t.Errorf("WidgetShaped(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

// TestProjectPrePassCost: over the repository's fixtures the pre-pass
// parses exactly the script files that hold an Okta name (they import no
// relative module; an HTML fragment saved as .js is parsed and then left
// alone), and no HTML template.
func TestProjectPrePassCost(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "templates", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	want := 0
	for _, path := range paths {
		if _, ok := jsscan.LangOf(path); !ok {
			continue
		}
		inputs = append(inputs, path)
		content, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if scriptInput(path) && containsAny(content, widgetNeedles) {
			want++
		}
	}
	p := NewProject(inputs, os.ReadFile)
	if got := p.Parses(); got != int64(want) || want == 0 || want >= len(inputs)/2 {
		t.Errorf("pre-pass over %d fixtures parsed %d files, want %d", len(inputs), got, want)
	}
	t.Logf("pre-pass over %d fixtures parsed %d", len(inputs), p.Parses())
}

// TestCreationSiteReadsTheModuleItself: the creating file, loaded while
// its configuration module is linted, follows its import to the module
// being linted, not to a copy: what it finds there lies in the module's own
// scripts, and nothing is parsed for it but the creating file.
func TestCreationSiteReadsTheModuleItself(t *testing.T) {
	root, _, p := newTestProject(t)
	f, err := p.Load(filepath.Join(root, "src", "oktaConfig.ts"))
	if err != nil {
		t.Fatal(err)
	}
	uses := ConfigUses(f, p)
	if len(uses) != 1 {
		t.Fatalf("uses: %+v", uses)
	}
	before := p.Parses()
	g, c, ok := CreationSite(f, p, uses[0].Importer)
	if !ok {
		t.Fatal("no creation site")
	}
	// { ...oktaConfig, el: '#w' }: the spread's name.
	spread := c.Arg.From + 1
	if !c.S.Is(spread, "...") {
		t.Fatalf("token %d is %q", spread, c.S.Text(c.S.Tokens[spread]))
	}
	v, open, ok := importedObjectAt(g, c.S, Span{spread + 1, spread + 2})
	if !ok {
		t.Fatal("the creating file does not follow its import")
	}
	if !Owns(f, v.S) || Owns(g, v.S) || v.S != uses[0].S || open != uses[0].Open {
		t.Errorf("the import leads to token %d of another script, not to the module's literal at %d", open, uses[0].Open)
	}
	if got := p.Parses() - before; got != 1 {
		t.Errorf("%d parses for the creation site, want 1 (the creating file)", got)
	}
	// Without a project nothing is followed.
	h, _ := lint.Parse(lint.NewSource(g.Name, g.Content))
	if _, _, ok := importedObjectAt(h, h.Doc.Scripts[0], Span{spread + 1, spread + 2}); ok {
		t.Error("followed an import without a project")
	}
}

func TestImportedObjectNamed(t *testing.T) {
	root, _, p := newTestProject(t)
	f, err := p.Load(filepath.Join(root, "src", "Default.jsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		local, member, want string // want: the module and the literal's text
	}{
		{"cfg", "", "defaultConfig.js { baseUrl: 'https://example.okta.com' }"},
		{"ns", "extra", "more.ts { useClassicEngine: true }"},
		{"ns", "", ""},         // the namespace itself: index.ts has no default export
		{"cfg", "baseUrl", ""}, // a property of an export, not an export
		{"OktaSignIn", "", ""}, // a require of a package
		{"undeclared", "", ""}, // no import
		{"ns", "missing", ""},  // no such export
		{"ns", "widgetConfig", "widget.ts { clientId: 'x' }"},
	} {
		got := ""
		if v, open, ok := ImportedObjectNamed(f, tt.local, tt.member); ok {
			from, to := v.S.Tokens[open].Start, v.S.Tokens[v.S.Match(open)].End
			got = filepath.Base(v.Path) + " " + string(v.File.Content[from:to])
		}
		if got != tt.want {
			t.Errorf("ImportedObjectNamed(%s, %q) = %q, want %q", tt.local, tt.member, got, tt.want)
		}
	}
}

// importedObjectAt follows the name at sp, as the widget reader does, to
// the object literal another module exports.
func importedObjectAt(f *lint.File, s *Script, sp Span) (Foreign, int, bool) {
	if f.Project == nil {
		return Foreign{}, 0, false
	}
	r, ok := importRef(Of(f), ModuleOf(f), s, sp)
	if !ok {
		return Foreign{}, 0, false
	}
	return importedObject(f, r)
}
