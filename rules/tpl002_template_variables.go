package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// TemplateVariables is TPL002.
var TemplateVariables = &lint.Rule{
	ID:         "TPL002",
	Name:       "template-variables",
	Severity:   lint.Error,
	Langs:      markupOnly,
	ErrorPages: true,
	Fixable:    true,
	Check:      checkTemplateVariables,
	Triggers:   []string{"OktaUtil", "SignInWidgetResources", "errorSummary", "errorDescription"}, // Okta-hosted pages (oktaPage)
	Doc: lint.Doc{
		Summary: "Mustache tags on an Okta page must name Okta's variables, balance their sections and close.",
		Why: `Okta renders its sign-in and error page templates with Mustache and gives them a fixed set of
variables (Okta's custom-widget guide, "Use variables"; custom error pages guide, "Use variables"):

Sign-in page: {{{SignInWidgetResources}}}, {{{OktaUtil}}}, {{pageTitle}}, {{bgImageUrl}},
{{themedStylesUrl}}, {{faviconUrl}}, {{nonceValue}} and the {{#useSiwGen3}}...{{/useSiwGen3}}
section (Identity Engine, Gen3 widget).

Error page: {{orgName}}, {{errorSummary}}, {{{errorDescription}}}, {{bgImageUrl}}, {{orgLogo}},
{{back}}, {{technicalDetails}}, {{buttonText}}, {{buttonHref}}, {{themedStylesUrl}}, {{faviconUrl}}.

Any other name has no value: Mustache renders it as empty text, so a misspelt {{noncevalue}} gives
every script an empty nonce, and a variable of the other page ({{errorSummary}} on the sign-in page)
shows nothing. A section that is not closed, a close without its open, or a tag without its closing
braces is a syntax error: the page cannot be rendered at all.

Write the names exactly as Okta documents them (Mustache names are case-sensitive), close every
{{#section}} with {{/section}} in the right order, and close every tag.`,
		Detect: `Runs on Okta-hosted pages in HTML templates: sign-in pages (as TPL001 recognises them) and error
pages (a page using {{errorSummary}} or {{{errorDescription}}} without the sign-in macros). A
Handlebars file (.hbs, .handlebars) is an app's own view with helpers ({{#each}}, {{#if}}) unless it
carries Okta's macros as Mustache tags, so it is checked only then. Okta's four default templates
use only the documented names and balanced sections, and pass.

Errors, at the tag: a section ({{#name}} or {{^name}}) that is never closed, closed out of order or
by another name; a close ({{/name}}) with no open section; a Handlebars helper call
({{#if useSiwGen3}}), which Mustache reads as a section named "if useSiwGen3" that {{/if}} cannot
close; a tag never closed ({{ to the end of the file: at its opening braces); a tag opened with three
braces and closed with two ({{{x}}), fixed (safe) for Okta's variables to the form the docs give
them ({{{OktaUtil}}}, {{pageTitle}}).

Warnings, at the tag: an unknown name, with the nearest variable of the same page kind when one is
near (edit distance 1, or 2 for names over 5 letters, ignoring case); a fix renames it, safe when
only the case differs ({{noncevalue}}), unsafe otherwise. A variable of the other page kind
("{{errorSummary}} is an error-page variable"). A partial ({{> name}}): Okta's templates have none.
A section tag with space before its sigil ({{ #useSiwGen3 }}): Mustache's spec allows space after
the sigil, not before it, and whether Okta's renderer reads it as a section or as a variable named
"#useSiwGen3" (which would show the section's content on every page) is not documented, so tmpllint
balances it as a section and reports the space, with a safe fix that removes it. Inverted sections
({{^useSiwGen3}}) are standard Mustache and are balanced like sections.

Left alone: Mustache comments ({{! ... }}, tmpllint suppression comments among them); names in
HTML or JavaScript comments (what renders there is never seen; their sections are still balanced);
two or three braces around a known name ({{{pageTitle}}} is valid Mustache); padding inside a tag
({{ pageTitle }}, {{# useSiwGen3 }}); everything after a delimiter change ({{=<% %>=}}), which
tmpllint does not follow.`,
		Bad: []lint.Example{
			{File: "sign-in.html", Code: `<head>
  {{{SignInWidgetResources}}}
  <style nonce="{{noncevalue}}">
    #login-bg-image-id { background-image: {{bgImageUrl}} }
  </style>
</head>
<body>
  <div id="login-bg-image-id"></div>
  {{{OktaUtil}}}
</body>`,
				Fixed: `<head>
  {{{SignInWidgetResources}}}
  <style nonce="{{nonceValue}}">
    #login-bg-image-id { background-image: {{bgImageUrl}} }
  </style>
</head>
<body>
  <div id="login-bg-image-id"></div>
  {{{OktaUtil}}}
</body>`},
			{File: "sign-in.html", Code: `<head>
  {{{SignInWidgetResources}}}
  <style nonce="{{nonceValue}}">
    {{#useSiwGen3}}
    html { font-size: 87.5%; }
  </style>
</head>
<body>
  {{{OktaUtil}}}
</body>`},
			{File: "error.html", Code: `<head>
  <title>{{orgName}} - {{errorSummary}}</title>
</head>
<body>
  <h1>{{pageTitle}}</h1>
  <p>{{{errorDescription}}}</p>
</body>`},
		},
		Good: []lint.Example{
			{File: "sign-in.html", Code: `<head>
  <title>{{pageTitle}}</title>
  {{{SignInWidgetResources}}}
  {{! Gen3 only: tokens replace the Gen2 CSS }}
  {{#useSiwGen3}}
  <style nonce="{{nonceValue}}">html { font-size: 87.5%; }</style>
  {{/useSiwGen3}}
</head>
<body>
  {{{OktaUtil}}}
</body>`},
			{File: "views/login.hbs", Code: `<div id="okta-login-container"></div>
{{#each scripts}}<script src="{{this}}"></script>{{/each}}
<script>
  new OktaSignIn({ issuer: '{{issuer}}', clientId: '{{clientId}}' }).showSignInAndRedirect();
</script>`},
		},
	},
}

