package lint

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// The pre-check skips a rule only where none of its triggers occurs; a
// counting rule says whether it ran.
func TestPrecheckSkipsRulesWithoutTriggers(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		content  string
		triggers []string
		page     PageKind
		settings bool // Options.Page set, as for an export's page
		want     bool // the rule runs
	}{
		{"no triggers: always runs", "a.html", "<p>hello</p>", nil, PageUnknown, false, true},
		{"trigger absent", "a.html", "<script>widget.showSignIn()</script>", []string{"renderEl"}, PageUnknown, false, false},
		{"trigger present", "a.html", "<script>widget.renderEl({})</script>", []string{"renderEl"}, PageUnknown, false, true},
		{"trigger in another letter case", "a.html", `<a ONCLICK="go()">x</a>`, []string{"onclick"}, PageUnknown, false, true},
		{"trigger in a comment still counts", "a.js", "// renderEl", []string{"renderEl"}, PageUnknown, false, true},
		{"second trigger present", "a.js", "x.afterTransform()", []string{"tokens", "afterTransform"}, PageUnknown, false, true},
		{"none of two triggers", "a.js", "x.afterRender()", []string{"tokens", "afterTransform"}, PageUnknown, false, false},
		{"JavaScript escape may spell it", "a.js", `x['\x72enderEl']()`, []string{"renderEl"}, PageUnknown, false, true},
		{"a backslash anywhere", "a.js", `var re = /\d+/;`, []string{"renderEl"}, PageUnknown, false, true},
		{"numeric character reference", "a.html", `<a href="&#106;avascript:go()">x</a>`, []string{"javascript"}, PageUnknown, false, true},
		{"the one named reference for letters", "a.html", `<a title="&fjlig;">x</a>`, []string{"fj"}, PageUnknown, false, true},
		{"named references of other characters", "a.html", `<p>&amp; &lt;</p>`, []string{"renderEl"}, PageUnknown, false, false},
		{"export page kind", "a.html", "<p>hello</p>", []string{"renderEl"}, PageSignIn, false, true},
		{"export settings", "a.html", "<p>hello</p>", []string{"renderEl"}, PageUnknown, true, true},
		{"trigger in another case, far in", "a.js", strings.Repeat(" ", 4092) + "renderEl", []string{"renderEl"}, PageUnknown, false, true},
		{"trigger at the end of a long file", "a.js", strings.Repeat("x ", 12000) + "renderEl", []string{"renderEl"}, PageUnknown, false, true},
		{"long file without it", "a.js", strings.Repeat("render El renderE renderl ", 1000), []string{"renderEl"}, PageUnknown, false, false},
		{"empty file", "a.js", "", []string{"renderEl"}, PageUnknown, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(NewSource(tt.file, []byte(tt.content)))
			if err != nil {
				t.Fatal(err)
			}
			f.Page = tt.page
			runs := 0
			r := &Rule{ID: "AAA001", Name: "count", Severity: Warning, Triggers: tt.triggers, Check: func(*Pass) { runs++ }}
			opts := Options{}
			if tt.settings {
				opts.Page = &PageSettings{Page: PageSignIn}
			}
			RunWith(f, []*Rule{r}, opts)
			if got := runs == 1; got != tt.want || runs > 1 {
				t.Errorf("rule ran %d times, want it to run: %v", runs, tt.want)
			}
		})
	}
}

