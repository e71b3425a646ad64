package lint

import (
	"path/filepath"
	"strconv"
)

// Project is the run's read-only view of the repository around the files
// being linted, for rules that follow a widget's configuration from the
// file that creates the widget to the module that holds it. Every finding
// is still located in the file being linted, and computed while that file
// is linted: a rule asks the project about other files, it never reports
// in them. Implementations are safe for concurrent use by the run's
// workers; Options.Project is nil when a run has no such view (one file
// from standard input, a rule's docs example).
type Project interface {
	// Resolve returns the path of the file a module specifier (a relative
	// one, ./oktaConfig, a path alias the repository's configuration
	// declares, @/config, or a package of its workspaces) names when the
	// file at from imports it, or false when it names no file of the
	// repository.
	Resolve(from, spec string) (string, bool)
	// Load reads and parses the file at path (one Resolve returned, or
	// one the run lints). Each call returns a File of its own, which the
	// caller may analyse without locks; a rule that needs it more than
	// once caches it on its own file (Cached).
	Load(path string) (*File, error)
	// Importers returns the places where linted files create the Sign-In
	// Widget from an export of the module at path, in input order.
	Importers(path string) []Importer
	// Imported reports whether a linted file that is about Okta imports
	// the module at path, directly or through re-exports.
	Imported(path string) bool
}

// Importer is a place where a linted file creates the widget from an
// export of another module.
type Importer struct {
	// File is the creating file's name as the run reports it, and Line
	// the line of its `new OktaSignIn(...)`.
	File string
	Line int
	// Construction counts the file's widget constructions before this
	// one, so that two on one line (a minified bundle) stay apart.
	Construction int
	// Export is the module's export the configuration comes from:
	// "default" or a name; Key the property of the exported literal the
	// configuration is (config.widget), or "".
	Export string
	Key    string
}

// Site names the place as a message says it: path:line, with forward
// slashes on every system.
func (i Importer) Site() string {
	return filepath.ToSlash(i.File) + ":" + strconv.Itoa(i.Line)
}
