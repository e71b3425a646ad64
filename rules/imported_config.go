package rules

import (
	"fmt"

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
// configuration (so nothing it sets is reported missing), but nothing is
// reported at its bytes: they belong to oktaConfig.ts. While oktaConfig.ts
// is linted, the rules read the widget Login.tsx creates, and report what
// lies in oktaConfig.ts, naming the creation site.

// importedLiteral returns the object literal that a configuration name the
// file assigns nothing (kv) is imported as, from another module of the
// repository.
func (w *widgetSetup) importedLiteral(s *script, sp span, kv keyValues) (objectLiteral, bool) {
	if w.file == nil || len(kv.literals) > 0 || kv.others > 0 || kv.hosted {
		return objectLiteral{}, false
	}
	v, open, ok := jsmodel.ImportedObject(w.file, s, sp)
	if !ok {
		return objectLiteral{}, false
	}
	return objectLiteral{v.S, open}, true
}

// moduleConfig is a configuration literal of the file being linted that a
// widget elsewhere is created from, or that has a widget configuration's
// shape in a module nothing imports.
type moduleConfig struct {
	lit objectLiteral
	// w and c are the widget's analysis and construction: the creating
	// file's, or for a shaped module a construction made up around the
	// literal alone (c.newTok is -1: there is no `new` to report at).
	w *widgetSetup
	c *widgetConstruction
	// note ends each message: where the widget is created, or why the
	// literal is read as a widget's configuration.
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
		lit := objectLiteral{u.S, u.Open}
		if u.Shaped {
			c := &widgetConstruction{script: u.S, newTok: -1, arg: span{From: u.Open, To: u.S.Match(u.Open) + 1},
				config: configSource{literals: []objectLiteral{lit}, known: true}}
			out = append(out, moduleConfig{lit: lit, w: widgetSetupOf(f), c: c,
				note: " (read as a Sign-In Widget configuration: this export has the widget's options, and no linted file imports the module)"})
			continue
		}
		g, jc, ok := jsmodel.CreationSite(f, f.Project, u.Importer)
		if !ok {
			continue
		}
		w := widgetSetupOf(g)
		for _, c := range w.constructions {
			if c.script == jc.S && c.newTok == jc.New {
				out = append(out, moduleConfig{lit: lit, w: w, c: c, note: fmt.Sprintf(" (for the widget created at %s)", u.Importer.Site())})
				break
			}
		}
	}
	return out
}

// holds reports whether token i of s lies inside the literal.
func (lit objectLiteral) holds(s *script, i int) bool {
	return s == lit.script && i > lit.open && i < lit.close()
}
