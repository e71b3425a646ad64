package rules

import (
	"html"
	"strings"

	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/lint"
)

// InlineEventHandler is CSP002.
var InlineEventHandler = &lint.Rule{
	ID:         "CSP002",
	Name:       "inline-event-handler",
	Severity:   lint.Warning,
	Langs:      markupOnly,
	ErrorPages: true,
	Check:      checkInlineEventHandler,
	Triggers:   []string{"OktaUtil", "SignInWidgetResources", "errorSummary", "errorDescription"}, // Okta-hosted pages (oktaPage)
	Doc: lint.Doc{
		Summary: "Okta-hosted pages must not use inline event handlers, javascript: URLs or a CSP <meta> tag.",
		Why: `On a custom domain, Okta can enforce a Content Security Policy on the sign-in and error pages. A
nonce lets a <script> element run, but nothing else inline: a policy without 'unsafe-inline' (and a
nonce-based policy ignores 'unsafe-inline') blocks event-handler attributes such as onclick="..." and
onload="...", and javascript: URLs in links and forms. The button does nothing; the browser only
logs a violation.

Attach handlers from a script that carries the nonce instead:

  <script nonce="{{nonceValue}}">
    document.getElementById('help').addEventListener('click', showHelp);
  </script>

Okta's docs also say to "avoid using meta tags to customize the CSP": a <meta
http-equiv="Content-Security-Policy"> adds a second policy on top of Okta's, applies only from where it
stands, and cannot carry the per-response nonce unless written with {{nonceValue}}. Set trusted
origins in the Admin Console (Customizations > Brands > Sign-in page > Settings > Content Security
Policy) instead.`,
		Detect: `Runs on Okta-hosted sign-in and error pages in HTML templates, whether or not they use nonces:
Okta's default templates have no inline handler to keep working. Reported, on any element:

An event-handler attribute (onclick, onload, onsubmit, ... any name HTML, SVG, pointer, touch,
animation and transition events define, in any letter case) with a non-empty value, at the
attribute name; an on-prefixed attribute no browser runs (onboarding-step) is not reported.

A javascript: URL in href, src, action, formaction or xlink:href, at the value: the value is read
as the browser reads it (character references decoded, leading spaces and control characters
dropped, tabs and line breaks removed, any case). Mustache sections, which render nothing
themselves, are skipped; a value that starts with a variable ({{x}}javascript:) is whatever the
variable renders, and is not reported. No-op URLs (javascript:, javascript:void(0),
javascript:;) are not reported: blocking them changes nothing.

A <meta http-equiv="Content-Security-Policy"> (and -Report-Only, which browsers ignore in a meta
tag), at the http-equiv value.

Left alone: elements inside HTML comments, Mustache comments and script text; style attributes
(Okta's Theme-Builder-era and legacy defaults use one, and Okta does not document its policy's
style-src), so the four defaults pass; javascript: inside JavaScript strings; a page whose Mustache
tags do not parse (TPL002 reports them first). No fix: moving a handler into a script needs a
way to find its element, which is the author's choice.`,
		Bad: []lint.Example{
			{File: "sign-in.html", Code: `<head>
  {{{SignInWidgetResources}}}
</head>
<body>
  <div id="okta-login-container"></div>
  <a href="#" onclick="showHelp(); return false;">Need help?</a>
  {{{OktaUtil}}}
</body>`},
			{File: "sign-in.html", Code: `<head>
  {{{SignInWidgetResources}}}
</head>
<body>
  <a href="javascript:window.history.back()">Back</a>
  {{{OktaUtil}}}
</body>`},
			{File: "sign-in.html", Code: `<head>
  <meta http-equiv="Content-Security-Policy" content="default-src 'self' https://*.okta.com">
  {{{SignInWidgetResources}}}
</head>
<body>
  {{{OktaUtil}}}
</body>`},
		},
		Good: []lint.Example{
			{File: "sign-in.html", Code: `<head>
  {{{SignInWidgetResources}}}
</head>
<body>
  <a href="/help" id="help" data-onclick="legacy">Need help?</a>
  <a href="javascript:void(0)" id="back">Back</a>
  {{{OktaUtil}}}
  <script nonce="{{nonceValue}}">
    document.getElementById('back').addEventListener('click', function () { window.history.back(); });
  </script>
</body>`},
		},
	},
}