// Okta's template variables (the docs' lists; see the rule's Why).
var (
	signInVariables = []string{"SignInWidgetResources", "OktaUtil", "pageTitle", "useSiwGen3"}
	errorVariables  = []string{"orgName", "errorSummary", "errorDescription", "orgLogo", "back",
		"technicalDetails", "buttonText", "buttonHref",
		// Listed by older docs, and seen in tests of the default error page;
		// kept so that Okta's own error page is not flagged.
		"httpStatusCode", "ErrorPageResources"}
	sharedVariables = []string{"bgImageUrl", "themedStylesUrl", "faviconUrl", "nonceValue"}
	// tripleVariables inject markup and are written with three braces.
	tripleVariables = map[string]bool{"SignInWidgetResources": true, "OktaUtil": true, "errorDescription": true, "ErrorPageResources": true}
)

// variableKind returns the page kind a known variable belongs to: signInPage,
// errorPage, notOktaPage for both, and false for an unknown name.
func variableKind(name string) (oktaPageKind, bool) {
	for _, list := range []struct {
		names []string
		kind  oktaPageKind
	}{{signInVariables, signInPage}, {errorVariables, errorPage}, {sharedVariables, notOktaPage}} {
		for _, n := range list.names {
			if n == name {
				return list.kind, true
			}
		}
	}
	return 0, false
}

func checkTemplateVariables(pass *lint.Pass) {
	f := pass.File
	kind := oktaPage(f)
	if kind == notOktaPage || isHandlebarsFile(f) && !hasMacroTag(f) {
		return
	}
	comments := commentSpans(f)
	suggestions := map[string]suggestion{}
	var stack []*jsscan.MustacheTag
	for i := range f.Doc.Mustache {
		t := &f.Doc.Mustache[i]
		if t.Kind == jsscan.MustacheDelimiter {
			break // tmpllint does not follow delimiter changes; stop here
		}
		if t.Unclosed {
			opener := 2
			if t.Kind == jsscan.MustacheRaw && bytes.HasPrefix(f.Content[t.Start:], []byte("{{{")) {
				opener = 3
			}
			pass.Reportf(t.Start, t.Start+opener, "this Mustache tag is never closed, so Okta cannot render the page; close it with %s or remove the braces", strings.Repeat("}", opener))
			break // the tag runs to the end of the file
		}
		raw := f.Content[t.Start:t.End]
		if t.Kind == jsscan.MustacheRaw && bytes.HasPrefix(raw, []byte("{{{")) && !bytes.HasSuffix(raw, []byte("}}}")) || strings.Contains(t.Name, "}}") {
			reportBraceMismatch(pass, t)
			continue
		}
		switch t.Kind {
		case jsscan.MustacheComment:
			continue
		case jsscan.MustacheSection, jsscan.MustacheInverted:
			stack = append(stack, t)
		case jsscan.MustacheClose:
			stack = closeSection(pass, stack, t)
		}
		if isHelperCall(t) {
			pass.Reportf(t.Start, t.End, "%s calls a Handlebars helper, but Okta renders the page with Mustache, which has none, so the page cannot be rendered; use a section such as {{#useSiwGen3}}...{{/useSiwGen3}}", tagText(f, t))
			continue
		}
		if comments.contains(t.Start) {
			continue // renders where nobody sees it; balanced all the same
		}
		reportSpacedSigil(pass, t)
		checkVariableName(pass, kind, t, suggestions)
	}
	for _, t := range stack {
		pass.Reportf(t.Start, t.End, "%s is never closed, so Okta cannot render the page; close it with {{/%s}}", tagText(f, t), sectionName(t))
	}
}

