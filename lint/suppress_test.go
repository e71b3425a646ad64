package lint

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
)

// markerRule reports every occurrence of marker anywhere in the file, so
// tests can place findings in HTML text, scripts and attributes alike.
func markerRule(id, name, marker string) *Rule {
	return &Rule{ID: id, Name: name, Severity: Error, Check: func(p *Pass) {
		content := string(p.File.Content)
		for i := 0; ; {
			k := strings.Index(content[i:], marker)
			if k < 0 {
				return
			}
			p.Reportf(i+k, i+k+len(marker), "found %s", marker)
			i += k + len(marker)
		}
	}}
}

var (
	ruleA         = markerRule("AAA001", "no-bad-a", "bad_a")
	ruleB         = markerRule("BBB002", "no-bad-b", "bad_b")
	directiveRule = &Rule{ID: DirectiveRuleID, Name: "suppression-comment", Severity: Warning, Check: func(*Pass) {}}
	testRules     = []*Rule{ruleA, ruleB, directiveRule}
)

// lintString runs rules over src and renders each diagnostic as
// RULE@LINE:COL, sorted as Run sorts them.
func lintString(t *testing.T, src string, rules []*Rule, opts Options) ([]Diagnostic, string) {
	t.Helper()
	f, err := Parse(NewSource("t.html", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	diags := RunWith(f, rules, opts)
	var got []string
	for _, d := range diags {
		p := f.Position(d.Start)
		got = append(got, fmt.Sprintf("%s@%d:%d", d.Rule.ID, p.Line, p.Column))
	}
	return diags, strings.Join(got, " ")
}

func TestSuppressionComments(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // RULE@LINE:COL, space-separated; "" for none
		// message, when set, must match the message of the first TPL900
		// diagnostic.
		message string
	}{
		// Each comment syntax.
		{name: "HTML next-line", src: "<!-- tmpllint-disable-next-line AAA001 -- legacy -->\n<p>bad_a</p>"},
		{name: "HTML next-line, abrupt end --!>", src: "<!-- tmpllint-disable-next-line AAA001 -- legacy --!>\n<p>bad_a</p>"},
		{name: "JS line comment, disable-line", src: "<script>\nx = bad_a; // tmpllint-disable-line AAA001 -- legacy\n</script>"},
		{name: "JS block comment, next-line", src: "<script>\n/* tmpllint-disable-next-line AAA001 -- legacy */\nx = bad_a;\n</script>"},
		{name: "JS HTML-like comment", src: "<script>\n<!-- tmpllint-disable-next-line AAA001 -- legacy\nx = bad_a;\n</script>"},
		{name: "Mustache comment in HTML", src: "{{! tmpllint-disable-next-line AAA001 -- legacy }}\n<p>bad_a</p>"},
		{name: "Mustache comment in a script", src: "<script>\n{{! tmpllint-disable-next-line AAA001 -- legacy }}\nx = bad_a;\n</script>"},
		{name: "Mustache comment with spaced sigil", src: "{{ ! tmpllint-disable-next-line AAA001 -- legacy }}\n<p>bad_a</p>"},
		{name: "disable-line on an HTML comment", src: "<p>bad_a</p><!-- tmpllint-disable-line AAA001 -- legacy -->"},

		// Scope.
		{name: "next-line is the line after the comment's last line",
			src: "<!-- tmpllint-disable-next-line AAA001 -- legacy,\n     spread over two lines -->\n<p>bad_a</p>"},
		{name: "next-line does not cover the comment's own line",
			src:  "<p>bad_a</p><!-- tmpllint-disable-next-line AAA001 -- legacy -->\n<p>bad_a</p>",
			want: "AAA001@1:4"},
		{name: "next-line covers one line only",
			src:  "<!-- tmpllint-disable-next-line AAA001 -- legacy -->\n<p>bad_a</p>\n<p>bad_a</p>",
			want: "AAA001@3:4"},
		{name: "disable-line covers every line a block comment touches",
			src:  "<script>\nx = bad_a; /* tmpllint-disable-line AAA001 -- legacy,\nstill the comment */ y = bad_a;\nz = bad_a;\n</script>",
			want: "AAA001@4:5"},
		{name: "only the start line of a diagnostic counts",
			src: "<script>\n// tmpllint-disable-next-line AAA001 -- legacy\nx = 1;\ny = bad_a;\n</script>",
			// the directive's line holds no finding: reported unused
			want: "TPL900@2:1 AAA001@4:5"},
		{name: "range until enable",
			src:  "<script>\n/* tmpllint-disable AAA001 -- legacy */\nx = bad_a;\ny = bad_a;\n/* tmpllint-enable AAA001 */\nz = bad_a;\n</script>",
			want: "AAA001@6:5"},
		{name: "range is by offset: before the disable on its line is not covered",
			src:  "<script>\nx = bad_a; /* tmpllint-disable AAA001 -- legacy */ y = bad_a; /* tmpllint-enable AAA001 */ z = bad_a;\n</script>",
			want: "AAA001@2:5 AAA001@2:96"},
		{name: "range without enable runs to the end of the file",
			src: "<!-- tmpllint-disable AAA001 -- legacy page -->\n<script>\nx = bad_a;\n</script>\n<p>bad_a</p>"},
		{name: "range across comment syntaxes",
			src:  "<!-- tmpllint-disable AAA001 -- legacy -->\n<script>\nx = bad_a;\n// tmpllint-enable AAA001\ny = bad_a;\n</script>\n{{! tmpllint-disable-next-line AAA001 -- again }}\n<p>bad_a</p>",
			want: "AAA001@5:5"},
		{name: "enable all closes every range",
			src:  "<script>\n/* tmpllint-disable AAA001 -- a */ /* tmpllint-disable BBB002 -- b */\nx = bad_a + bad_b;\n/* tmpllint-enable all */\ny = bad_a + bad_b;\n</script>",
			want: "AAA001@5:5 BBB002@5:13"},

		// Rule lists.
		{name: "rule name instead of ID", src: "<!-- tmpllint-disable-next-line no-bad-a -- legacy -->\n<p>bad_a</p>"},
		{name: "IDs and names ignore case", src: "<!-- tmpllint-disable-next-line aaa001, NO-BAD-B -- legacy -->\n<p>bad_a bad_b</p>"},
		{name: "comma-separated", src: "<!-- tmpllint-disable-next-line AAA001,BBB002 -- legacy -->\n<p>bad_a bad_b</p>"},
		{name: "space-separated", src: "<!-- tmpllint-disable-next-line AAA001 BBB002 -- legacy -->\n<p>bad_a bad_b</p>"},
		{name: "comma and space", src: "<!-- tmpllint-disable-next-line AAA001, BBB002 -- legacy -->\n<p>bad_a bad_b</p>"},
		{name: "one rule does not cover another",
			src:  "<!-- tmpllint-disable-next-line AAA001 -- legacy -->\n<p>bad_a bad_b</p>",
			want: "BBB002@2:10"},
		{name: "all", src: "<!-- tmpllint-disable-next-line all -- legacy -->\n<p>bad_a bad_b</p>"},
		{name: "a rule listed twice", src: "<!-- tmpllint-disable-next-line AAA001 no-bad-a -- legacy -->\n<p>bad_a</p>"},
		{name: "longer dash runs separate the reason", src: "<!-- tmpllint-disable-next-line AAA001 --- legacy -->\n<p>bad_a</p>"},
		{name: "the reason may hold dashes", src: "<!-- tmpllint-disable-next-line AAA001 -- legacy -- see a-b --x -->\n<p>bad_a</p>"},

		// Reasons.
		{name: "no reason: reported, suppresses nothing",
			src:     "<!-- tmpllint-disable-next-line AAA001 -->\n<p>bad_a</p>",
			want:    "TPL900@1:1 AAA001@2:4",
			message: `without a reason.*tmpllint-disable-next-line AAA001 -- why`},
		{name: "empty reason",
			src:  "<script>\nx = bad_a; // tmpllint-disable-line AAA001 --   \n</script>",
			want: "AAA001@2:5 TPL900@2:12"},
		{name: "dashes without a space are no separator",
			src:  "<script>\n// tmpllint-disable-next-line AAA001 --legacy\nx = bad_a;\n</script>",
			want: "TPL900@2:1 TPL900@2:38 AAA001@3:5"},
		{name: "enable needs no reason",
			src: "<script>\n/* tmpllint-disable AAA001 -- legacy */ x = bad_a; /* tmpllint-enable AAA001 */\n</script>"},
		{name: "no rule",
			src:     "<!-- tmpllint-disable-next-line -- legacy -->\n<p>bad_a</p>",
			want:    "TPL900@1:1 AAA001@2:4",
			message: "names no rule"},

		// Problems with directives.
		{name: "unused",
			src:     "<!-- tmpllint-disable-next-line AAA001 -- legacy -->\n<p>fine</p>",
			want:    "TPL900@1:1",
			message: `^unused suppression: no AAA001 finding starts on the next line \(2\); remove it$`},
		{name: "unused all",
			src:     "{{! tmpllint-disable-line all -- legacy }}",
			want:    "TPL900@1:1",
			message: `^unused suppression: no finding starts on this line \(1\); remove it$`},
		{name: "unused range",
			src:     "<script>\n/* tmpllint-disable AAA001 -- legacy */\nx = 1;\n/* tmpllint-enable AAA001 */\n</script>",
			want:    "TPL900@2:1",
			message: `from line 2 to the tmpllint-enable on line 4`},
		{name: "partly unused: the unused rule is reported at its name",
			src:     "<!-- tmpllint-disable-next-line AAA001, BBB002 -- legacy -->\n<p>bad_a</p>",
			want:    "TPL900@1:41",
			message: `^unused suppression of BBB002: .*remove BBB002 from the list$`},
		{name: "unknown rule: reported at its name, the others still apply",
			src:     "<!-- tmpllint-disable-next-line AAA001,ZZZ999 -- legacy -->\n<p>bad_a</p>",
			want:    "TPL900@1:40",
			message: `unknown rule "ZZZ999"`},
		{name: "the directive rule cannot be suppressed",
			src:     "<!-- tmpllint-disable-next-line TPL900 -- legacy -->\n<!-- tmpllint-disable-next-line AAA001 -->\n<p>bad_a</p>",
			want:    "TPL900@1:33 TPL900@2:1 AAA001@3:4",
			message: "cannot be suppressed",
		},
		{name: "all does not cover the directive rule",
			src:  "<!-- tmpllint-disable all -- legacy -->\n<!-- tmpllint-disable-line AAA001 -->\n<p>bad_a</p>",
			want: "TPL900@2:1"},
		{name: "unknown directive",
			src:     "<!-- tmpllint-disable-nextline AAA001 -- legacy -->\n<p>bad_a</p>",
			want:    "TPL900@1:1 AAA001@2:4",
			message: `unknown directive "tmpllint-disable-nextline"`},
		{name: "enable without disable",
			src:     "<script>\n/* tmpllint-enable AAA001 */\n</script>",
			want:    "TPL900@2:20",
			message: "no tmpllint-disable AAA001 is in force"},
		{name: "enable one rule inside disable all",
			src:     "<script>\n/* tmpllint-disable all -- legacy */ x = bad_a;\n/* tmpllint-enable AAA001 */\n</script>",
			want:    "TPL900@3:20",
			message: "until tmpllint-enable all"},
		{name: "disabled twice",
			src:     "<script>\n/* tmpllint-disable AAA001 -- a */ x = bad_a;\n/* tmpllint-disable AAA001 -- b */\n</script>",
			want:    "TPL900@3:21",
			message: "already disabled by the tmpllint-disable on line 2"},

		// Not directives.
		{name: "in a JS string", src: "<script>\nx = '// tmpllint-disable-line AAA001 -- no'; y = bad_a;\n</script>", want: "AAA001@2:50"},
		{name: "in a template literal", src: "<script>\nx = `/* tmpllint-disable-line AAA001 -- no */`; y = bad_a;\n</script>", want: "AAA001@2:53"},
		{name: "in an attribute value", src: `<p title="<!-- tmpllint-disable-line AAA001 -- no -->">bad_a</p>`, want: "AAA001@1:56"},
		{name: "in HTML text", src: "<p>// tmpllint-disable-line AAA001 -- no bad_a</p>", want: "AAA001@1:42"},
		{name: "in a script of another type", src: "<script type=\"text/template\">// tmpllint-disable-line AAA001 -- no bad_a</script>", want: "AAA001@1:68"},
		{name: "in a script inside an HTML comment",
			src:  "<!--\n<script>\n// tmpllint-disable-next-line AAA001 -- no\n</script>\n-->\n<p>bad_a</p>",
			want: "AAA001@6:4"},
		{name: "not at the start of the comment", src: "<!-- see tmpllint-disable-next-line AAA001 -- no -->\n<p>bad_a</p>", want: "AAA001@2:4"},
		{name: "an HTML comment inside a Mustache comment is its text",
			src: "{{! tmpllint-disable-next-line AAA001 -- legacy <!-- tmpllint-disable-line BBB002 -- no --> }}\n<p>bad_a</p>"},

		// Line endings.
		{name: "CRLF", src: "<script>\r\n// tmpllint-disable-next-line AAA001 -- legacy\r\nx = bad_a;\r\ny = bad_a;\r\n</script>", want: "AAA001@4:5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags, got := lintString(t, tt.src, testRules, Options{})
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if tt.message == "" {
				return
			}
			for _, d := range diags {
				if d.Rule.ID == DirectiveRuleID {
					if !regexp.MustCompile(tt.message).MatchString(d.Message) {
						t.Errorf("message %q does not match %q", d.Message, tt.message)
					}
					return
				}
			}
			t.Errorf("no %s diagnostic", DirectiveRuleID)
		})
	}
}

