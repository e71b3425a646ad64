package report

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rules"
)

func TestSARIFArtifactURIs(t *testing.T) {
	cwd := t.TempDir()
	outside := t.TempDir()
	tests := []struct {
		name, path string
		want       sarifArtifactLocation
	}{
		{"relative", "templates/sign-in.html", sarifArtifactLocation{"templates/sign-in.html", "%SRCROOT%"}},
		{"dot segments", "./a/../b.html", sarifArtifactLocation{"b.html", "%SRCROOT%"}},
		{"absolute under the current directory", filepath.Join(cwd, "x", "y.html"), sarifArtifactLocation{"x/y.html", "%SRCROOT%"}},
		{"odd characters", "100%, a:b::c #1?.html", sarifArtifactLocation{"100%25,%20a%3Ab%3A%3Ac%20%231%3F.html", "%SRCROOT%"}},
		{"line break and non-ASCII", "é\n.html", sarifArtifactLocation{"%C3%A9%0A.html", "%SRCROOT%"}},
		{"outside", filepath.Join(outside, "z.html"), sarifArtifactLocation{URI: fileURI(filepath.Join(outside, "z.html"))}},
		{"parent", filepath.Join("..", "p.html"), sarifArtifactLocation{URI: fileURI(filepath.Join(filepath.Dir(cwd), "p.html"))}},
	}
	t.Chdir(cwd)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sarifArtifact(tt.path, cwd)
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			u, err := url.Parse(got.URI)
			if err != nil {
				t.Fatal(err)
			}
			if got.URIBaseID != "" && (u.Scheme != "" || u.Path != filepath.ToSlash(filepath.Clean(tt.path)) && !filepath.IsAbs(tt.path)) {
				t.Errorf("relative URI %q parses as %#v", got.URI, u)
			}
			if got.URIBaseID == "" && u.Scheme != "file" {
				t.Errorf("absolute URI %q", got.URI)
			}
		})
	}
	if runtime.GOOS != "windows" {
		if got := fileURI("/srv/a b/c%.html"); got != "file:///srv/a%20b/c%25.html" {
			t.Errorf("fileURI: %s", got)
		}
	}
}

func TestSemanticVersion(t *testing.T) {
	tests := map[string]string{
		"v1.2.3":                             "1.2.3",
		"v0.1.0 0123456789ab":                "0.1.0",
		"v1.0.0-rc.1+build.5":                "1.0.0-rc.1+build.5",
		"v0.0.0-20250101120000-0123456789ab": "0.0.0-20250101120000-0123456789ab",
		"(devel)":                            "",
		"(devel) 0123456789ab":               "",
		"(unknown)":                          "",
		"v1.2":                               "",
		"v01.2.3":                            "",
		"":                                   "",
	}
	for in, want := range tests {
		got, ok := semanticVersion(in)
		if got != want || ok != (want != "") {
			t.Errorf("semanticVersion(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestSARIFRuleDocs(t *testing.T) {
	for _, r := range rules.All() {
		d := sarifRuleOf(r)
		if strings.Contains(d.FullDescription.Text, "\n") || !strings.HasPrefix(r.Doc.Why, strings.Fields(d.FullDescription.Text)[0]) {
			t.Errorf("%s: full description is not the first paragraph of Why: %q", r.ID, d.FullDescription.Text)
		}
		if d.Help.Text != RuleText(r) {
			t.Errorf("%s: help text is not the explain text", r.ID)
		}
		md := d.Help.Markdown
		blocks := len(r.Doc.Bad) + len(r.Doc.Good)
		for _, ex := range r.Doc.Bad {
			if ex.Fixed != "" {
				blocks++
			}
		}
		if strings.Count(md, "\n```") != 2*blocks || !strings.Contains(md, "\n## Why\n") || !strings.Contains(md, "\n## What it reports\n") {
			t.Errorf("%s: help markdown:\n%s", r.ID, md)
		}
	}
	long := &lint.Rule{ID: "TST041", Name: "long", Severity: lint.Info, Doc: lint.Doc{
		Summary: "s", Why: strings.Repeat("word ", 400) + "\n\nsecond", Detect: "d",
		Bad: []lint.Example{{Code: "```\ncode\n```"}}, Good: []lint.Example{{Code: "ok"}},
	}}
	d := sarifRuleOf(long)
	if n := utf8.RuneCountInString(d.FullDescription.Text); n != 1024 || !strings.HasSuffix(d.FullDescription.Text, "…") {
		t.Errorf("long description: %d runes", n)
	}
	if !strings.Contains(d.Help.Markdown, "````html\n```\ncode\n```\n````") {
		t.Errorf("a fence inside an example must lengthen the fence:\n%s", d.Help.Markdown)
	}
	if d.DefaultConfiguration.Level != "note" {
		t.Errorf("info level: %s", d.DefaultConfiguration.Level)
	}
}

func TestMarkdownProse(t *testing.T) {
	tests := map[string]string{
		"plain text":                 "plain text",
		"a <script> and {{{x}}}":     `a \<script\> and {{{x}}}`,
		"a_b*c `d` [e](f) x|y & z~":  "a\\_b\\*c \\`d\\` \\[e\\](f) x\\|y \\& z\\~",
		"# not a heading":            `\# not a heading`,
		"- not a list":               `\- not a list`,
		"12. not a list either":      `12\. not a list either`,
		`back\slash`:                 `back\\slash`,
		"res.session.token (a.b, c)": "res.session.token (a.b, c)",
	}
	for in, want := range tests {
		if got := markdownProse(in); got != want {
			t.Errorf("markdownProse(%q) = %q, want %q", in, got, want)
		}
	}
}
