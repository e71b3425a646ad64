package rules

import (
	"bytes"
	"fmt"
	"github.com/tmpllint/tmpllint/internal/floor"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// largeHead opens a generated hosted sign-in page, after Okta's default.
const largeHead = `<!DOCTYPE html>
<html>
<head>
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <link href="{{themedStylesUrl}}" rel="stylesheet" type="text/css">
    <title>{{pageTitle}}</title>
    {{{SignInWidgetResources}}}
    <style nonce="{{nonceValue}}">
        #login-bg-image-id { background-image: {{bgImageUrl}} }
    </style>
</head>
<body>
    <div id="login-bg-image-id" class="login-bg-image tb--background"></div>
    <div id="okta-login-container"></div>
`

// largeMarkup is one block of page markup; %[1]d makes each copy distinct.
const largeMarkup = `    <section id="promo-%[1]d" class="promo promo--{{brandName}}" data-index="%[1]d" data-title='Sign in &amp; go'>
        <h2 class="promo__title">{{pageTitle}} &mdash; offer %[1]d</h2>
        <p>Use your company account to sign in. Trouble? <a href="https://help.acme.example/sign-in?ref=%[1]d" rel="noopener">Get help</a>.</p>
        <!-- promo %[1]d: rendered by the marketing team's {{! not a tag in output }} pipeline -->
        <img src="{{{logoUrl}}}" alt="logo" width=120 height=40>
        <script src="https://cdn.acme.example/promo/%[1]d.js" nonce="{{nonceValue}}"></script>
    </section>
`

// largeCode is one block of customized widget code, as found in real
// templates: configuration with Mustache values, hooks, validation with
// regular expressions, template literals, comments, and the Classic-only
// calls the rules report (OIE001, OIE002 and OIE003 findings in every block).
const largeCode = `
        // Block %[1]d: customizations for the brand's sign-in page.
        var config%[1]d = OktaUtil.getSignInWidgetConfig();
        config%[1]d.i18n = { en: { 'primaryauth.title': 'Sign in to {{orgName}}', 'help': "Need help? Call 555-0100 (ext. %[1]d)" } };
        config%[1]d.features = { registration: true, rememberMe: {{rememberMe}}, selfServiceUnlock: false };
        var emailPattern%[1]d = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i, ratio%[1]d = window.innerWidth / 2 / 3;
        /* Reject obviously bad addresses before the widget does,
           so that the error shows next to the field. */
        function validate%[1]d(value) {
            if (!emailPattern%[1]d.test(value) || value.length > 254) {
                return false;
            }
            return value.split('@')[1] !== 'example.com' && value.indexOf("/") < 0;
        }
        var signIn%[1]d = new OktaSignIn(config%[1]d);
        signIn%[1]d.on('afterRender', function (context) {
            var title = ` + "`${context.controller} / ${context.formName} (${ratio%[1]d.toFixed(2)})`" + `;
            document.title = title + ' | {{pageTitle}}';
        });
        signIn%[1]d.renderEl({ el: '#okta-login-container' }, function (res) {
            if (res.status === 'SUCCESS') {
                var token = res.session.token;
                res.session.setCookieAndRedirect('https://acme.example/app?b=%[1]d&t=' + encodeURIComponent(token));
            }
        }, function (err) {
            console.error('render failed: ' + err.message, err);
        });
`

// largeTemplate generates a hosted sign-in page of about scriptSize bytes of
// inline script and markupSize bytes of markup around it.
func largeTemplate(scriptSize, markupSize int) []byte {
	var b bytes.Buffer
	b.Grow(scriptSize + markupSize + 4096)
	b.WriteString(largeHead)
	for i := 0; b.Len() < markupSize/2; i++ {
		fmt.Fprintf(&b, largeMarkup, i)
	}
	b.WriteString("    {{{OktaUtil}}}\n    <script type=\"text/javascript\" nonce=\"{{nonceValue}}\">")
	start := b.Len()
	for i := 0; b.Len()-start < scriptSize; i++ {
		fmt.Fprintf(&b, largeCode, i)
	}
	b.WriteString("    </script>\n")
	for i := 0; b.Len()-scriptSize < markupSize; i++ {
		fmt.Fprintf(&b, largeMarkup, i+1_000_000)
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes()
}

// fixtures reads testdata/templates/*.html.
func fixtures(tb testing.TB) [][]byte {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "templates", "*.html"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no fixtures found (%v)", err)
	}
	var files [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, b)
	}
	return files
}