func TestSuppressionDiagnosticsPointAtTheComment(t *testing.T) {
	src := "<p>x</p>\n<!-- tmpllint-disable-next-line AAA001 -- legacy -->\n<p>fine</p>"
	diags, _ := lintString(t, src, testRules, Options{})
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1", len(diags))
	}
	d := diags[0]
	comment := "<!-- tmpllint-disable-next-line AAA001 -- legacy -->"
	if got := src[d.Start:d.End]; got != comment {
		t.Errorf("diagnostic covers %q, want the whole comment", got)
	}
	if d.Severity != Warning || len(d.Fixes) != 0 {
		t.Errorf("severity %v, %d fixes; want the rule's warning, no fix", d.Severity, len(d.Fixes))
	}
}

func TestNoInlineConfig(t *testing.T) {
	src := "<!-- tmpllint-disable-next-line AAA001 -- legacy -->\n<p>bad_a</p>\n<!-- tmpllint-disable-next-line BBB002 -->\n<!-- tmpllint-disable-next-line ZZZ999 -- x -->"
	_, got := lintString(t, src, testRules, Options{NoInlineConfig: true})
	if want := "AAA001@2:4"; got != want {
		t.Errorf("--no-inline-config: got %q, want %q", got, want)
	}
	_, got = lintString(t, src, testRules, Options{})
	if want := "TPL900@3:1 TPL900@4:33"; got != want {
		t.Errorf("default: got %q, want %q", got, want)
	}
}

