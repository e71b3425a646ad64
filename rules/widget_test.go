package rules

import (
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

func TestWidgetVersion(t *testing.T) {
	flag := &lint.WidgetVersion{Version: lint.Version{Major: 6, Minor: 9}, Origin: "--widget-version 6.9", Explicit: true}
	pkg := &lint.WidgetVersion{Version: lint.Version{Major: 5, Minor: 16}, Origin: `package.json ("^5.16.0")`}
	cdn := `<script src="https://global.oktacdn.com/okta-signin-widget/7.20.1/js/okta-sign-in.min.js"></script>`
	npm := `<script src="https://cdn.jsdelivr.net/npm/@okta/okta-signin-widget@5.2.0/dist/js/okta-sign-in.min.js"></script>`
	tests := []struct {
		name, src string
		opt       *lint.WidgetVersion
		want      string // "" for unknown
	}{
		{"page.html", cdn, nil, "7.20.1"},
		{"page.html", npm, nil, "5.2.0"},
		{"page.html", cdn, flag, "6.9.0"},
		{"page.html", cdn, pkg, "7.20.1"},
		{"page.html", `<script src="/js/okta-sign-in.min.js"></script>`, pkg, "5.16.0"},
		{"page.html", `<script src="https://example.com/other-widget/7.1.0/x.js"></script>`, nil, ""},
		{"page.html", `<!-- <script src="https://global.oktacdn.com/okta-signin-widget/7.20.1/js/okta-sign-in.min.js"></script> -->`, nil, ""},
		{"app.ts", `import OktaSignIn from '@okta/okta-signin-widget';`, pkg, "5.16.0"},
		{"app.ts", `import OktaSignIn from '@okta/okta-signin-widget';`, nil, ""},
	}
	for _, tt := range tests {
		f, err := lint.Parse(lint.NewSource(tt.name, []byte(tt.src)))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		probe := &lint.Rule{ID: "TST001", Name: "probe", Severity: lint.Info, Check: func(pass *lint.Pass) {
			if v, ok := widgetVersion(pass); ok {
				got = v.Version.String()
			}
		}}
		lint.RunWith(f, []*lint.Rule{probe}, lint.Options{Widget: tt.opt})
		if got != tt.want {
			t.Errorf("%s %q (option %v): version %q, want %q", tt.name, tt.src, tt.opt, got, tt.want)
		}
	}
}
