package rules

import (
	"fmt"
	"github.com/tmpllint/tmpllint/jsmodel"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// WidgetResources is TPL001.
var WidgetResources = &lint.Rule{
	ID:       "TPL001",
	Name:     "widget-resources",
	Severity: lint.Error,
	Langs:    markupOnly,
	Fixable:  true,
	Check:    checkWidgetResources,
	Triggers: []string{"OktaUtil", "SignInWidgetResources"}, // Okta-hosted sign-in pages (hostedPage)
	Doc: lint.Doc{
		Summary: "A hosted sign-in page needs {{{SignInWidgetResources}}} and {{{OktaUtil}}}, with three braces, before the scripts that use them.",
		Why: `Two macros of the Okta-hosted sign-in page inject the code every customization builds on:
{{{SignInWidgetResources}}} "inserts the JavaScript and CSS files required to use the Okta sign-in page"
(it defines OktaSignIn), and {{{OktaUtil}}} "defines a global OktaUtil JavaScript object that contains
methods used to complete the Okta sign-in flow" (Okta's custom-widget guide, "Use variables"). Every
default template has both, with three braces, the resources in the <head> and OktaUtil before the
script that renders the widget.

Without a macro, or with it written with two braces ({{OktaUtil}}, which HTML-escapes the injected
<script> into visible text), the name it defines does not exist: the page's script stops at a
ReferenceError and the sign-in form never appears. The same happens when a script that runs before the
macro uses the name: a script runs where it stands, so the macro must come first.

Keep both macros, with three braces, in the places the default template has them. tmpllint fix
makes a two-brace macro triple and adds a missing {{{OktaUtil}}} on its own line before the first
script that uses OktaUtil.`,
		Detect: `Runs on Okta-hosted sign-in pages only (a page with either macro, or whose code uses OktaUtil.),
in HTML templates. Reported, at the bytes named:

A macro written with two braces ({{OktaUtil}}, {{ SignInWidgetResources }}, {{OktaUtil}}}), at the
tag (fix, safe: add the missing braces).

A macro inside a <script>, at the tag (no fix): the markup it injects ends up in the script's code.

OktaUtil used (OktaUtil or window.OktaUtil, not as a property of anything else) on a page with no
{{{OktaUtil}}}, at the first use (fix, safe: insert {{{OktaUtil}}} on its own line, with that line's
indentation and line ending, before the first <script> that uses it; right before the tag when
other markup precedes it on its line, as in a minified page).

OktaSignIn used on a page with no {{{SignInWidgetResources}}} that loads no widget bundle of its own
(a <script src> with okta-sign-in or okta-signin-widget in it), at the first use (no fix: the macro
belongs in the <head>).

A use that runs before its macro: code at the top level of a classic script that comes before the
macro, or in a function invoked right there ((function () {...})(), !function () {...}(),
(() => {...})(), .call(this), new function () {...}), at the first such use in each script (no fix:
OktaUtil starts the sign-in flow when it loads, so where it moves to is the author's call).

Left alone: names in comments, strings and template literals; uses inside functions that run later
(event handlers, callbacks, methods, functions called from a later script), which find the macro's
definitions in place by then; inline scripts of type module, which run after the whole page is
parsed; a page that tests the name with typeof (it guards its uses) or declares it itself (var
OktaUtil = ...); scripts inside Mustache comments. A macro inside an HTML comment does not count
as present (the browser never runs a script inside a comment; the message says so). A page whose
Mustache tags do not parse (TPL002) or that has a macro inside a script gets no missing-macro
finding. The four Okta default templates (current OIE and Classic, Theme-Builder-era, legacy) pass:
each has both macros, in the <head> and before the render script.`,
		Bad: []lint.Example{
			{File: "sign-in.html", Code: `<head>
  <title>{{pageTitle}}</title>
  {{{SignInWidgetResources}}}
</head>
<body>
  <div id="okta-login-container"></div>
  <script type="text/javascript" nonce="{{nonceValue}}">
    var config = OktaUtil.getSignInWidgetConfig();
    new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
  </script>
</body>`,
				Fixed: `<head>
  <title>{{pageTitle}}</title>
  {{{SignInWidgetResources}}}
</head>
<body>
  <div id="okta-login-container"></div>
  {{{OktaUtil}}}
  <script type="text/javascript" nonce="{{nonceValue}}">
    var config = OktaUtil.getSignInWidgetConfig();
    new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
  </script>
</body>`},
			{File: "sign-in.html", Code: `<head>
  {{SignInWidgetResources}}
</head>
<body>
  <div id="okta-login-container"></div>
  {{{OktaUtil}}}
  <script>
    new OktaSignIn(OktaUtil.getSignInWidgetConfig()).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
  </script>
</body>`,
				Fixed: `<head>
  {{{SignInWidgetResources}}}
</head>
<body>
  <div id="okta-login-container"></div>
  {{{OktaUtil}}}
  <script>
    new OktaSignIn(OktaUtil.getSignInWidgetConfig()).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
  </script>
</body>`},
			{File: "sign-in.html", Code: `<head>
  {{{SignInWidgetResources}}}
  <script>
    var appId = OktaUtil.getRequestContext().app.value.id;
  </script>
</head>
<body>
  <div id="okta-login-container"></div>
  {{{OktaUtil}}}
  <script>
    new OktaSignIn(OktaUtil.getSignInWidgetConfig()).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
  </script>
</body>`},
		},
		Good: []lint.Example{
			{File: "sign-in.html", Code: `<head>
  {{{SignInWidgetResources}}}
  <script>
    // Runs later, from the script below: OktaUtil exists by then.
    function appId() {
      var context = OktaUtil.getRequestContext();
      return context && context.app.value.id;
    }
  </script>
</head>
<body>
  <div id="okta-login-container"></div>
  {{{OktaUtil}}}
  <script>
    var config = OktaUtil.getSignInWidgetConfig();
    if (appId() === '0oa1example') { config.logo = '/img/partner.png'; }
    new OktaSignIn(config).renderEl({ el: '#okta-login-container' }, OktaUtil.completeLogin);
  </script>
</body>`},
		},
	},
}

// tplMacro is one of the two macros of the hosted sign-in page and the
// global it defines.
type tplMacro struct {
	tag     string // SignInWidgetResources
	defines string // OktaSignIn
}

var (
	tplResources = tplMacro{"SignInWidgetResources", "OktaSignIn"}
	tplOktaUtil  = tplMacro{"OktaUtil", "OktaUtil"}
)

func checkWidgetResources(pass *lint.Pass) {
	f := pass.File
	if !hostedPage(f) {
		return
	}
	for _, m := range []tplMacro{tplResources, tplOktaUtil} {
		checkMacro(pass, m)
	}
}

func checkMacro(pass *lint.Pass, m tplMacro) {
	f := pass.File
	htmlComments := spanSet(f.Doc.Comments)
	var scripts spanSet
	for _, s := range f.Doc.Scripts {
		scripts = append(scripts, s.Span)
	}
	var first, commented, misplaced *jsscan.MustacheTag
	for i := range f.Doc.Mustache {
		t := &f.Doc.Mustache[i]
		if t.Name != m.tag || (t.Kind != jsscan.MustacheVariable && t.Kind != jsscan.MustacheRaw) {
			continue
		}
		if htmlComments.contains(t.Start) {
			if commented == nil {
				commented = t
			}
			continue
		}
		if scripts.contains(t.Start) {
			pass.Reportf(t.Start, t.End, "%s inside a <script> puts the markup Okta injects into this script's code, which breaks it; move the tag out of the script, above it", tagText(f, t))
			misplaced = t
			continue
		}
		if first == nil {
			first = t
		}
		if t.Kind == jsscan.MustacheVariable {
			reportDoubleBraces(pass, m, t)
		}
	}
	uses := tplGlobalUses(f, m.defines)
	if uses.declared || uses.guarded || len(uses.scripts) == 0 {
		return
	}
	if first == nil {
		if misplaced != nil || mustacheUnreliable(f) || m == tplResources && loadsWidgetBundle(f) {
			return
		}
		s, i := uses.scripts[0], uses.first[0]
		tok := s.Tokens[i]
		msg := fmt.Sprintf("%s is not defined: the page has no {{{%s}}}", m.defines, m.tag)
		if commented != nil {
			msg += fmt.Sprintf(" outside HTML comments (the one on line %d is in a comment, where the browser never runs it)", f.Line(commented.Start))
		}
		d := lint.Diagnostic{Start: tok.Start, End: tok.End}
		if m == tplOktaUtil {
			d.Message = msg + "; add {{{OktaUtil}}} on a line before this script"
			d.Fixes = []lint.Fix{{
				Message: "insert {{{OktaUtil}}} before the first script that uses OktaUtil",
				Safe:    true,
				Edits:   []lint.Edit{insertLineBefore(f.Content, s.Element.Start, "{{{OktaUtil}}}")},
			}}
		} else {
			d.Message = msg + " and loads no widget bundle; add {{{SignInWidgetResources}}} in the <head>"
		}
		pass.Report(d)
		return
	}
	line := f.Line(first.Start)
	for k, s := range uses.scripts {
		if s.Element.Start >= first.Start || isModuleScript(s.Element) {
			continue
		}
		if i := firstImmediateUse(s, uses.first[k], func(i int) bool { return isGlobalUse(s, i, m.defines) }); i >= 0 {
			where := "above this script"
			if m == tplResources {
				where = "into the <head>, above this script"
			}
			pass.Reportf(s.Tokens[i].Start, s.Tokens[i].End,
				"%s is used before {{{%s}}} on line %d defines it, so this script stops with a ReferenceError; move {{{%s}}} %s",
				m.defines, m.tag, line, m.tag, where)
		}
	}
}

// reportDoubleBraces reports a macro written {{name}} and fixes it to
// {{{name}}}. A stray third closing brace ({{name}}}) is kept as the
// closing one.
func reportDoubleBraces(pass *lint.Pass, m tplMacro, t *jsscan.MustacheTag) {
	src := pass.File.Content
	edits := []lint.Edit{{Start: t.Start + 2, End: t.Start + 2, New: "{"}}
	if t.End >= len(src) || src[t.End] != '}' {
		edits = append(edits, lint.Edit{Start: t.End - 2, End: t.End - 2, New: "}"})
	}
	what := "the <script> Okta injects"
	if m == tplResources {
		what = "the <script> and <link> tags Okta injects"
	}
	pass.Report(lint.Diagnostic{
		Start: t.Start, End: t.End,
		Message: fmt.Sprintf("%s with two braces HTML-escapes %s into text, so %s is never defined; write {{{%s}}} with three braces",
			tagText(pass.File, t), what, m.defines, m.tag),
		Fixes: []lint.Fix{{Message: "use three braces", Safe: true, Edits: edits}},
	})
}

// tplUses is where a file's scripts use a global name.
type tplUses struct {
	// scripts are the scripts that use the name, in order, and first the
	// index of the first use in each.
	scripts []*script
	first   []int
	// declared is set when the page defines the name itself; guarded when
	// a script tests it with typeof.
	declared, guarded bool
}

// tplGlobalUses finds the uses of a global name in the file's scripts
// (leaving out scripts inside Mustache comments, which the server drops).
func tplGlobalUses(f *lint.File, name string) tplUses {
	var u tplUses
	dropped := mustacheComments(f)
	for _, s := range f.Doc.Scripts {
		if s.Element == nil || dropped.contains(s.Element.Start) {
			continue
		}
		first := -1
		for i, t := range s.Tokens {
			if t.Kind != jsscan.Ident || !jsmodel.IsName(s, i, name) {
				continue
			}
			switch {
			case declaresName(s, i):
				u.declared = true
			case s.Is(i-1, "typeof") || jsmodel.IsDot(s, i-1) && s.Is(i-3, "typeof"):
				u.guarded = true
			case first < 0 && isGlobalUse(s, i, name):
				first = i
			}
		}
		if first >= 0 {
			u.scripts = append(u.scripts, s)
			u.first = append(u.first, first)
		}
	}
	return u
}

// declaresName reports whether name token i is being declared or assigned
// as a global: var/let/const/function/class name, window.name = ...
func declaresName(s *script, i int) bool {
	if jsmodel.IsProperty(s, i) {
		return globalObject(s, i-2) && s.Is(i+1, "=")
	}
	return s.Is(i-1, "var") || s.Is(i-1, "let") || s.Is(i-1, "const") || s.Is(i-1, "function") || s.Is(i-1, "class")
}

// globalObject reports whether token i names the global object on its own
// (window, self, globalThis, not a property of something else).
func globalObject(s *script, i int) bool {
	return (jsmodel.IsName(s, i, "window") || jsmodel.IsName(s, i, "self") || jsmodel.IsName(s, i, "globalThis")) && !jsmodel.IsDot(s, i-1)
}

// isGlobalUse reports whether name token i reads the global name: name
// itself or window.name, not a property of another object, not an object
// literal's key, not a declaration and not under typeof.
func isGlobalUse(s *script, i int, name string) bool {
	if !jsmodel.IsName(s, i, name) || declaresName(s, i) {
		return false
	}
	if jsmodel.IsProperty(s, i) {
		return globalObject(s, i-2) && !s.Is(i-3, "typeof")
	}
	if s.Is(i-1, "typeof") {
		return false
	}
	return !((s.Is(i-1, "{") || s.Is(i-1, ",")) && s.Is(i+1, ":"))
}

// loadsWidgetBundle reports whether the page loads a Sign-In Widget build of
// its own with a <script src>, which defines OktaSignIn without the macro.
func loadsWidgetBundle(f *lint.File) bool {
	for _, el := range f.Doc.ExternalScripts {
		src, _ := el.Attr("src")
		v := strings.ToLower(src.Val)
		if strings.Contains(v, "okta-sign-in") || strings.Contains(v, "okta-signin-widget") {
			return true
		}
	}
	return false
}

// isModuleScript reports whether a <script> is a module, which the browser
// runs after parsing the whole page, inline or not.
func isModuleScript(el *jsscan.Element) bool {
	a, ok := el.Attr("type")
	return ok && strings.EqualFold(strings.TrimSpace(a.Val), "module")
}

// firstImmediateUse returns the first token at or after from for which use
// holds and that runs when the script itself runs: top-level code, or code
// in a function invoked where it is written. Code in other function bodies
// (handlers, callbacks, functions called later) is deferred. It returns -1
// when there is none. One pass over the tokens, with a stack of the
// brace groups and arrow bodies it is in.
func firstImmediateUse(s *script, from int, use func(i int) bool) int {
	type frame struct {
		end      int // index just past the group
		deferred bool
	}
	var stack []frame
	deferred := false
	n := len(s.Tokens)
	for i := 0; i < n; i++ {
		for len(stack) > 0 && i >= stack[len(stack)-1].end {
			stack = stack[:len(stack)-1]
			deferred = len(stack) > 0 && stack[len(stack)-1].deferred
		}
		if !deferred && i >= from && use(i) {
			return i
		}
		switch {
		case deferred:
			// Nothing inside deferred code runs now; its groups need no
			// frames of their own, since the enclosing frame ends after them.
		case s.Is(i, "=>") && !s.Is(i+1, "{"):
			end, ok := jsmodel.ExpressionEnd(s, i+1, jsmodel.MaxExpressionSteps)
			if !ok {
				// Too long to follow: count the rest of the enclosing group
				// as the body, missing a finding rather than making one up.
				end = n
				if len(stack) > 0 {
					end = stack[len(stack)-1].end
				}
			}
			d := !invokedArrowExpression(s, i, end)
			stack = append(stack, frame{end, d})
			deferred = d
		case s.Is(i, "{") && s.Match(i) > i:
			m := s.Match(i)
			d := isFunctionBody(s, i) && !invokedFunction(s, i, m)
			stack = append(stack, frame{m + 1, d})
			deferred = d
		case s.Is(i, "{") && isFunctionBody(s, i):
			// A function body that is never closed: the script does not
			// parse; count the rest as the body rather than guess.
			stack = append(stack, frame{n, true})
			deferred = true
		}
	}
	return -1
}

// isFunctionBody reports whether the '{' at token b opens a function body:
// after '=>', or after a parameter list that is not the condition of if,
// for, while, switch, catch or with (a function, a method, a getter).
func isFunctionBody(s *script, b int) bool {
	if s.Is(b-1, "=>") {
		return true
	}
	if !s.Is(b-1, ")") {
		return false
	}
	p := s.Match(b - 1)
	if p < 0 {
		return false
	}
	for _, kw := range []string{"if", "for", "while", "switch", "catch", "with"} {
		if s.Is(p-1, kw) {
			return false
		}
	}
	return !(s.Is(p-1, "await") && s.Is(p-2, "for"))
}

// functionStart returns the first token of the function whose body opens
// at '{' token b ('function', 'async' or an arrow's parameters), or -1 for
// a method, which is never invoked where it is written.
func functionStart(s *script, b int) int {
	var fs int
	if s.Is(b-1, "=>") {
		fs = arrowStart(s, b-1)
	} else {
		p := s.Match(b - 1)
		switch {
		case s.Is(p-1, "function"):
			fs = p - 1
		case s.Is(p-1, "*") && s.Is(p-2, "function"):
			fs = p - 2
		case p >= 1 && s.Tokens[p-1].Kind == jsscan.Ident && s.Is(p-2, "function"):
			fs = p - 2
		case p >= 1 && s.Tokens[p-1].Kind == jsscan.Ident && s.Is(p-2, "*") && s.Is(p-3, "function"):
			fs = p - 3
		default:
			return -1
		}
	}
	if jsmodel.IsName(s, fs-1, "async") {
		fs--
	}
	return fs
}

// arrowStart returns the first token of the parameters of the arrow whose
// '=>' is token a.
func arrowStart(s *script, a int) int {
	if s.Is(a-1, ")") && s.Match(a-1) >= 0 {
		return s.Match(a - 1)
	}
	return a - 1
}

// invokedFunction reports whether the function whose body is the brace
// group [b, m] is called where it is written: function () {...}() in an
// expression, (function () {...})(), (() => {...})(), .call/.apply of
// either, or new function () {...}.
func invokedFunction(s *script, b, m int) bool {
	fs := functionStart(s, b)
	if fs < 0 {
		return false
	}
	return invokedAt(s, fs, m)
}

// invokedArrowExpression is invokedFunction for an arrow with an
// expression body: the arrow is token a, its body ends before token end.
func invokedArrowExpression(s *script, a, end int) bool {
	return invokedAt(s, arrowStart(s, a), end-1)
}

// invokedAt reports whether the function spanning tokens [fs, last] is
// called right away.
func invokedAt(s *script, fs, last int) bool {
	if s.Is(fs-1, "new") {
		return true
	}
	if s.Is(last+1, ")") && s.Match(last+1) == fs-1 && fs >= 1 {
		return calledAt(s, last+2)
	}
	return inExpression(s, fs) && calledAt(s, last+1)
}

// calledAt reports whether token i calls what precedes it: '(' or
// .call( / .apply(.
func calledAt(s *script, i int) bool {
	return s.Is(i, "(") || s.Is(i, ".") && (jsmodel.IsName(s, i+1, "call") || jsmodel.IsName(s, i+1, "apply")) && s.Is(i+2, "(")
}

// inExpression reports whether a function starting at token fs is an
// expression (so `function () {}()` calls it) rather than a declaration.
func inExpression(s *script, fs int) bool {
	if fs == 0 {
		return false
	}
	prev := s.Tokens[fs-1]
	if prev.Kind == jsscan.Punct {
		return !(s.Is(fs-1, ";") || s.Is(fs-1, "{") || s.Is(fs-1, "}") || s.Is(fs-1, ")") || s.Is(fs-1, "]"))
	}
	for _, kw := range []string{"return", "void", "typeof", "yield", "await", "case", "in", "of", "delete"} {
		if s.Is(fs-1, kw) {
			return true
		}
	}
	return false
}
