package rules

import (
	"fmt"
	"strings"

	"github.com/tmpllint/tmpllint/internal/lazy"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// CSPSetting is EXP002.
var CSPSetting = &lint.Rule{
	ID:         "EXP002",
	Name:       "csp-setting",
	Severity:   lint.Error,
	Settings:   true,
	ErrorPages: true,
	Check:      checkCSPSetting,
	Doc: lint.Doc{
		Summary: "An export's Content Security Policy setting must be valid and, when enforced, list the page's external script and style hosts.",
		Why: `A sign-in or error page export carries its Content Security Policy setting:
contentSecurityPolicySetting { mode, reportUri, srcList } (Terraform: content_security_policy_setting
{ mode, report_uri, src_list }). Okta's Management API (ContentSecurityPolicySetting) allows two modes,
"enforced" and "report_only"; srcList holds the "Trusted external resources" that Okta "adds ... to all
fetch-directives in the CSP", and Okta's guides (custom sign-in page and custom error pages, "Content
Security Policy") allow "a maximum of 20 URIs". With mode "enforced" Okta sends the
content-security-policy header, and the browser refuses every script and style sheet from a host the
policy does not list: the page loads without them.

Use one of the two modes, write srcList entries as URLs or hosts (https://cdn.example.com,
*.example.com), and list every external host the page loads scripts and style sheets from.`,
		Detect: `In Okta Management API exports and Terraform sign-in page resources: a mode other than
"enforced" or "report_only"; a srcList that is not a list of strings; an entry that is not a URL, host
or scheme source (empty, with white space, ";" or ","); more than 20 entries (at the 21st). With
mode "enforced": each <script src> and <link rel="stylesheet" href> of the page whose absolute URL
(https://..., //...) no srcList entry matches, at the URL. Relative URLs (the page's own origin), URLs
built with Mustache tags, and Okta's own hosts (okta.com, oktapreview.com, okta-emea.com,
oktacdn.com), from which Okta's default page loads the widget, are not reported.`,
		Bad: []lint.Example{{File: "sign-in.json", Code: `{
  "pageContent": "<html><head>{{{SignInWidgetResources}}}<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css2?family=Inter\"></head></html>",
  "contentSecurityPolicySetting": { "mode": "enforced", "reportUri": "", "srcList": ["https://cdn.example.com"] }
}`}, {File: "sign-in.json", Code: `{
  "pageContent": "<html>{{{SignInWidgetResources}}}</html>",
  "contentSecurityPolicySetting": { "mode": "enforce", "srcList": ["https://cdn.example.com; script-src *"] }
}`}},
		Good: []lint.Example{{File: "sign-in.json", Code: `{
  "pageContent": "<html><head>{{{SignInWidgetResources}}}<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css2?family=Inter\"></head></html>",
  "contentSecurityPolicySetting": { "mode": "enforced", "reportUri": "", "srcList": ["https://*.googleapis.com"] }
}`}},
	},
}

// maxSrcList is Okta's limit: "You can have a maximum of 20 URIs".
const maxSrcList = 20

// cspSource is a URL, host or scheme source expression as CSP writes them.
var cspSource = lazy.Regexp("rules.cspSource", `^(\*|[A-Za-z][A-Za-z0-9+.-]*:|([A-Za-z][A-Za-z0-9+.-]*://)?(\*|(\*\.)?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)(:([0-9]+|\*))?(/[^\s;,]*)?)$`)

func checkCSPSetting(pass *lint.Pass) {
	s := pass.Options.Page
	if s == nil {
		return
	}
	if m := s.CSPMode; m != nil && m.Value != "enforced" && m.Value != "report_only" {
		pass.ReportSetting(*m, "Content Security Policy mode %q is not one of Okta's modes, \"enforced\" and \"report_only\"", m.Value)
	}
	if bad := s.CSPSrcListBad; bad != nil {
		pass.ReportSetting(*bad, "srcList must be a list of strings, not %s", quoteShort(bad.Value))
	}
	for i, e := range s.CSPSrcList {
		if !cspSource().MatchString(e.Value) {
			pass.ReportSetting(e, "srcList entry %q is not a URL, host or scheme (like https://cdn.example.com or *.example.com)", e.Value)
		}
		if i == maxSrcList {
			pass.ReportSetting(e, "srcList has %d entries; Okta allows at most %d", len(s.CSPSrcList), maxSrcList)
		}
	}
	if s.CSPMode == nil || s.CSPMode.Value != "enforced" {
		return
	}
	f := pass.File
	for _, el := range f.Doc.Elements {
		var attr string
		switch {
		case el.Tag == "script":
			attr = "src"
		case el.Tag == "link" && isStylesheet(el):
			attr = "href"
		default:
			continue
		}
		a, ok := el.Attr(attr)
		if !ok {
			continue
		}
		url := string(f.Content[a.ValSpan.Start:a.ValSpan.End])
		scheme, host, path, ok := splitURL(url)
		if !ok || strings.Contains(url, "{{") || oktaHost(host) {
			continue
		}
		if !srcListAllows(s.CSPSrcList, scheme, host, path) {
			what := "script"
			if el.Tag == "link" {
				what = "style sheet"
			}
			pass.Report(lint.Diagnostic{Start: a.ValSpan.Start, End: a.ValSpan.End, Message: fmt.Sprintf(
				"the %s %q comes from %s, which srcList does not list; with mode \"enforced\" the browser blocks it: add %s to the trusted external resources",
				what, url, host, scheme+"://"+host)})
		}
	}
}

func isStylesheet(el *jsscan.Element) bool {
	rel, ok := el.Attr("rel")
	if !ok {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(rel.Val)) {
		if w == "stylesheet" {
			return true
		}
	}
	return false
}

// splitURL reads an absolute URL (https://host/path, //host/path; a
// protocol-relative URL is https on Okta's pages).
func splitURL(url string) (scheme, host, path string, ok bool) {
	rest := url
	switch {
	case strings.HasPrefix(strings.ToLower(url), "https://"):
		scheme, rest = "https", url[len("https://"):]
	case strings.HasPrefix(strings.ToLower(url), "http://"):
		scheme, rest = "http", url[len("http://"):]
	case strings.HasPrefix(url, "//"):
		scheme, rest = "https", url[2:]
	default:
		return "", "", "", false
	}
	host, path = rest, "/"
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host, path = rest[:i], rest[i:]
		if j := strings.IndexAny(path, "?#"); j >= 0 {
			path = path[:j]
		}
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	host = strings.ToLower(host)
	if i := strings.IndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	return scheme, host, path, host != ""
}

// oktaHost reports whether host is one of Okta's, from which Okta's own
// page loads the widget and its assets.
func oktaHost(host string) bool {
	for _, d := range []string{"okta.com", "oktapreview.com", "okta-emea.com", "oktacdn.com"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// srcListAllows matches a URL against srcList entries as CSP matches
// source expressions: scheme, host (a leading *. for any subdomain) and
// path (a trailing / for a prefix). Ports are not compared.
func srcListAllows(list []lint.Setting, scheme, host, path string) bool {
	for _, e := range list {
		v := strings.ToLower(e.Value)
		if v == "*" {
			return true
		}
		if strings.HasSuffix(v, ":") && !strings.Contains(v, "/") {
			if strings.TrimSuffix(v, ":") == scheme {
				return true
			}
			continue
		}
		es := ""
		if i := strings.Index(v, "://"); i >= 0 {
			es, v = v[:i], v[i+3:]
		}
		if es != "" && es != scheme && !(es == "http" && scheme == "https") {
			continue
		}
		eh, ep := v, ""
		if i := strings.IndexByte(v, '/'); i >= 0 {
			eh, ep = v[:i], v[i:]
		}
		if i := strings.IndexByte(eh, ':'); i >= 0 {
			eh = eh[:i]
		}
		switch {
		case eh == host:
		case strings.HasPrefix(eh, "*.") && strings.HasSuffix(host, eh[1:]):
		default:
			continue
		}
		if ep == "" || ep == "/" || (strings.HasSuffix(ep, "/") && strings.HasPrefix(path, ep)) || ep == path {
			return true
		}
	}
	return false
}
