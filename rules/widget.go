package rules

import (
	"fmt"

	"github.com/tmpllint/tmpllint/internal/lazy"
	"github.com/tmpllint/tmpllint/lint"
)

// widgetSrcVersion finds the version in a Sign-In Widget bundle URL:
// Okta's CDN (.../okta-signin-widget/7.20.0/js/okta-sign-in.min.js) and
// npm CDNs (.../npm/@okta/okta-signin-widget@7.20.0/dist/js/...).
var widgetSrcVersion = lazy.Regexp("rules.widgetSrcVersion", `okta-signin-widget[/@]v?([0-9]+(?:\.[0-9]+){0,2})(?:[/?#+-]|$)`)

// widgetVersion returns the Sign-In Widget version the file runs against and
// whether one is known. A version the user gave (--widget-version) wins;
// then the widget's <script src> in the file, which is what the page
// really loads; then the version learnt from outside (the nearest
// package.json's dependency).
func widgetVersion(pass *lint.Pass) (lint.WidgetVersion, bool) {
	opt := pass.Options.Widget
	if opt != nil && opt.Explicit {
		return *opt, true
	}
	if v := lint.Cached(pass.File, widgetSrcKey, scriptSrcVersion); v != nil {
		return *v, true
	}
	if opt != nil {
		return *opt, true
	}
	return lint.WidgetVersion{}, false
}

var widgetSrcKey = lint.NewKey[*lint.WidgetVersion]("widget script src version")

// scriptSrcVersion returns the version of the first widget bundle the page
// loads with a <script src>, or nil.
func scriptSrcVersion(f *lint.File) *lint.WidgetVersion {
	for _, el := range f.Doc.ExternalScripts {
		src, _ := el.Attr("src")
		m := widgetSrcVersion().FindStringSubmatch(src.Val)
		if m == nil {
			continue
		}
		v, ok := lint.ParseVersionRange(m[1])
		if !ok {
			continue
		}
		return &lint.WidgetVersion{
			Version: v,
			Origin:  fmt.Sprintf("the widget's script src on line %d (%s)", f.Line(src.ValSpan.Start), m[1]),
		}
	}
	return nil
}

// versionNote is the clause a message ends with to say which version it
// assumed, e.g. "widget 6.9.0, from package.json (^6.9.0)".
func versionNote(v lint.WidgetVersion) string {
	return fmt.Sprintf("widget %s, from %s", v.Version, v.Origin)
}
