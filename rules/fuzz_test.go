package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

// lintSnippets are templates at the edges of what the rules read: calls and
// patterns cut off, brackets that do not balance, renderEl in odd places.
var lintSnippets = []string{
	"{{{OktaUtil}}}<script>x.renderEl(</script>",
	"{{{OktaUtil}}}<script>x.renderEl()</script>",
	"{{{OktaUtil}}}<script>x.renderEl(a,)</script>",
	"{{{OktaUtil}}}<script>x['renderEl'](a, b)</script>",
	"{{{OktaUtil}}}<script>x?.['renderEl'](a, function (r) { OktaUtil.completeLogin(r) })</script>",
	"{{{OktaUtil}}}<script>x.renderEl(a, f); var f = r => OktaUtil.completeLogin(r)</script>",
	"{{{OktaUtil}}}<script>x.renderEl(a, f); function f(</script>",
	"{{{OktaUtil}}}<script>x.renderEl(a, async function* g() {})</script>",
	"{{{OktaUtil}}}<script>x.renderEl(a, () =>)</script>",
	"{{{OktaUtil}}}<script>x.renderEl(a, `${b}`, {{{c}}})</script>",
	"<script>const { session: { token } } = res; const { session } = x; session.token</script>",
	"<script>const {} = ; var s = res.session\ns.token; s['token']; ({ session: s2 } = a)</script>",
	"<script>var u = `/login/sessionCookieRedirect${a}${b}`; var v = `${`/login/sessionCookieRedirect`}`</script>",
	"<script>`/login/sessionCookieRedirect${</script>",
	"<script>`${x}/login/sessionCookieRedirect`</script>",
	"<script>res.session.token; res['session']['token']; res?.['session']?.['token']</script>",
	"<script>'sessionToken'; x['sessionToken'; {'sessionToken': 1}; {sessionToken}</script>",
	"<script>function setCookieAndRedirect() {} setCookieAndRedirect(); x.setCookieAndRedirect()</script>",
	"<script>var { setCookieAndRedirect } = res.session; x['setCookieAndRedirect'</script>",
	"<script>x = </script><script>{ } = </script>",
	"<script>'\\x'; '\\u{1F600}'; \"\\\"\"; '\\\n'</script>",
}

// checkSpan fails the test unless d's span and its fixes' edits lie inside
// content and on character boundaries. The engine reports a bad span as an
// internal error instead of clamping it; this checks the engine too.
func checkSpan(t *testing.T, content []byte, d lint.Diagnostic) {
	t.Helper()
	ok := func(start, end int) bool {
		return 0 <= start && start <= end && end <= len(content) &&
			lint.CharBoundary(content, start) && lint.CharBoundary(content, end)
	}
	if !ok(d.Start, d.End) {
		t.Fatalf("%s at [%d,%d): outside the file of %d bytes or inside a character", d.Rule.ID, d.Start, d.End, len(content))
	}
	for _, fx := range d.Fixes {
		for _, e := range fx.Edits {
			if !ok(e.Start, e.End) {
				t.Fatalf("%s fix edits [%d,%d): outside the file of %d bytes or inside a character", d.Rule.ID, e.Start, e.End, len(content))
			}
		}
	}
}

func FuzzLint(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "templates", "*.html"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no fixtures found (%v)", err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, r := range All() {
		for _, ex := range append(append([]lint.Example(nil), r.Doc.Bad...), r.Doc.Good...) {
			f.Add([]byte(ex.Code))
		}
	}
	for _, s := range lintSnippets {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		file, err := lint.Parse(lint.NewSource("fuzz.html", content))
		if err != nil {
			return
		}
		diags := lint.Run(file, All())
		// The pre-check skips only rules that could not have reported.
		if again, err := lint.Parse(lint.NewSource("fuzz.html", content)); err == nil {
			if got, want := diagText(diags), diagText(lint.Run(again, withoutTriggers(All()))); got != want {
				t.Fatalf("the pre-check changed the result:\n%s\nwithout it:\n%s", got, want)
			}
		}
		for _, d := range diags {
			if strings.Contains(d.Message, "internal error") {
				t.Fatalf("%s", d.Message)
			}
			checkSpan(t, content, d)
			if d.Rule == nil || d.Severity < lint.Info || d.Severity > lint.Error || d.Message == "" {
				t.Fatalf("incomplete diagnostic %+v", d)
			}
			file.Position(d.Start)
			file.Position(d.End)
		}
	})
}
