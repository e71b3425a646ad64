package rules

import (
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// lintNamed runs every rule over content read as a file called name.
func lintNamed(t *testing.T, name, content string) []lint.Diagnostic {
	t.Helper()
	f, err := lint.Parse(lint.NewSource(name, []byte(content)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return lint.Run(f, All())
}

// found lists a file's findings of the template rules as "RULE text", where
// text is the bytes the finding covers.
func found(content string, diags []lint.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		switch d.Rule.ID {
		case "TPL001", "TPL002", "CSP001", "CSP002":
			out = append(out, d.Rule.ID+" "+content[d.Start:d.End])
		}
	}
	return out
}

func checkFound(t *testing.T, name, content string, want []string) {
	t.Helper()
	got := found(content, lintNamed(t, name, content))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n%s\ngot  %q\nwant %q", name, content, got, want)
	}
}

const (
	head = "{{{SignInWidgetResources}}}\n"
	util = "{{{OktaUtil}}}\n"
)

// A use of OktaUtil before its macro is reported only when it runs right
// away: at the top level of a classic script, or in a function invoked
// where it is written.
func TestWidgetResourcesRunsNow(t *testing.T) {
	tests := []struct {
		name, code string
		report     bool
	}{
		{"top level", "var c = OktaUtil.getSignInWidgetConfig();", true},
		{"window property", "var c = window.OktaUtil.getSignInWidgetConfig();", true},
		{"if block", "if (a) { OktaUtil.getSignInWidgetConfig(); }", true},
		{"else and try blocks", "if (a) {} else { try { OktaUtil.x(); } catch (e) {} }", true},
		{"catch block", "try {} catch (e) { OktaUtil.x(); }", true},
		{"for block", "for (var i = 0; i < 2; i++) { OktaUtil.x(); }", true},
		{"for await block", "for await (const x of y) { OktaUtil.x(); }", true},
		{"switch", "switch (a) { case 1: OktaUtil.x(); }", true},
		{"iife", "(function () { OktaUtil.x(); })();", true},
		{"iife called inside", "(function () { OktaUtil.x(); }());", true},
		{"bang iife", "!function () { OktaUtil.x(); }();", true},
		{"arrow iife", "(() => { OktaUtil.x(); })();", true},
		{"async arrow iife", "(async () => { OktaUtil.x(); })();", true},
		{"arrow expression iife", "(() => OktaUtil.x())();", true},
		{"iife with call", "(function () { OktaUtil.x(); }).call(this);", true},
		{"new function", "var o = new function () { this.c = OktaUtil.x(); };", true},
		{"argument of a call", "init(OktaUtil.getSignInWidgetConfig());", true},
		{"after an arrow expression", "var f = () => 1, c = OktaUtil.x();", true},
		{"function declaration", "function f() { OktaUtil.x(); }", false},
		{"declaration then parenthesis", "function f() { OktaUtil.x(); }\n(g)();", false},
		{"function expression", "var f = function () { OktaUtil.x(); };", false},
		{"named function expression", "var f = function g() { OktaUtil.x(); };", false},
		{"generator", "function* g() { yield OktaUtil.x(); }", false},
		{"arrow body", "var f = () => { OktaUtil.x(); };", false},
		{"arrow expression", "var f = () => OktaUtil.x();", false},
		{"arrow with one parameter", "list.map(x => OktaUtil.x(x));", false},
		{"callback", "document.addEventListener('DOMContentLoaded', function () { OktaUtil.x(); });", false},
		{"method", "var o = { m() { return OktaUtil.x(); } };", false},
		{"getter", "var o = { get c() { return OktaUtil.x(); } };", false},
		{"class method", "class A { m() { OktaUtil.x(); } }", false},
		{"typeof guard", "if (typeof OktaUtil !== 'undefined') { OktaUtil.x(); }", false},
		{"typeof window guard", "var ok = typeof window.OktaUtil === 'object'; OktaUtil.x();", false},
		{"own declaration", "var OktaUtil = { x: function () {} }; OktaUtil.x();", false},
		{"property of another object", "acme.OktaUtil.x();", false},
		{"object key", "var flags = { OktaUtil: true };", false},
		{"unclosed function body", "function f() { OktaUtil.x();", false},
		{"string and comment", "var s = 'OktaUtil.x()'; // OktaUtil.x()", false},
		{"template literal", "var s = `${'a'} OktaUtil.x()`;", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := head + "<script>\n" + tt.code + "\n</script>\n" + util + "<script>OktaUtil.getSignInWidgetConfig();</script>\n"
			var want []string
			if tt.report {
				want = []string{"TPL001 OktaUtil"}
			}
			checkFound(t, "page.html", page, want)
		})
	}
}