func lintBytes(tb testing.TB, content []byte) []lint.Diagnostic {
	f, err := lint.Parse(lint.NewSource("bench.html", content))
	if err != nil {
		tb.Fatal(err)
	}
	return lint.Run(f, All())
}

func BenchmarkLintFixtures(b *testing.B) {
	files := fixtures(b)
	size := 0
	for _, f := range files {
		size += len(f)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			lintBytes(b, f)
		}
	}
}

func BenchmarkLintLargeTemplate(b *testing.B) {
	content := largeTemplate(4<<20, 1<<20)
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		lintBytes(b, content)
	}
}

// BenchmarkTokenizeOnly is the floor for the benchmarks above: the same
// bytes through the bare tokenizers, so that the cost of jsscan and the
// rules shows as a ratio.
func BenchmarkTokenizeOnly(b *testing.B) {
	b.Run("fixtures", func(b *testing.B) {
		files := fixtures(b)
		size := 0
		for _, f := range files {
			size += len(f)
		}
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range files {
				floor.HTML(f)
			}
		}
	})
	b.Run("large-template", func(b *testing.B) {
		content := largeTemplate(4<<20, 1<<20)
		b.SetBytes(int64(len(content)))
		b.ReportAllocs()
		for b.Loop() {
			floor.HTML(content)
		}
	})
}

// A large template is linted whole: every block's findings are reported.
// How fast is BenchmarkLint's business; a test that times itself fails on
// a loaded machine.
func TestLargeTemplateFindings(t *testing.T) {
	content := largeTemplate(4<<20, 1<<20)
	diags := lintBytes(t, content)
	blocks := strings.Count(string(content), "// Block ")
	if got := countRules(diags); got["OIE001"] < blocks || got["OIE002"] < blocks || got["OIE003"] < blocks {
		t.Errorf("%d code blocks, diagnostics by rule %v; want at least one of each rule per block", blocks, got)
	}
}

func countRules(diags []lint.Diagnostic) map[string]int {
	n := map[string]int{}
	for _, d := range diags {
		n[d.Rule.ID]++
	}
	return n
}

// allocatedBytes returns the bytes allocated while linting content once.
func allocatedBytes(t *testing.T, content []byte) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	lintBytes(t, content)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Memory must grow with the input, not faster: bytes allocated per input
// byte stay about the same from a 1 MB to a 4 MB template.
func TestLintMemoryIsLinear(t *testing.T) {
	small := largeTemplate(800<<10, 224<<10)
	large := largeTemplate(3200<<10, 896<<10)
	allocatedBytes(t, small) // warm up
	perByte := func(content []byte) float64 {
		best := 0.0
		for i := 0; i < 2; i++ { // the lesser of two runs: the runtime allocates too
			v := float64(allocatedBytes(t, content)) / float64(len(content))
			if i == 0 || v < best {
				best = v
			}
		}
		return best
	}
	s, l := perByte(small), perByte(large)
	t.Logf("allocated per input byte: %.2f B at %.2f MB, %.2f B at %.2f MB (ratio %.2f)",
		s, float64(len(small))/(1<<20), l, float64(len(large))/(1<<20), l/s)
	if l > 1.5*s {
		t.Errorf("allocation per input byte grows from %.2f to %.2f between %d and %d bytes", s, l, len(small), len(large))
	}
}

// scriptFixtures reads the fixtures that are script files (.js, .ts, .jsx,
// .tsx, ...), with their names: they are linted as their kind.
func scriptFixtures(tb testing.TB) (names []string, files [][]byte) {
	tb.Helper()
	for _, p := range fixturePaths(tb) {
		if lang, _ := jsscan.LangOf(p); !lang.IsScript() {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		names, files = append(names, p), append(files, b)
	}
	if len(files) == 0 {
		tb.Fatal("no script fixtures")
	}
	return names, files
}

// BenchmarkLintScriptFiles lints the application-code fixtures as their
// kinds; its "tokenize" sub-benchmark is the bare JavaScript lexer over the
// same bytes.
func BenchmarkLintScriptFiles(b *testing.B) {
	names, files := scriptFixtures(b)
	size := 0
	for _, f := range files {
		size += len(f)
	}
	b.Run("lint", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for i, content := range files {
				f, err := lint.Parse(lint.NewSource(names[i], content))
				if err != nil {
					b.Fatal(err)
				}
				lint.Run(f, All())
			}
		}
	})
	b.Run("tokenize", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, content := range files {
				floor.JS(content[:len(content):len(content)])
			}
		}
	})
}