// closeSection matches a close tag against the open sections and returns
// the stack after it.
func closeSection(pass *lint.Pass, stack []*jsscan.MustacheTag, t *jsscan.MustacheTag) []*jsscan.MustacheTag {
	f := pass.File
	if len(stack) == 0 {
		pass.Reportf(t.Start, t.End, "%s closes no open section, so Okta cannot render the page; remove it or add the {{#%s}} it closes", tagText(f, t), t.Name)
		return stack
	}
	top := stack[len(stack)-1]
	if closes(top, t) {
		return stack[:len(stack)-1]
	}
	for k := len(stack) - 2; k >= 0; k-- {
		if !closes(stack[k], t) {
			continue
		}
		for _, inner := range stack[k+1:] {
			pass.Reportf(inner.Start, inner.End, "%s is not closed before %s on line %d, so Okta cannot render the page; add {{/%s}} before it",
				tagText(f, inner), tagText(f, t), f.Line(t.Start), sectionName(inner))
		}
		return stack[:k]
	}
	pass.Reportf(t.Start, t.End, "%s does not close the open %s (line %d), so Okta cannot render the page; close sections in the order they open",
		tagText(f, t), tagText(f, top), f.Line(top.Start))
	return stack
}

// isHelperCall reports whether a section tag holds a Handlebars helper
// call with arguments ({{#if useSiwGen3}}, {{#each items}}).
func isHelperCall(t *jsscan.MustacheTag) bool {
	return (t.Kind == jsscan.MustacheSection || t.Kind == jsscan.MustacheInverted) && strings.ContainsAny(t.Name, " \t\r\n")
}

// sectionName is the name a close tag must repeat: the helper's name for a
// helper call ({{#if x}} ... {{/if}}), as Handlebars balances them.
func sectionName(t *jsscan.MustacheTag) string {
	if i := strings.IndexAny(t.Name, " \t\r\n"); i >= 0 {
		return t.Name[:i]
	}
	return t.Name
}

// closes reports whether close tag c closes section open.
func closes(open, c *jsscan.MustacheTag) bool {
	return open.Name == c.Name || sectionName(open) == c.Name
}