func TestWidgetResources(t *testing.T) {
	tests := []struct {
		name, file, page string
		want             []string
	}{
		{"module script runs after parsing", "page.html",
			head + "<script type=\"module\">const c = OktaUtil.getSignInWidgetConfig();</script>\n" + util, nil},
		{"text/template is no script", "page.html",
			head + "<script type=\"text/template\">OktaUtil.x()</script>\n" + util, nil},
		{"resources after the render script", "page.html",
			util + "<script>new OktaSignIn(OktaUtil.getSignInWidgetConfig());</script>\n" + head,
			[]string{"TPL001 OktaSignIn"}},
		{"resources missing, no use of OktaSignIn", "page.html",
			util + "<script>var c = OktaUtil.getSignInWidgetConfig();</script>\n", nil},
		{"OktaUtil missing, no use", "page.html", head + "<p>maintenance</p>\n", nil},
		{"not a hosted page", "page.html",
			"<script src=\"/okta-sign-in.min.js\"></script><script>new OktaSignIn({}).showSignInAndRedirect();</script>", nil},
		{"widget bundle of its own", "page.html",
			"<script src=\"/js/okta-sign-in.no-polyfill.min.js\"></script>\n" + util + "<script>new OktaSignIn(OktaUtil.getSignInWidgetConfig());</script>", nil},
		{"double braces in an HTML comment do nothing", "page.html",
			"<!-- {{OktaUtil}} -->\n" + head + util + "<script>OktaUtil.x();</script>", nil},
		{"macro in a Mustache comment is not there", "page.html",
			head + "{{! <script>OktaUtil.x();</script> }}\n<p>x</p>", nil},
		{"macro written with &", "page.html", head + "{{& OktaUtil}}\n<script>OktaUtil.x();</script>", nil},
		{"double braces with a stray third brace", "page.html",
			head + "{{OktaUtil}}}\n<script>OktaUtil.x();</script>", []string{"TPL001 {{OktaUtil}}"}},
		{"broken Mustache: no missing-macro finding", "page.html",
			head + "<title>{{pageTitle</title>\n<script>OktaUtil.x();</script>",
			[]string{"TPL002 {{"}},
		{"EJS views are not hosted pages", "page.ejs",
			"<script>var c = OktaUtil.getSignInWidgetConfig();</script>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFound(t, tt.file, tt.page, tt.want) })
	}
}

func TestInsertLineBefore(t *testing.T) {
	tests := []struct{ name, src, at, want string }{
		{"indented", "<body>\n    <script>x</script>\n", "<script", "<body>\n    {{{OktaUtil}}}\n    <script>x</script>\n"},
		{"tab", "<body>\n\t<script>x</script>\n", "<script", "<body>\n\t{{{OktaUtil}}}\n\t<script>x</script>\n"},
		{"crlf", "<body>\r\n  <script>x</script>\r\n", "<script", "<body>\r\n  {{{OktaUtil}}}\r\n  <script>x</script>\r\n"},
		{"first line of a crlf file", "<script>x</script>\r\n<p>", "<script", "{{{OktaUtil}}}\r\n<script>x</script>\r\n<p>"},
		{"first and only line", "<script>x</script>", "<script", "{{{OktaUtil}}}\n<script>x</script>"},
		{"after other markup", "<div></div><script>x</script>\n", "<script", "<div></div>{{{OktaUtil}}}<script>x</script>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			e := insertLineBefore(src, strings.Index(tt.src, tt.at), "{{{OktaUtil}}}")
			got := tt.src[:e.Start] + e.New + tt.src[e.End:]
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTemplateVariables(t *testing.T) {
	tests := []struct {
		name, file, page string
		want             []string
	}{
		{"suppression comments are no variables", "page.html",
			head + util + "{{! tmpllint-disable-next-line OIE003 -- kept }}\n{{!-- note --}}", nil},
		{"unknown name in an HTML comment", "page.html", head + util + "<!-- {{buildId}} -->", nil},
		{"unknown name in a JavaScript comment", "page.html", head + util + "<script>// {{buildId}}\n</script>", nil},
		{"unknown name in a JavaScript string", "page.html", head + util + "<script>var b = '{{buildId}}';</script>",
			[]string{"TPL002 {{buildId}}"}},
		{"sections in comments are still balanced", "page.html", head + util + "<!-- {{/useSiwGen3}} -->",
			[]string{"TPL002 {{/useSiwGen3}}"}},
		{"inverted section", "page.html", head + util + "{{^useSiwGen3}}<p>Gen2</p>{{/useSiwGen3}}", nil},
		{"unclosed inverted section", "page.html", head + util + "{{^useSiwGen3}}<p>Gen2</p>",
			[]string{"TPL002 {{^useSiwGen3}}"}},
		{"helper closed with its full name", "page.html", head + util + "{{#if x}}a{{/if x}}", []string{"TPL002 {{#if x}}"}},
		{"nothing after a delimiter change", "page.html", head + util + "{{=<% %>=}}{{buildId}}", nil},
		{"triple braces around a double variable", "page.html", head + util + "<title>{{{pageTitle}}}</title>", nil},
		{"padding inside the tag", "page.html", head + util + "<title>{{ pageTitle }}</title>{{# useSiwGen3 }}{{/ useSiwGen3 }}", nil},
		{"two equally near names", "page.html", head + util + "{{faviconUrl2}}", []string{"TPL002 {{faviconUrl2}}"}},
		{"empty tag", "page.html", head + util + "<p>{{}}</p>", []string{"TPL002 {{}}"}},
		{"error page", "error.html", "<h1>{{errorSummary}}</h1><p>{{{errorDescription}}}</p><p>{{httpStatusCode}}</p><title>{{pageTitle}}</title>",
			[]string{"TPL002 {{pageTitle}}"}},
		{"sign-in page wins over error page", "page.html", "<h1>{{errorSummary}}</h1>" + util,
			[]string{"TPL002 {{errorSummary}}"}},
		{"Handlebars view, not hosted", "views/login.hbs", "{{#each items}}<li>{{this.name}}</li>{{else}}none{{/each}}{{> footer}}", nil},
		{"Handlebars view using OktaUtil without the macros", "views/login.hbs",
			"{{#if user}}{{user.name}}{{/if}}<script>OktaUtil.getSignInWidgetConfig()</script>", []string{"TPL001 OktaUtil"}},
		{"Mustache file", "page.mustache", head + util + "{{buildId}}", []string{"TPL002 {{buildId}}"}},
		{"not an Okta page", "page.html", "<p>{{anything}}</p>{{#x}}", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFound(t, tt.file, tt.page, tt.want) })
	}
}

func TestSuggestVariable(t *testing.T) {
	tests := []struct {
		name          string
		page          oktaPageKind
		best          string
		exact, unique bool
	}{
		{"noncevalue", signInPage, "nonceValue", true, true},
		{"NONCEVALUE", signInPage, "nonceValue", true, true},
		{"nonceVaule", signInPage, "nonceValue", false, true},
		{"themeStylesUrl", signInPage, "themedStylesUrl", false, true},
		{"SignInWidgetResource", signInPage, "SignInWidgetResources", false, true},
		{"errorSumary", errorPage, "errorSummary", false, true},
		{"errorSumary", signInPage, "", false, false}, // an error-page name is not suggested on a sign-in page
		{"bak", errorPage, "back", false, true},
		{"pack", errorPage, "back", false, true},
		{"ba", errorPage, "", false, false},
		{"companyName", signInPage, "", false, false},
		{strings.Repeat("x", 100), signInPage, "", false, false},
	}
	for _, tt := range tests {
		best, exact, unique := suggestVariable(tt.name, tt.page)
		if best != tt.best || best != "" && (exact != tt.exact || unique != tt.unique) {
			t.Errorf("suggestVariable(%q, %v) = %q, %v, %v; want %q, %v, %v", tt.name, tt.page, best, exact, unique, tt.best, tt.exact, tt.unique)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"abc", "abc", 0},
		{"nonceValue", "nonceVaule", 1}, {"abcd", "acbd", 1}, {"kitten", "sitting", 3}, {"ca", "abc", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestScriptNonce(t *testing.T) {
	nonce := `<style nonce="{{nonceValue}}">p{}</style>` + "\n"
	tests := []struct {
		name, file, page string
		want             []string
	}{
		{"page without nonces", "page.html", head + "<style>p{}</style><script>x()</script>" + util, nil},
		{"nonce only in a comment", "page.html", head + "<!-- nonce=\"{{nonceValue}}\" --><style>p{}</style>" + util, nil},
		{"a nonce attribute opts in", "page.html", head + "<style nonce=\"x\">p{}</style><style>q{}</style>" + util,
			[]string{"CSP001 x", "CSP001 style"}},
		{"cspNonce option opts in", "page.html", head + util + "<script>config.cspNonce = '{{nonceValue}}';</script>",
			[]string{"CSP001 script"}},
		{"empty script", "page.html", head + nonce + "<script> </script><script></script>" + util, nil},
		{"empty src", "page.html", head + nonce + "<script src=\"\"></script>" + util, []string{"CSP001 script"}},
		{"json script", "page.html", head + nonce + "<script type=\"application/json\">{}</script>" + util, nil},
		{"upper case tag", "page.html", head + nonce + "<SCRIPT>x()</SCRIPT>" + util, []string{"CSP001 SCRIPT"}},
		{"error page", "error.html", "<h1>{{errorSummary}}</h1>" + nonce + "<style>q{}</style>", []string{"CSP001 style"}},
		{"not an Okta page", "page.html", nonce + "<style>q{}</style>", nil},
		{"near miss left to TPL002", "page.html", head + util + "<style nonce=\"{{noncevalue}}\">p{}</style>",
			[]string{"TPL002 {{noncevalue}}"}},
		{"Mustache comment", "page.html", head + nonce + "{{! <style>p{}</style> }}" + util, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFound(t, tt.file, tt.page, tt.want) })
	}
}

func TestJavaScriptURL(t *testing.T) {
	tests := []struct {
		value string
		code  string
		ok    bool
	}{
		{"javascript:go()", "go()", true},
		{"JavaScript:go()", "go()", true},
		{"  \x01javascript:go()", "go()", true},
		{"java\tscr\nipt:go()", "go()", true},
		{"&#106;avascript&colon;go()", "go()", true},
		{"java&Tab;script:go()", "go()", true},
		{"&#x20;javascript:go()", "go()", true},
		{"{{#useSiwGen3}}javascript:go(){{/useSiwGen3}}", "go()", true},
		{"{{! note }}javascript:go()", "go()", true},
		{"javascript:{{pageTitle}}", "", true},
		{"{{faviconUrl}}javascript:go()", "", false},
		{"java{{x}}script:go()", "", false},
		{"/help/javascript:go()", "", false},
		{"https://example.com", "", false},
		{"javascript", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		content := `<a href="` + tt.value + `">`
		doc, err := jsscan.Scan([]byte(content), jsscan.LangHTML)
		if err != nil {
			t.Fatal(err)
		}
		f := &lint.File{Source: lint.NewSource("page.html", []byte(content)), Doc: doc}
		a, _ := doc.Elements[0].Attr("href")
		code, ok := javaScriptURL(f, a)
		if ok != tt.ok || ok && tt.code != "" && code != tt.code {
			t.Errorf("javaScriptURL(%q) = %q, %v; want %q, %v", tt.value, code, ok, tt.code, tt.ok)
		}
	}
}

func TestNoOpScript(t *testing.T) {
	for code, want := range map[string]bool{
		"": true, ";": true, "void(0)": true, "void(0);": true, "void 0": true, " void ( 0 ) ; ": true,
		"go()": false, "void(go())": false, "history.back()": false,
	} {
		if got := noOpScript(code); got != want {
			t.Errorf("noOpScript(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestInlineEventHandler(t *testing.T) {
	tests := []struct {
		name, page string
		want       []string
	}{
		{"any case", head + util + `<div OnClick="go()"></div>`, []string{"CSP002 OnClick"}},
		{"not a handler", head + util + `<div onboarding-step="2" data-onclick="go()" one="1"></div>`, nil},
		{"empty handler", head + util + `<div onclick="  "></div>`, nil},
		{"handler made of a Mustache tag", head + util + `<div onclick="{{pageTitle}}"></div>`, []string{"CSP002 onclick"}},
		{"xlink:href", head + util + `<svg><a xlink:href="javascript:go()"></a></svg>`, []string{"CSP002 javascript:go()"}},
		{"not a URL attribute", head + util + `<div title="javascript:go()"></div>`, nil},
		{"meta with other http-equiv", head + util + `<meta http-equiv="refresh" content="5">`, nil},
		{"no-op javascript: URL", head + util + `<a href="javascript:void(0);">x</a><a href="javascript:">y</a>`, nil},
		{"not an Okta page", `<a onclick="go()" href="javascript:go()">x</a>`, nil},
		{"page without nonces", head + util + `<a onclick="go()">x</a>`, []string{"CSP002 onclick"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFound(t, "page.html", tt.page, tt.want) })
	}
}

// Every fix of the template rules settles in one pass, leaves nothing a
// template rule reports that it could fix, and keeps the rest of the file.
func TestTemplateFixesSettle(t *testing.T) {
	pages := []string{
		head + "<body>\n  <script>\n    OktaUtil.x();\n  </script>\n</body>",
		"{{SignInWidgetResources}}\r\n{{ OktaUtil }}\r\n<script>OktaUtil.x();</script>\r\n",
		head + util + "<style nonce=\"{{noncevalue}}\">p{}</style><script nonce>x()</script><script>y()</script>",
		head + util + "{{ #useSiwGen3 }}<p>{{pagetitle}}</p>{{ /useSiwGen3 }}{{{pageTitle}}",
	}
	for _, page := range pages {
		res, err := lint.FixSource(lint.NewSource("page.html", []byte(page)), All(), false)
		if err != nil || res.Warning != "" {
			t.Fatalf("%q: %v %s", page, err, res.Warning)
		}
		if res.Passes != 1 {
			t.Errorf("%q: %d passes, want 1", page, res.Passes)
		}
		for _, d := range res.Remaining {
			if d.Fixable(true) {
				t.Errorf("%q: fixable %s left: %s\n%s", page, d.Rule.ID, d.Message, res.Content)
			}
		}
	}
}