func checkInlineEventHandler(pass *lint.Pass) {
	f := pass.File
	p := cspPageOf(f)
	if p == nil {
		return
	}
	for _, el := range p.elements {
		for _, a := range el.Attrs {
			switch {
			case eventHandlerAttrs[a.Key]:
				if strings.TrimSpace(a.Val) == "" {
					continue
				}
				pass.Reportf(a.KeySpan.Start, a.KeySpan.End,
					"%s= is an inline event handler, which Okta's Content Security Policy blocks even with a nonce; attach it with addEventListener in a <script nonce=\"{{nonceValue}}\">",
					f.Content[a.KeySpan.Start:a.KeySpan.End])
			case urlAttrs[a.Key] && a.HasVal:
				if code, ok := javaScriptURL(f, a); ok && !noOpScript(code) {
					pass.Reportf(a.ValSpan.Start, a.ValSpan.End,
						"a javascript: URL in %s= is inline script, which Okta's Content Security Policy blocks even with a nonce; use a real URL, and run the code from an addEventListener handler in a <script nonce=\"{{nonceValue}}\">",
						f.Content[a.KeySpan.Start:a.KeySpan.End])
				}
			case a.Key == "http-equiv" && el.Tag == "meta":
				switch strings.ToLower(strings.TrimSpace(a.Val)) {
				case "content-security-policy":
					pass.Reportf(a.ValSpan.Start, a.ValSpan.End, "a Content-Security-Policy <meta> tag adds a second policy to Okta's and blocks what it does not allow, and Okta's docs say to avoid it; set trusted origins in the sign-in page's Content Security Policy settings instead")
				case "content-security-policy-report-only":
					pass.Reportf(a.ValSpan.Start, a.ValSpan.End, "browsers ignore Content-Security-Policy-Report-Only in a <meta> tag, and Okta's docs say to avoid CSP <meta> tags; set a report URI in the sign-in page's Content Security Policy settings instead")
				}
			}
		}
	}
}

// urlAttrs are the attributes whose URL a browser navigates to or loads.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true}

// javaScriptURL reads an attribute value as the browser will see it once
// the server has rendered it, up to the first Mustache tag that outputs
// text, and returns the code of a javascript: URL, if it is one.
func javaScriptURL(f *lint.File, a jsscan.Attr) (string, bool) {
	var b strings.Builder
	pos := a.ValSpan.Start
	for _, t := range mustacheIn(f, a.ValSpan) {
		b.Write(f.Content[pos:t.Start])
		if t.Kind.Outputs() || t.Unclosed || t.Kind == jsscan.MustacheDelimiter {
			pos = -1
			break
		}
		pos = min(t.End, a.ValSpan.End) // sections and comments render nothing themselves
	}
	if pos >= 0 {
		b.Write(f.Content[pos:a.ValSpan.End])
	}
	v := strings.ReplaceAll(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\r", "\n")
	v = html.UnescapeString(v)
	// The URL parser drops leading and trailing C0 controls and spaces, and
	// every tab and line break.
	v = strings.TrimLeft(v, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	v = urlNoise.Replace(v)
	const scheme = "javascript:"
	if len(v) < len(scheme) || !strings.EqualFold(v[:len(scheme)], scheme) {
		return "", false
	}
	return v[len(scheme):], true
}

// noOpScript reports whether the code of a javascript: URL does nothing,
// so that blocking it changes nothing: empty, ";", void(0), void 0.
func noOpScript(code string) bool {
	c := strings.Join(strings.Fields(code), "")
	c = strings.TrimRight(c, ";")
	switch c {
	case "", "void(0)", "void0", "void(null)", "undefined":
		return true
	}
	return false
}

// eventHandlerAttrs are the event-handler content attributes browsers
// run: HTML's GlobalEventHandlers, WindowEventHandlers and
// DocumentAndElementEventHandlers, and those of SVG, Pointer Events, Touch
// Events, CSS animations and transitions, and the Selection and Fullscreen
// APIs.
var eventHandlerAttrs = func() map[string]bool {
	names := strings.Fields(`
		onabort onafterprint onanimationcancel onanimationend onanimationiteration onanimationstart
		onauxclick onbeforecopy onbeforecut onbeforeinput onbeforematch onbeforepaste onbeforeprint
		onbeforetoggle onbeforeunload onbeforexrselect onbegin onblur oncancel oncanplay
		oncanplaythrough onchange onclick onclose oncommand oncontentvisibilityautostatechange
		oncontextlost oncontextmenu oncontextrestored oncopy oncuechange oncut ondblclick ondrag
		ondragend ondragenter ondragexit ondragleave ondragover ondragstart ondrop ondurationchange
		onemptied onend onended onerror onfocus onfocusin onfocusout onformdata onfullscreenchange
		onfullscreenerror ongotpointercapture onhashchange oninput oninvalid onkeydown onkeypress
		onkeyup onlanguagechange onload onloadeddata onloadedmetadata onloadend onloadstart
		onlostpointercapture onmessage onmessageerror onmousedown onmouseenter onmouseleave
		onmousemove onmouseout onmouseover onmouseup onmousewheel onoffline ononline onpagehide
		onpagereveal onpageshow onpageswap onpaste onpause onplay onplaying onpointercancel
		onpointerdown onpointerenter onpointerleave onpointermove onpointerout onpointerover
		onpointerrawupdate onpointerup onpopstate onprogress onratechange onrejectionhandled
		onrepeat onreset onresize onscroll onscrollend onsearch onsecuritypolicyviolation onseeked
		onseeking onselect onselectionchange onselectstart onshow onslotchange onstalled onstorage
		onsubmit onsuspend ontimeupdate ontoggle ontouchcancel ontouchend ontouchmove ontouchstart
		ontransitioncancel ontransitionend ontransitionrun ontransitionstart onunhandledrejection
		onunload onvolumechange onwaiting onwebkitanimationend onwebkitanimationiteration
		onwebkitanimationstart onwebkittransitionend onwheel onzoom onactivate`)
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}()

// urlNoise removes the tabs and line breaks a URL parser ignores; built once,
// as a Replacer allocates its lookup table when made.
var urlNoise = strings.NewReplacer("\t", "", "\n", "")