// Rules that are not run (--ignore) may be named and are not unused: they
// could have matched. Without the directive rule, suppression still works
// and nothing about the comments is reported.
func TestSuppressionWithRulesNotRun(t *testing.T) {
	src := "<!-- tmpllint-disable-next-line AAA001, BBB002 -- legacy -->\n<p>bad_a</p>\n<!-- tmpllint-disable-next-line no-bad-b -- legacy -->\n"
	known := Options{Known: testRules}
	if _, got := lintString(t, src, []*Rule{ruleA, directiveRule}, known); got != "" {
		t.Errorf("BBB002 not run: got %q, want nothing", got)
	}
	if _, got := lintString(t, src, []*Rule{ruleA, directiveRule}, Options{}); got != "TPL900@1:41 TPL900@3:33" {
		t.Errorf("BBB002 not known: got %q, want it reported unknown twice", got)
	}
	if _, got := lintString(t, src, []*Rule{ruleA, ruleB}, known); got != "" {
		t.Errorf("directive rule not run: got %q, want nothing", got)
	}
	if _, got := lintString(t, src, []*Rule{ruleA, ruleB}, Options{NoInlineConfig: true}); got != "AAA001@2:4" {
		t.Errorf("directive rule not run, no inline config: got %q", got)
	}
}

