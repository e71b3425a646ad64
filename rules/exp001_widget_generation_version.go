package rules

import (
	"github.com/tmpllint/tmpllint/lint"
)

// WidgetGenerationVersion is EXP001.
var WidgetGenerationVersion = &lint.Rule{
	ID:       "EXP001",
	Name:     "widget-generation-version",
	Severity: lint.Error,
	Settings: true,
	Check:    checkWidgetGenerationVersion,
	Doc: lint.Doc{
		Summary: "An export that switches the widget to the third generation (G3) must pin widget 7.8 or later.",
		Why: `A sign-in page's settings choose the Sign-In Widget's generation and version together:
widgetCustomizations.widgetGeneration (Terraform: widget_customizations { widget_generation }) and
widgetVersion (widget_version). Okta's release notes (Identity Engine, May 2024, "Version pinning for
Sign-In Widget (third generation) is GA in Production") say widgetVersion "must be 7.8 or later if
widgetCustomizations.widgetGeneration is set to G3. A value of 7.7 or earlier results in an invalid
request": the API refuses the page, and terraform apply fails.

Set widgetVersion to 7.8 or later (Okta accepts a Major.Minor version such as "7.8" or a range such
as "^7", which counts as its lowest version, 7.0), or set widgetGeneration to G2.`,
		Detect: `In Okta Management API exports (SignInPage JSON) and Terraform sign-in page resources: the
widgetVersion value, as an error, when widgetGeneration is "G3" and widgetVersion names a version
before 7.8. A range counts as its lowest version ("^7" is 7.0). Nothing is reported when either setting
is absent, when the version is "*" or null (no version is pinned), or when Terraform computes them.`,
		Bad: []lint.Example{{File: "sign-in.json", Code: `{
  "pageContent": "<html>{{{SignInWidgetResources}}}</html>",
  "widgetVersion": "^7",
  "widgetCustomizations": { "widgetGeneration": "G3" }
}`}},
		Good: []lint.Example{{File: "sign-in.json", Code: `{
  "pageContent": "<html>{{{SignInWidgetResources}}}</html>",
  "widgetVersion": "7.8",
  "widgetCustomizations": { "widgetGeneration": "G3" }
}`}},
	},
}

func checkWidgetGenerationVersion(pass *lint.Pass) {
	s := pass.Options.Page
	if s == nil || s.WidgetGeneration == nil || s.WidgetVersion == nil || s.WidgetGeneration.Value != "G3" {
		return
	}
	v, ok := lint.ParseVersionRange(s.WidgetVersion.Value)
	if !ok || v.AtLeast(7, 8, 0) {
		return
	}
	pass.ReportSetting(*s.WidgetVersion, "widget version %q (%d.%d) is before 7.8, and widget generation %q needs 7.8 or later: Okta rejects the page; pin 7.8 or later or use G2",
		s.WidgetVersion.Value, v.Major, v.Minor, s.WidgetGeneration.Value)
}
