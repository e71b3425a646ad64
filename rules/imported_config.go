package rules

import (
	"fmt"
	"strings"

	"github.com/tmpllint/tmpllint/jsmodel"
	"github.com/tmpllint/tmpllint/lint"
)

// This file connects the widget rules to configurations that live in
// another module of the repository (see jsmodel's ConfigUses):
//
//	// src/Login.tsx                      // src/oktaConfig.ts
//	import { oktaConfig } from './oktaConfig';
//	new OktaSignIn({ ...oktaConfig });    export const oktaConfig = { useInteractionCodeFlow: true };
//
// While Login.tsx is linted, the imported literal is part of the widget's
// configuration (jsmodel's Widgets.valuesOf gives the import binding the
// literal its module exports, so nothing it sets is reported missing), but
// nothing is reported at its bytes: they belong to oktaConfig.ts. While
// oktaConfig.ts is linted, the rules read the widget Login.tsx creates,
// and report what lies in oktaConfig.ts, naming the creation site.

// moduleConfig is a configuration literal of the file being linted that a
// widget elsewhere is created from, or that has a widget configuration's
// shape in a module nothing imports.
type moduleConfig struct {
	lit jsmodel.Object
	// w and c are the widget's analysis and construction: the creating
	// file's, or for a shaped module a construction made up around the
	// literal alone (c.New is -1: there is no `new` to report at).
	w *jsmodel.Widgets
	c *jsmodel.Construction
	// note ends each message: where the widgets created from the literal
	// are, or why the literal is read as a widget's configuration.
	note string
}

var moduleConfigsKey = lint.NewKey[[]moduleConfig]("rules.moduleConfigs")

// moduleConfigsOf returns the file's configuration literals that widgets
// of other files are created from, or that have the widget's option shape
// in a module no linted file about Okta imports, once per file.
func moduleConfigsOf(f *lint.File) []moduleConfig {
	return lint.Cached(f, moduleConfigsKey, readModuleConfigs)
}

func readModuleConfigs(f *lint.File) []moduleConfig {
	var out []moduleConfig
	for _, u := range jsmodel.ConfigUses(f, f.Project) {
		lit := jsmodel.Object{S: u.S, Open: u.Open}
		if u.Shaped {
			c := &jsmodel.Construction{S: u.S, New: -1, Arg: span{From: u.Open, To: lit.Close() + 1},
				Config: jsmodel.Config{Objects: []jsmodel.Object{lit}, Known: true}}
			out = append(out, moduleConfig{lit: lit, w: jsmodel.WidgetsOf(f), c: c,
				note: " (read as a Sign-In Widget configuration: this export has the widget's options, and no linted file that uses the widget or an Okta SDK imports the module)"})
			continue
		}
		g, c, ok := jsmodel.CreationSite(f, f.Project, u.Importer)
		if !ok {
			continue
		}
		out = append(out, moduleConfig{lit: lit, w: jsmodel.WidgetsOf(g), c: c, note: u.Importer.Site()})
	}
	// One note per literal, naming every widget created from it: a
	// finding about the literal is reported once, whichever widget it is
	// found for.
	sites := map[jsmodel.Object][]string{}
	for _, mc := range out {
		if mc.c.New >= 0 {
			sites[mc.lit] = append(sites[mc.lit], mc.note)
		}
	}
	for i, mc := range out {
		switch list := sites[mc.lit]; len(list) {
		case 0:
		case 1:
			out[i].note = fmt.Sprintf(" (for the widget created at %s)", list[0])
		default:
			out[i].note = fmt.Sprintf(" (for the widgets created at %s and %s)", strings.Join(list[:len(list)-1], ", "), list[len(list)-1])
		}
	}
	return out
}

// holds reports whether token i of s lies inside the literal o.
func holds(o jsmodel.Object, s *script, i int) bool {
	return s == o.S && i > o.Open && i < o.Close()
}
