package linter

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/tmpllint/tmpllint/export"
	"github.com/tmpllint/tmpllint/lint"
)

// widgetPackage is the npm package of the Okta Sign-In Widget.
const widgetPackage = "@okta/okta-signin-widget"

// packageVersions finds the widget version an application file is built
// against: the dependency on @okta/okta-signin-widget in the nearest
// package.json that has one, searching from the file's directory up to the
// repository root. The range's lower bound is used (see
// lint.ParseVersionRange); node_modules is not read, so a run gives the
// same answer before and after `npm install`, on a laptop and in CI.
//
// It is safe for concurrent use; each directory is read once per run.
type packageVersions struct {
	cwd string

	mu   sync.Mutex
	dirs map[string]*lint.WidgetVersion // directory → its answer (nil: none)
	// terraform maps a template file a Terraform resource reads to the
	// resource's widget_version (see addTerraformTemplates).
	terraform map[string]*lint.WidgetVersion
}

func newPackageVersions(cwd string) *packageVersions {
	return &packageVersions{cwd: cwd, dirs: map[string]*lint.WidgetVersion{}}
}

// lookup returns the version for the file at path, or nil. Standard input
// ("-") is looked up from the current directory.
func (p *packageVersions) lookup(path string) *lint.WidgetVersion {
	dir := p.cwd
	if path != "-" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil
		}
		dir = filepath.Dir(abs)
		p.mu.Lock()
		v, ok := p.terraformVersion(abs)
		p.mu.Unlock()
		if ok {
			return v
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.find(dir)
}

func (p *packageVersions) find(dir string) *lint.WidgetVersion {
	if v, ok := p.dirs[dir]; ok {
		return v
	}
	v, stop := p.readPackage(dir)
	if v == nil && !stop {
		if parent := filepath.Dir(dir); parent != dir {
			v = p.find(parent)
		}
	}
	p.dirs[dir] = v
	return v
}

// readPackage reads dir/package.json. stop is set at a repository root
// (a .git entry): a package.json above it belongs to another project.
func (p *packageVersions) readPackage(dir string) (v *lint.WidgetVersion, stop bool) {
	_, err := os.Stat(filepath.Join(dir, ".git"))
	stop = err == nil
	path := filepath.Join(dir, "package.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, stop
	}
	var pkg struct {
		Dependencies, DevDependencies, PeerDependencies, OptionalDependencies map[string]string
	}
	if json.Unmarshal(data, &pkg) != nil {
		return nil, stop
	}
	for _, deps := range []map[string]string{pkg.Dependencies, pkg.PeerDependencies, pkg.OptionalDependencies, pkg.DevDependencies} {
		spec, ok := widgetSpec(deps)
		if !ok {
			continue
		}
		version, ok := lint.ParseVersionRange(strings.TrimPrefix(spec, "npm:"+widgetPackage+"@"))
		if !ok {
			// "latest", a git URL: the package.json names no version, so
			// none is assumed (and the search stops here: this is the
			// project's dependency, just not a readable one).
			return nil, true
		}
		return &lint.WidgetVersion{Version: version, Origin: fmt.Sprintf("%s (%q)", p.display(path), spec)}, true
	}
	return nil, stop
}

// widgetSpec returns the version range a dependency list gives the widget:
// under its own name, or an npm alias of it under any name
// ("signin": "npm:@okta/okta-signin-widget@7.14.0").
func widgetSpec(deps map[string]string) (string, bool) {
	if spec, ok := deps[widgetPackage]; ok {
		return spec, true
	}
	names := make([]string, 0, len(deps))
	for name := range deps {
		names = append(names, name)
	}
	sort.Strings(names) // the same answer on every run
	for _, name := range names {
		if strings.HasPrefix(deps[name], "npm:"+widgetPackage+"@") {
			return deps[name], true
		}
	}
	return "", false
}

// display shows path relative to the current directory when it is below it.
func (p *packageVersions) display(path string) string {
	if rel, err := filepath.Rel(p.cwd, path); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return path
}

// explicitWidget turns the --widget-version flag or a configuration file's
// widget-version into the version rules assume, overriding what files say.
// Both were checked when read (config.CheckWidgetVersion); "" gives nil.
func explicitWidget(value, origin string) *lint.WidgetVersion {
	v, ok := lint.ParseVersionRange(value)
	if !ok {
		return nil
	}
	return &lint.WidgetVersion{Version: v, Origin: origin, Explicit: true}
}

// addTerraformTemplates adds to the inputs the template files that the
// Terraform inputs read with file() or templatefile(), and records the
// widget_version of their resource, with which they are linted unless
// --widget-version or a configuration says otherwise.
func (p *packageVersions) addTerraformTemplates(inputs []string) []string {
	have := map[string]bool{}
	for _, in := range inputs {
		if abs, err := filepath.Abs(in); err == nil {
			have[abs] = true
		}
	}
	for _, in := range inputs {
		if in == "-" || !export.IsTerraform(in) {
			continue
		}
		data, err := ReadFile(in)
		if err != nil {
			continue // reported when the input is linted
		}
		pages, err := export.ReadTerraform(in, data)
		if err != nil {
			continue
		}
		for _, page := range pages {
			if page.File == "" {
				continue
			}
			abs, err := filepath.Abs(page.File)
			if err != nil {
				continue
			}
			p.mu.Lock()
			if p.terraform == nil {
				p.terraform = map[string]*lint.WidgetVersion{}
			}
			if _, seen := p.terraform[abs]; !seen {
				p.terraform[abs] = page.Widget
			}
			p.mu.Unlock()
			if !have[abs] {
				have[abs] = true
				inputs = append(inputs, page.File)
			}
		}
	}
	return inputs
}

// terraformVersion returns the widget_version of the Terraform resource
// that reads the file at abs, and whether one does.
func (p *packageVersions) terraformVersion(abs string) (*lint.WidgetVersion, bool) {
	v, ok := p.terraform[abs]
	return v, ok
}