// A rule without triggers runs beside skipped ones, and the matcher of a
// set of triggers is built once and shared by the files of a run.
func TestPrecheckSharesMatcher(t *testing.T) {
	f, err := Parse(NewSource("a.js", []byte("x.renderEl()")))
	if err != nil {
		t.Fatal(err)
	}
	ran := map[string]int{}
	rule := func(id string, triggers ...string) *Rule {
		return &Rule{ID: id, Name: strings.ToLower(id), Severity: Warning, Triggers: triggers, Check: func(*Pass) { ran[id]++ }}
	}
	rules := []*Rule{rule("AAA001", "renderEl"), rule("AAA002", "tokens"), rule("AAA003", "tokens", "renderEl"), rule("AAA004")}
	ts := newTriggerSearch(f, Options{}, rules)
	var got []bool
	for _, r := range rules {
		got = append(got, ts.mayFire(r))
	}
	if want := []bool{true, false, true, true}; !equalBools(got, want) {
		t.Errorf("mayFire = %v, want %v", got, want)
	}
	RunWith(f, rules, Options{})
	if ran["AAA001"] != 1 || ran["AAA002"] != 0 || ran["AAA003"] != 1 || ran["AAA004"] != 1 {
		t.Errorf("rules run: %v", ran)
	}
	if a, b := matcherFor(rules), matcherFor(append([]*Rule(nil), rules...)); a == nil || a != b {
		t.Errorf("the same triggers got matchers %p and %p, want one", a, b)
	}
	other := matcherFor([]*Rule{rule("BBB001", "afterTransform")})
	if other == matcherFor(rules) || len(other.patterns) != 1+len(escapes) {
		t.Errorf("another set of triggers shares a matcher, or has patterns %q", other.patterns)
	}
}

// The matcher finds what a plain search of the lowered text finds, with
// patterns that overlap, nest and share prefixes and suffixes.
func TestMatcherAgreesWithSearch(t *testing.T) {
	triggers := []string{"session", "sessionToken", "js-help-link", "js-help-links", "aab", "ab", "b", "i18n", "OktaUtil", "oktautil"}
	r := &Rule{Triggers: triggers}
	m := matcherFor([]*Rule{r})
	texts := []string{"", "aaab", "abab", "sessionTok", "SESSIONtoken", "js-help-lin", "x js-help-links y", "i18", "I18N", "oKtAuTiL", "a\\b", "&#x61;", "&fjlig", "&FJLIG;", "ses sion"}
	for _, text := range texts {
		found := make([]bool, len(m.patterns))
		escape := m.scan([]byte(text), found, nil)
		lowered := strings.ToLower(text)
		wantEscape := strings.Contains(text, "\\") || strings.Contains(text, "&#") || strings.Contains(lowered, "&fjlig;")
		if escape != wantEscape {
			t.Errorf("%q: escape %v, want %v", text, escape, wantEscape)
		}
		if escape {
			continue
		}
		for _, tr := range triggers {
			if got, want := found[m.index[tr]], strings.Contains(lowered, strings.ToLower(tr)); got != want {
				t.Errorf("%q: found %s %v, want %v", text, tr, got, want)
			}
		}
	}
}

// More triggers than the search keeps in place are kept on the heap.
func TestPrecheckManyTriggers(t *testing.T) {
	f, err := Parse(NewSource("a.js", []byte("x.t5x(); y.t65x();")))
	if err != nil {
		t.Fatal(err)
	}
	ran := map[string]bool{}
	var rules []*Rule
	for i := range 70 {
		id := fmt.Sprintf("AAA%03d", i)
		rules = append(rules, &Rule{ID: id, Name: "r" + strconv.Itoa(i), Severity: Warning, Triggers: []string{"t" + strconv.Itoa(i) + "x"}, Check: func(*Pass) { ran[id] = true }})
	}
	RunWith(f, rules, Options{})
	if len(ran) != 2 || !ran["AAA005"] || !ran["AAA065"] {
		t.Errorf("rules run: %v, want AAA005 and AAA065", ran)
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestValidateTriggers(t *testing.T) {
	for _, tt := range []struct {
		trigger string
		ok      bool
	}{
		{"renderEl", true}, {"okta-signin-username", true}, {"i18n", true},
		{"", false}, {"res.session", false}, {"a b", false}, {"&amp", false}, {strings.Repeat("a", maxTrigger+1), false},
	} {
		r := &Rule{Triggers: []string{tt.trigger}}
		bad := false
		for _, p := range r.Validate() {
			bad = bad || strings.Contains(p, "trigger")
		}
		if bad == tt.ok {
			t.Errorf("trigger %q: valid %v, want %v", tt.trigger, !bad, tt.ok)
		}
	}
}
