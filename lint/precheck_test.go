package lint

import (
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
		{"trigger across a chunk boundary", "a.js", strings.Repeat(" ", chunkSize-4) + "renderEl", []string{"renderEl"}, PageUnknown, false, true},
		{"trigger at the end of a long file", "a.js", strings.Repeat("x ", 3*chunkSize) + "renderEl", []string{"renderEl"}, PageUnknown, false, true},
		{"long file without it", "a.js", strings.Repeat("render El ", chunkSize), []string{"renderEl"}, PageUnknown, false, false},
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

// Each trigger is searched once per file, however many rules name it, and
// a rule without triggers runs beside skipped ones.
func TestPrecheckSharesSearches(t *testing.T) {
	f, err := Parse(NewSource("a.js", []byte("x.renderEl()")))
	if err != nil {
		t.Fatal(err)
	}
	ran := map[string]int{}
	rule := func(id string, triggers ...string) *Rule {
		return &Rule{ID: id, Name: strings.ToLower(id), Severity: Warning, Triggers: triggers, Check: func(*Pass) { ran[id]++ }}
	}
	ts := newTriggerSearch(f, Options{})
	rules := []*Rule{rule("AAA001", "renderEl"), rule("AAA002", "tokens"), rule("AAA003", "tokens", "renderEl"), rule("AAA004")}
	var got []bool
	for _, r := range rules {
		got = append(got, ts.mayFire(r))
	}
	if want := []bool{true, false, true, true}; !equalBools(got, want) {
		t.Errorf("mayFire = %v, want %v", got, want)
	}
	if ts.n+len(ts.more) != 2 {
		t.Errorf("searched %d triggers, want 2 (each once): %v", ts.n+len(ts.more), ts.seen[:ts.n])
	}
	RunWith(f, rules, Options{})
	if ran["AAA001"] != 1 || ran["AAA002"] != 0 || ran["AAA003"] != 1 || ran["AAA004"] != 1 {
		t.Errorf("rules run: %v", ran)
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
