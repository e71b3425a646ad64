package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsmodel"
	"github.com/tmpllint/tmpllint/lint"
)

// TestImportedConfigAtVersions lints a small repository whose widgets take
// their configuration from other modules, at the widget versions where
// OIE004 says different things: what is missing is reported where the
// widget is created (with a fix only into a literal of that file), what an
// option says in the module that writes it, naming the creation site.
func TestImportedConfigAtVersions(t *testing.T) {
	files := map[string]string{
		".git/HEAD": "ref\n",
		// The flag comes with the import: nothing is missing.
		"src/Login.js":     "import { withFlag } from './withFlag';\nnew OktaSignIn({ ...withFlag, el: '#w' });\n",
		"src/withFlag.js":  "export const withFlag = { clientId: 'c', useInteractionCodeFlow: true };\n",
		"src/Missing.js":   "import { noFlag } from './noFlag';\nnew OktaSignIn({\n  ...noFlag,\n  el: '#w',\n});\n",
		"src/noFlag.js":    "export const noFlag = { clientId: 'c' };\n",
		"src/Off.js":       "import cfg from './flagOff';\nnew OktaSignIn(cfg);\n",
		"src/flagOff.js":   "export default { clientId: 'c', useInteractionCodeFlow: false };\n",
		"src/Whole.js":     "const { orgOnly } = require('./orgOnly');\nnew OktaSignIn(orgOnly);\n",
		"src/orgOnly.js":   "exports.orgOnly = { baseUrl: 'https://example.okta.com' };\n",
		"src/Features.js":  "import * as ns from './features';\nnew OktaSignIn({ ...ns.features, clientId: 'c' });\n",
		"src/features.js":  "export const features = { features: { router: true }, processCreds: () => {} };\n",
		"src/unused.js":    "export const unused = { issuer: 'i', clientId: 'c', redirectUri: 'r', useClassicEngine: true };\n",
		"src/nextAuth.js":  "export const provider = { issuer: 'i', clientId: 'c', clientSecret: 's', redirectUri: 'r', useClassicEngine: true };\n",
		"src/notWidget.js": "import { OktaAuth } from '@okta/okta-auth-js';\nimport { unusedByWidget } from './authOnly';\nnew OktaAuth(unusedByWidget);\n",
		"src/authOnly.js":  "export const unusedByWidget = { issuer: 'i', clientId: 'c', redirectUri: 'r', useClassicEngine: true };\n",
		// A file with a widget of its own that exports another's
		// configuration.
		"src/Both.js":     "export const shared = { clientId: 'c', features: { router: true } };\nnew OktaSignIn({ clientId: 'c', useInteractionCodeFlow: true });\n",
		"src/UsesBoth.js": "import { shared } from './Both';\nnew OktaSignIn(shared);\n",
		// Two widgets from one module: each finding there once.
		"src/PkceA.js": "import { p } from './pkce';\nnew OktaSignIn(p);\n",
		"src/PkceB.js": "import { p } from './pkce';\n\nnew OktaSignIn(p);\n",
		"src/pkce.js":  "export const p = { clientId: 'c', authParams: { pkce: false } };\n",
		// The module sets the flag after the literal: nothing is missing.
		"src/Mutated.js": "import { m } from './mutated';\nnew OktaSignIn(m);\n",
		"src/mutated.js": "export const m = { clientId: 'c' };\nm.useInteractionCodeFlow = true;\n",
		// A key of the exported literal: config.widget, not config.oidc.
		"src/Keyed.js":     "import config from './appConfig';\nnew OktaSignIn(config.widget);\n",
		"src/appConfig.js": "export default {\n  oidc: { issuer: 'i', clientId: 'c', redirectUri: 'r', pkce: false },\n  widget: { clientId: 'c', features: { router: true } },\n};\n",
		// Two widgets on one line, each from its own module.
		"src/Two.js":  "import { a } from './twoA'; import { b } from './twoB'; new OktaSignIn(a); new OktaSignIn(b);\n",
		"src/twoA.js": "export const a = { clientId: 'c', useInteractionCodeFlow: false, features: { router: true } };\n",
		"src/twoB.js": "export const b = { clientId: 'c', useInteractionCodeFlow: false, features: { router: true } };\n",
	}
	for _, tt := range []struct {
		version string
		project bool
		want    []string // file:line RULE "message part" [fix]
	}{
		{"6.9", true, []string{
			`Missing.js:2 OIE004 "does not set useInteractionCodeFlow" fix Missing.js`,
			`Features.js:2 OIE004 "does not set useInteractionCodeFlow" fix Features.js`,
			// The configuration is another module's literal: no edit here,
			// and none there (no clientId).
			`Whole.js:2 OIE004 "does not set useInteractionCodeFlow"`,
			`flagOff.js:1 OIE004 "set to false.*created at .*src/Off.js:2" fix flagOff.js`,
			`features.js:1 OIE006 "features.router.*created at .*src/Features.js:2"`,
			`features.js:1 OIE006 "processCreds.*created at .*src/Features.js:2"`,
			`Both.js:1 OIE006 "features.router.*created at .*src/UsesBoth.js:2"`,
			`UsesBoth.js:2 OIE004 "does not set useInteractionCodeFlow"`,
			`PkceA.js:2 OIE004 "does not set useInteractionCodeFlow"`,
			`Keyed.js:2 OIE004 "does not set useInteractionCodeFlow"`,
			`appConfig.js:3 OIE006 "features.router.*created at .*src/Keyed.js:2"`,
			`PkceB.js:3 OIE004 "does not set useInteractionCodeFlow"`,
			`twoA.js:1 OIE004 "set to false.*created at .*src/Two.js:1" fix twoA.js`,
			`twoB.js:1 OIE004 "set to false.*created at .*src/Two.js:1" fix twoB.js`,
			`twoA.js:1 OIE006 "features.router.*created at .*src/Two.js:1"`,
			`twoB.js:1 OIE006 "features.router.*created at .*src/Two.js:1"`,
		}},
		// Without the project nothing is followed: the configurations are
		// out of sight, and so are their options.
		{"6.9", false, nil},
		{"7.20", true, []string{
			`withFlag.js:1 OIE004 "removed in widget 7.0.*created at .*src/Login.js:2" fix withFlag.js`,
			`flagOff.js:1 OIE004 "removed in widget 7.0.*created at .*src/Off.js:2" fix flagOff.js`,
			`Whole.js:2 OIE004 "no clientId"`,
			`features.js:1 OIE006 "features.router.*created at .*src/Features.js:2"`,
			`features.js:1 OIE006 "processCreds.*created at .*src/Features.js:2"`,
			`unused.js:1 OIE004 "useClassicEngine.*no linted file that uses the widget or an Okta SDK imports"`,
			`twoA.js:1 OIE006 "features.router.*created at .*src/Two.js:1"`,
			`twoB.js:1 OIE006 "features.router.*created at .*src/Two.js:1"`,
			`Both.js:1 OIE006 "features.router.*created at .*src/UsesBoth.js:2"`,
			`Both.js:2 OIE004 "removed in widget 7.0" fix Both.js`,
			`pkce.js:1 OIE004 "pkce is off.*widgets created at .*src/PkceA.js:2 and .*src/PkceB.js:3"`,
			`appConfig.js:3 OIE006 "features.router.*created at .*src/Keyed.js:2"`,
			`twoA.js:1 OIE004 "removed in widget 7.0.*created at .*src/Two.js:1" fix twoA.js`,
			`twoB.js:1 OIE004 "removed in widget 7.0.*created at .*src/Two.js:1" fix twoB.js`,
		}},
	} {
		t.Run(tt.version+"/"+strconv.FormatBool(tt.project), func(t *testing.T) {
			root := t.TempDir()
			var inputs []string
			for name, content := range files {
				path := filepath.Join(root, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
				if strings.HasSuffix(name, ".js") {
					inputs = append(inputs, path)
				}
			}
			sort.Strings(inputs)
			v, _ := lint.ParseVersionRange(tt.version)
			opts := lint.Options{Widget: &lint.WidgetVersion{Version: v, Origin: "--widget-version " + tt.version, Explicit: true}}
			if tt.project {
				opts.Project = jsmodel.NewProject(inputs, os.ReadFile)
			}
			var got []string
			for _, path := range inputs {
				content, _ := os.ReadFile(path)
				f, err := lint.Parse(lint.NewSource(path, content))
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range lint.RunWith(f, All(), opts) {
					line := filepath.Base(path) + ":" + strconv.Itoa(f.Line(d.Start)) + " " + d.Rule.ID + " " + d.Message
					for _, fix := range d.Fixes {
						for _, e := range fix.Edits {
							if e.Start < 0 || e.End > len(content) {
								t.Errorf("%s: an edit outside the file: %+v", line, e)
							}
						}
						line += " fix " + filepath.Base(path)
					}
					got = append(got, line)
				}
			}
			for _, w := range tt.want {
				found := false
				for i, g := range got {
					if g != "" && matchesWant(t, g, w) {
						got[i], found = "", true
						break
					}
				}
				if !found {
					t.Errorf("missing: %s", w)
				}
			}
			for _, g := range got {
				if g != "" {
					t.Errorf("unexpected: %s", g)
				}
			}
		})
	}
}

// matchesWant reads a want of TestImportedConfigAtVersions: where, rule,
// a quoted regexp the message matches, and "fix FILE" when the finding
// carries a fix.
func matchesWant(t *testing.T, got, want string) bool {
	t.Helper()
	head, rest, _ := strings.Cut(want, ` "`)
	pattern, tail, _ := strings.Cut(rest, `"`)
	if !strings.HasPrefix(got, head+" ") {
		return false
	}
	msg := strings.TrimPrefix(got, head+" ")
	fix := strings.TrimSpace(tail)
	hasFix := strings.Contains(msg, " fix ")
	if (fix != "") != hasFix || fix != "" && !strings.HasSuffix(msg, " "+fix) {
		return false
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		t.Fatalf("want %q: %v", want, err)
	}
	return re.MatchString(msg)
}
