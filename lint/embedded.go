package lint

import (
	"fmt"

	"github.com/tmpllint/tmpllint/embedded"
)

// Templates inside other files: the pageContent of an Okta Management API
// export, the page_content of a Terraform resource. Each is linted as an
// HTML template of its own, and its diagnostics and fixes are moved to the
// bytes of the file that holds it through an embedded.Map, so every output
// format, baseline and fix works on the file the user named. Suppression
// comments are read inside the template, where they are written.

// PageKind says which of Okta's customizable pages a template is, when the
// file it comes from says so.
type PageKind uint8

// Page kinds.
const (
	// PageUnknown: the content decides, as for a plain template file.
	PageUnknown PageKind = iota
	// PageSignIn is a custom sign-in page (a SignInPage, a Terraform
	// okta_customized_signin_page or okta_preview_signin_page).
	PageSignIn
	// PageError is a custom error page (an ErrorPage). Only the rules
	// marked ErrorPages run on it: it has no widget.
	PageError
)

// Setting is one setting of an export as written, and the bytes of its
// value in the export file.
type Setting struct {
	Value      string
	Start, End int
}

// PageSettings are what an export says about a page besides its HTML. Rules
// read them in pass.Options.Page and report on them with ReportSetting.
type PageSettings struct {
	Page PageKind
	// Where names the page in its file: "_embedded.customized",
	// "okta_customized_signin_page.main".
	Where string
	// WidgetVersion is widgetVersion (widget_version) as written; nil when
	// absent.
	WidgetVersion *Setting
	// WidgetGeneration is widgetCustomizations.widgetGeneration ("G2",
	// "G3"); nil when absent.
	WidgetGeneration *Setting
	// CSPMode is contentSecurityPolicySetting.mode; CSPSrcList its srcList
	// entries, and CSPSrcListBad the srcList value when it is not a list of
	// strings.
	CSPMode       *Setting
	CSPSrcList    []Setting
	CSPSrcListBad *Setting
	// Dynamic is the page content's expression when the file does not hold
	// the content as a literal (a Terraform interpolation or variable).
	Dynamic *Setting
	// ContentElsewhere is set when the content is in another file
	// (Terraform's file("page.html")), linted on its own.
	ContentElsewhere bool

	report func(Diagnostic)
}

// Embedded is one template inside a file.
type Embedded struct {
	// Map locates the template in the file; nil when the file does not
	// hold the content (Settings.Dynamic, Settings.ContentElsewhere).
	Map      *embedded.Map
	Settings *PageSettings
	// Widget is the widget version the export gives, nil when it gives
	// none or "*".
	Widget *WidgetVersion
}

// LintEmbedded lints the templates of host and returns the diagnostics at
// offsets of host, sorted. A fix whose edit cannot be written in the host
// syntax (see embedded.Map.Edit) is dropped; its finding stays.
func LintEmbedded(host *Source, pages []Embedded, rules []*Rule, opts Options) ([]Diagnostic, error) {
	var all []Diagnostic
	for _, page := range pages {
		diags, err := lintPage(host, page, rules, opts)
		if err != nil {
			return nil, err
		}
		all = append(all, diags...)
	}
	SortDiagnostics(all)
	return all, nil
}

func lintPage(host *Source, page Embedded, rules []*Rule, opts Options) ([]Diagnostic, error) {
	var content []byte
	if page.Map != nil {
		content = page.Map.Text()
	}
	f, err := Parse(&Source{Name: host.Name + ".html", Content: content})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", page.Settings.Where, err)
	}
	var settingDiags []Diagnostic
	ps := *page.Settings
	ps.report = func(d Diagnostic) { settingDiags = append(settingDiags, d) }
	f.Page = ps.Page
	o := opts
	o.Page = &ps
	switch {
	case opts.Widget != nil && opts.Widget.Explicit:
	case page.Widget != nil || ps.WidgetVersion != nil:
		o.Widget = page.Widget // "*" says: unknown
	}
	var run []*Rule
	for _, r := range rules {
		switch {
		case r.Settings:
		case page.Map == nil:
			continue
		case ps.Page == PageError && !r.ErrorPages:
			continue
		}
		run = append(run, r)
	}
	diags := RunWith(f, run, o)
	if page.Map != nil {
		for i := range diags {
			moveToHost(&diags[i], page.Map)
		}
	}
	return append(diags, settingDiags...), nil
}

// moveToHost turns a template diagnostic into one of the host file.
func moveToHost(d *Diagnostic, m *embedded.Map) {
	d.Start, d.End = m.Offset(d.Start), m.Offset(d.End)
	kept := d.Fixes[:0]
fixes:
	for _, fix := range d.Fixes {
		edits := make([]Edit, len(fix.Edits))
		for i, e := range fix.Edits {
			fs, fe, enc, err := m.Edit(e.Start, e.End, []byte(e.New))
			if err != nil {
				continue fixes
			}
			edits[i] = Edit{Start: fs, End: fe, New: string(enc)}
		}
		fix.Edits = edits
		kept = append(kept, fix)
	}
	d.Fixes = kept
}

// FixEmbedded is FixSourceWith for a file holding templates: read finds
// them in each pass's text, and only their bytes change.
func FixEmbedded(host *Source, read func(content []byte) ([]Embedded, error), rules []*Rule, unsafe bool, opts Options) (*FixResult, error) {
	return fixLoop(host.Content, unsafe, func(content []byte) ([]Diagnostic, error) {
		pages, err := read(content)
		if err != nil {
			return nil, err
		}
		return LintEmbedded(&Source{Name: host.Name, Content: content}, pages, rules, opts)
	})
}

// ReportSetting reports a finding about a setting of an export: s is in
// the export file, outside the template, so the diagnostic is not moved
// and no suppression comment of the template applies to it. Outside an
// export it reports nothing.
func (p *Pass) ReportSetting(s Setting, format string, args ...any) {
	ps := p.Options.Page
	if ps == nil || ps.report == nil {
		return
	}
	ps.report(Diagnostic{Rule: p.Rule, Severity: p.Rule.Severity, Start: s.Start, End: s.End, Message: fmt.Sprintf(format, args...)})
}