// wrapRule reports each wrap(...) call and fixes it to done(); the fix
// covers the whole call, like the renderEl callback fix does.
var wrapRule = &Rule{ID: "WRP001", Name: "no-wrap", Severity: Warning, Check: func(p *Pass) {
	content := string(p.File.Content)
	for i := 0; ; {
		k := strings.Index(content[i:], "wrap(")
		if k < 0 {
			return
		}
		start := i + k
		end := start + strings.Index(content[start:], ")") + 1
		p.Report(Diagnostic{Start: start, End: end, Message: "wrap", Fixes: []Fix{{Message: "use done()", Safe: true, Edits: []Edit{{Start: start, End: end, New: "done()"}}}}})
		i = end
	}
}}

// Suppressed findings are not fixed, and no fix rewrites a suppression
// comment or suppressed code: such a fix is dropped in check and fix alike.
func TestSuppressionAndFixes(t *testing.T) {
	rules := []*Rule{ruleA, wrapRule, directiveRule}
	tests := []struct{ name, src, want string }{
		{"suppressed finding is not fixed",
			"<script>\n// tmpllint-disable-next-line WRP001 -- legacy\nwrap(x);\nwrap(y);\n</script>",
			"<script>\n// tmpllint-disable-next-line WRP001 -- legacy\nwrap(x);\ndone();\n</script>"},
		{"a fix over suppressed code is dropped",
			"<script>\nwrap(\n// tmpllint-disable-next-line AAA001 -- legacy\nbad_a);\n</script>",
			"<script>\nwrap(\n// tmpllint-disable-next-line AAA001 -- legacy\nbad_a);\n</script>"},
		{"a fix over a suppression comment is dropped",
			"<script>\nwrap(/* tmpllint-disable AAA001 -- legacy */);\nbad_a;\n</script>",
			"<script>\nwrap(/* tmpllint-disable AAA001 -- legacy */);\nbad_a;\n</script>"},
		{"a fix beside them applies",
			"<script>\n// tmpllint-disable-next-line AAA001 -- legacy\nbad_a; wrap(x);\n</script>",
			"<script>\n// tmpllint-disable-next-line AAA001 -- legacy\nbad_a; done();\n</script>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := FixSourceWith(NewSource("t.html", []byte(tt.src)), rules, true, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Content) != tt.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", res.Content, tt.want)
			}
			f, _ := Parse(NewSource("t.html", res.Content))
			for _, d := range Run(f, rules) {
				if d.Fixable(false) {
					t.Errorf("%s still has a fix after fixing; check and fix disagree", d.Rule.ID)
				}
				if d.Rule == wrapRule && !strings.Contains(d.Message, "not fixed automatically") {
					t.Errorf("a finding whose fix was dropped does not say why: %s", d.Message)
				}
			}
		})
	}
	// --no-inline-config fixes what the comments would have protected.
	src := "<script>\n// tmpllint-disable-next-line WRP001 -- legacy\nwrap(x);\n</script>"
	res, err := FixSourceWith(NewSource("t.html", []byte(src)), rules, true, Options{NoInlineConfig: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(src, "wrap(x)", "done()", 1); string(res.Content) != want {
		t.Errorf("--no-inline-config: fixed %q, want %q", res.Content, want)
	}
}

func TestParseDirective(t *testing.T) {
	tests := []struct {
		body  string
		kind  directiveKind
		items string // item texts joined by |
		// reason is "-" for no separator
		reason string
	}{
		{" tmpllint-disable-next-line OIE003 -- reason ", disableNextLine, "OIE003", "reason"},
		{"tmpllint-disable-line OIE001,OIE002 -- a -- b", disableLine, "OIE001|OIE002", "a -- b"},
		{" tmpllint-disable OIE001 , no-session-token\n  -- why\n", disableRange, "OIE001|no-session-token", "why"},
		{" tmpllint-enable OIE002 ", enableRange, "OIE002", "-"},
		{" tmpllint-disable-line all --", disableLine, "all", ""},
		{" tmpllint-disable-line -- r", disableLine, "", "r"},
		{" tmpllint-disable-line OIE001--r", disableLine, "OIE001--r", "-"},
		{" tmpllint-disable-everything OIE001 -- r", 0, "", "-"},
	}
	for _, tt := range tests {
		src := []byte(tt.body)
		d := parseDirective(src, spanOf(src), 0, len(src))
		if d == nil {
			t.Errorf("%q: not a directive", tt.body)
			continue
		}
		var items []string
		for _, it := range d.items {
			if src2 := string(src[it.span.Start:it.span.End]); src2 != it.text {
				t.Errorf("%q: item %q has span text %q", tt.body, it.text, src2)
			}
			items = append(items, it.text)
		}
		reason := d.reason
		if !d.hasReason {
			reason = "-"
		}
		if d.kind != tt.kind || strings.Join(items, "|") != tt.items || reason != tt.reason {
			t.Errorf("%q: got kind %d items %q reason %q; want %d %q %q", tt.body, d.kind, strings.Join(items, "|"), reason, tt.kind, tt.items, tt.reason)
		}
	}
	for _, body := range []string{"", " ", "tmpllint is great", " eslint-disable-line x -- y", "TMPLLINT-DISABLE-LINE x -- y", "see tmpllint-disable-line x -- y"} {
		if d := parseDirective([]byte(body), spanOf([]byte(body)), 0, len(body)); d != nil {
			t.Errorf("%q: read as a directive", body)
		}
	}
}

func spanOf(b []byte) jsscan.Span { return jsscan.Span{Start: 0, End: len(b)} }

// Suppression comments must not make linting quadratic: many comments on
// one line, many ranges and many findings under one comment.
func TestSuppressionScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	inputs := []struct {
		name string
		gen  func(n int) string
	}{
		{"comments and findings on one line", func(n int) string {
			return "<script>" + strings.Repeat("bad_a; /* tmpllint-disable-line AAA001 -- r */ ", n/48) + "</script>"
		}},
		{"repeated ranges", func(n int) string {
			return "<script>" + strings.Repeat("/* tmpllint-disable AAA001 -- r */ bad_a;\n", n/43) + "</script>"
		}},
		{"open and closed ranges", func(n int) string {
			return "<script>" + strings.Repeat("/* tmpllint-disable all -- r */ bad_a; bad_b; /* tmpllint-enable all */\n", n/72) + "</script>"
		}},
		{"next-line comments", func(n int) string {
			return strings.Repeat("{{! tmpllint-disable-next-line AAA001 -- r }}\n<p>bad_a bad_b</p>\n", n/66)
		}},
		{"one comment over many lines", func(n int) string {
			return "<script>/* tmpllint-disable-line all -- r" + strings.Repeat("\n", n/2) + "*/ " + strings.Repeat("bad_a;", n/12) + "</script>"
		}},
	}
	// Work is counted, not timed: bytes allocated, the least of three runs
	// (the suppression code reads comments, not tokens through jsscan).
	work := func(src string) (alloc uint64) {
		f, err := Parse(NewSource("t.html", []byte(src)))
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			RunWith(f, testRules, Options{})
			runtime.ReadMemStats(&after)
			if a := after.TotalAlloc - before.TotalAlloc; i == 0 || a < alloc {
				alloc = a
			}
		}
		return alloc
	}
	growth := func(small, large uint64) float64 { return float64(large) / float64(max(small, 1)) }
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			as, al := work(in.gen(64<<10)), work(in.gen(256<<10))
			t.Logf("allocated %d then %d bytes", as, al)
			// Linear is 4, quadratic 16; slices that double put linear
			// growth anywhere between 2 and 8.
			if g := growth(as, al); g > 10 {
				t.Errorf("allocation grows %.1f times for 4 times the input: %d bytes, then %d", g, as, al)
			}
		})
	}
}