// tagText is a tag's source for a message, shortened.
func tagText(f *lint.File, t *jsscan.MustacheTag) string {
	return clip(string(f.Content[t.Start:t.End]), 60)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// reportBraceMismatch reports a tag opened with three braces and closed
// with two ({{{x}}), where the scanner may have run on to a later "}}}".
func reportBraceMismatch(pass *lint.Pass, t *jsscan.MustacheTag) {
	src := pass.File.Content
	body := t.Start + 3
	if !bytes.HasPrefix(src[t.Start:], []byte("{{{")) {
		body = t.Start + 2
	}
	k := bytes.Index(src[body:t.End], []byte("}}"))
	if k < 0 {
		return
	}
	closeAt := body + k
	name := string(bytes.TrimSpace(src[body:closeAt]))
	written := clip(string(src[t.Start:closeAt+2]), 60)
	d := lint.Diagnostic{
		Start: t.Start, End: closeAt + 2,
		Message: fmt.Sprintf("%s opens with three braces and closes with two, so Okta cannot render the page; write {{{%s}}} or {{%s}}",
			written, clip(name, 40), clip(name, 40)),
	}
	if _, known := variableKind(name); known && src[t.Start+2] == '{' {
		want := "{{" + name + "}}"
		edit := lint.Edit{Start: t.Start + 2, End: t.Start + 3} // drop the third opening brace
		if tripleVariables[name] {
			want = "{{{" + name + "}}}"
			edit = lint.Edit{Start: closeAt, End: closeAt, New: "}"}
		}
		d.Message = fmt.Sprintf("%s opens with three braces and closes with two, so Okta cannot render the page; write %s", written, want)
		d.Fixes = []lint.Fix{{Message: "write " + want, Safe: true, Edits: []lint.Edit{edit}}}
	}
	pass.Report(d)
}

// reportSpacedSigil reports white space between the opening braces and a
// section sigil: {{ #useSiwGen3 }}.
func reportSpacedSigil(pass *lint.Pass, t *jsscan.MustacheTag) {
	switch t.Kind {
	case jsscan.MustacheSection, jsscan.MustacheInverted, jsscan.MustacheClose:
	default:
		return // comments render nothing either way; partials are reported as such
	}
	src := pass.File.Content
	k := t.Start + 2
	for k < t.End && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	if k == t.Start+2 || k >= t.End {
		return
	}
	sigil := string(src[k])
	pass.Report(lint.Diagnostic{
		Start: t.Start, End: t.End, Severity: lint.Warning,
		Message: fmt.Sprintf("%s has space before %q: a renderer that reads it as a variable named %q shows the section on every page; write {{%s%s}}",
			tagText(pass.File, t), sigil, sigil+t.Name, sigil, t.Name),
		Fixes: []lint.Fix{{Message: "remove the space before " + sigil, Safe: true, Edits: []lint.Edit{{Start: t.Start + 2, End: k}}}},
	})
}

// checkVariableName reports an unknown name, or a name of the other page
// kind, with a suggestion.
func checkVariableName(pass *lint.Pass, page oktaPageKind, t *jsscan.MustacheTag, cache map[string]suggestion) {
	f := pass.File
	if t.Kind == jsscan.MustachePartial {
		pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Severity: lint.Warning,
			Message: fmt.Sprintf("%s includes a partial, and Okta's page templates have none, so it renders nothing; remove it", tagText(f, t))})
		return
	}
	if t.Kind == jsscan.MustacheClose {
		return // its open tag is checked
	}
	kind, known := variableKind(t.Name)
	if known {
		if kind != notOktaPage && kind != page {
			pass.Report(lint.Diagnostic{Start: t.Start, End: t.End, Severity: lint.Warning,
				Message: fmt.Sprintf("%s is %s variable, and Okta gives the %s no value for it, so it renders nothing; remove it",
					tagText(f, t), pageAdjective(kind), page)})
		}
		return
	}
	d := lint.Diagnostic{Start: t.Start, End: t.End, Severity: lint.Warning}
	sg, ok := cache[t.Name]
	if !ok {
		sg.best, sg.exact, sg.unique = suggestVariable(t.Name, page)
		cache[t.Name] = sg
	}
	best, exact, unique := sg.best, sg.exact, sg.unique
	at := nameOffset(f.Content, t)
	if best == "" || !unique || at < 0 {
		d.Message = fmt.Sprintf("%s is not an Okta template variable, so it renders nothing; use one of the %s's variables or remove it", tagText(f, t), page)
		pass.Report(d)
		return
	}
	suggestion := string(f.Content[t.Start:at]) + best + string(f.Content[at+len(t.Name):t.End])
	d.Message = fmt.Sprintf("%s is not an Okta template variable, so it renders nothing; did you mean %s?", tagText(f, t), clip(suggestion, 60))
	d.Fixes = []lint.Fix{{Message: "rename to " + best, Safe: exact, Edits: []lint.Edit{{Start: at, End: at + len(t.Name), New: best}}}}
	pass.Report(d)
}

func pageAdjective(k oktaPageKind) string {
	if k == errorPage {
		return "an error-page"
	}
	return "a sign-in-page"
}

// nameOffset returns the offset of a tag's name in the file, or -1.
func nameOffset(src []byte, t *jsscan.MustacheTag) int {
	raw := src[t.Start:t.End]
	k := 2
	for k < len(raw) && strings.IndexByte("{&#^/> \t\r\n", raw[k]) >= 0 {
		k++
	}
	if bytes.HasPrefix(raw[k:], []byte(t.Name)) {
		return t.Start + k
	}
	return -1
}

// suggestion is what suggestVariable returned for a name, kept so that a
// name used many times is compared with the known ones once.
type suggestion struct {
	best          string
	exact, unique bool
}

// suggestVariable returns the variable of the page kind nearest to name.
// exact is set when only the case differs; unique is false when two names
// are equally near. Names of the other page kind are not suggested: they
// would be reported in turn.
func suggestVariable(name string, page oktaPageKind) (best string, exact, unique bool) {
	const maxLen = 40
	if len(name) > maxLen || name == "" {
		return "", false, false
	}
	lower := strings.ToLower(name)
	limit := 1
	if len(name) > 5 {
		limit = 2
	}
	bestDist := limit + 1
	for _, cand := range pageVariables(page) {
		d := editDistance(lower, strings.ToLower(cand))
		switch {
		case d < bestDist:
			best, bestDist, unique = cand, d, true
		case d == bestDist:
			unique = false
		}
	}
	return best, best != "" && bestDist == 0, unique
}

// pageVariables lists the variables of one page kind, shared ones included.
func pageVariables(page oktaPageKind) []string {
	own := signInVariables
	if page == errorPage {
		own = errorVariables
	}
	return append(append([]string(nil), own...), sharedVariables...)
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), in bytes.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
