// Package rules holds tmpllint's rules, one file each, and the registry
// that lists them. Each rule is a *lint.Rule with its ID, name, default
// severity, the file kinds it checks, whether it fixes, documentation and
// examples; docs_test.go lints every example and applies every fix it shows,
// so the documentation cannot drift from what the rule does.
//
// The rules fall in four groups: Identity Engine breakers in any code
// (OIE001, OIE002) and on hosted pages (OIE003, OIE007 to OIE009); embedded
// widget code, checked against the widget version widget.go works out
// (OIE004 to OIE006); customizations of the widget's markup and texts that
// a newer view no longer has (OIE010 to OIE012: selectors in style blocks
// and code, read by oie010_selectors.go, and i18n keys, listed in
// classic_i18n_keys.txt); and the hosted template itself, its Mustache tags
// and its Content Security Policy (TPL001, TPL002, CSP001, CSP002). The EXP
// rules check the settings an export carries besides the HTML
// (lint.Options.Page), and report on their bytes with Pass.ReportSetting.
//
// The file's JavaScript is read once, by package jsmodel: scopes, bindings,
// functions, member chains and the values that come from Okta (OktaUtil, the
// widget, its responses, the auth client), the evidence that a finding
// concerns Okta code at all, and (jsmodel.WidgetsOf) the widget
// constructions, their configurations and the options they set. Other
// analyses several rules need are computed once per file through lint.File:
// the renderEl success callbacks of hosted pages (callback.go), the
// elements a Content Security Policy governs (csp.go), and the selectors a
// page aims at the widget's markup (oie010_selectors.go). widget_options.go
// finds option keys by name and builds the edits that add or remove one.
//
// Rules read JavaScript as the token stream of package jsscan: positions come
// from tokens, and structure (calls, arguments, function bodies, object
// patterns) from bracket matching, which still works on scripts that do not
// parse. code.go has the shared token helpers.
package rules