// The comment forms the server strips before the page is sent:
// Handlebars block comments ({{!-- --}}, which may hold "}}") and EJS
// comment tags (<%# %>).
func TestSuppressionServerComments(t *testing.T) {
	tests := []struct{ name, file, src, want string }{
		{"Handlebars block comment", "t.html", "{{!-- tmpllint-disable-next-line AAA001 -- legacy --}}\n<p>bad_a</p>", ""},
		{"Handlebars block comment holding }}", "t.html", "{{!-- tmpllint-disable-next-line AAA001 -- see {{x}} --}}\n<p>bad_a</p>", ""},
		{"Handlebars block comment over lines", "t.html", "{{!--\n  tmpllint-disable-next-line AAA001 -- legacy\n--}}\n<p>bad_a</p>", ""},
		{"Handlebars block comment, disable-line", "t.html", "<p>bad_a</p>{{!-- tmpllint-disable-line AAA001 -- legacy --}}", ""},
		{"Handlebars block comment in a script", "t.html", "<script>\n{{!-- tmpllint-disable-next-line AAA001 -- legacy --}}\nx = bad_a;\n</script>", ""},
		{"Handlebars block comment without a reason", "t.html", "{{!-- tmpllint-disable-next-line AAA001 --}}\n<p>bad_a</p>", "TPL900@1:1 AAA001@2:4"},
		{"Handlebars block comment, unused", "t.html", "{{!-- tmpllint-disable-next-line AAA001 -- legacy --}}\n<p>ok</p>", "TPL900@1:1"},
		{"EJS comment", "t.ejs", "<%# tmpllint-disable-next-line AAA001 -- legacy %>\n<p>bad_a</p>", ""},
		{"EJS comment closed by -%>", "t.ejs", "<%# tmpllint-disable-next-line AAA001 -- legacy -%>\n<p>bad_a</p>", ""},
		{"EJS comment in a script", "t.ejs", "<script>\n<%# tmpllint-disable-next-line AAA001 -- legacy %>\nx = bad_a;\n</script>", ""},
		{"EJS comment, unused", "t.ejs", "<%# tmpllint-disable-next-line AAA001 -- legacy %>\n<p>ok</p>", "TPL900@1:1"},
		{"EJS output tag is no comment", "t.ejs", "<%= 'tmpllint-disable-next-line AAA001 -- legacy' %>\n<p>bad_a</p>", "AAA001@2:4"},
		{"an HTML comment inside an EJS comment is its text", "t.ejs", "<%# <!-- tmpllint-disable-next-line AAA001 -- legacy --> %>\n<p>bad_a</p>", "AAA001@2:4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(NewSource(tt.file, []byte(tt.src)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range RunWith(f, testRules, Options{}) {
				p := f.Position(d.Start)
				got = append(got, fmt.Sprintf("%s@%d:%d", d.Rule.ID, p.Line, p.Column))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("got %q, want %q", g, tt.want)
			}
		})
	}
}
