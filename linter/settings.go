package linter

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tmpllint/tmpllint/config"
	"github.com/tmpllint/tmpllint/internal/oserr"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/report"
	"github.com/tmpllint/tmpllint/rules"
)

// Configuration: each template gets the settings of the nearest
// .tmpllint.yaml (package config), with the run's Settings laid over them.
// Templates of one run may get different settings.

// configuration is the settings of one run: the Settings, and the
// configuration files found for its templates.
type configuration struct {
	s   *Settings
	cwd string
	// explicit is the Settings' ConfigPath file, used for every template.
	explicit *config.Config
	// layer holds Ignore, Disable, Enable and Severity.
	layer   config.RuleSet
	exclude []config.Glob

	// packages finds the widget version in package.json files.
	packages *packageVersions

	found    map[string]string         // directory → its configuration file, "" for none
	loaded   map[string]*config.Config // configuration file → its settings
	failed   map[string]bool           // configuration files with errors (reported)
	used     map[*config.Config]bool   // the files that apply to a template linted
	distinct map[string]*fileSettings  // settings key → settings
}

// fileSettings are the settings of one template.
type fileSettings struct {
	rules    []*lint.Rule
	severity map[string]lint.Severity
	// widget is the version set by Settings.WidgetVersion or
	// widget-version in the configuration file; nil when neither is set.
	widget *lint.WidgetVersion
}

// ResolveRule finds a rule by ID or name.
func ResolveRule(idOrName string) (string, bool) {
	if r := rules.Lookup(strings.TrimSpace(idOrName)); r != nil {
		return r.ID, true
	}
	return "", false
}

// configure checks the Settings and reads the ConfigPath file.
func configure(s *Settings) (*configuration, error) {
	c := &configuration{
		s:     s,
		found: map[string]string{}, loaded: map[string]*config.Config{}, failed: map[string]bool{},
		used: map[*config.Config]bool{}, distinct: map[string]*fileSettings{},
	}
	if s.NoConfig && s.ConfigPath != "" {
		return nil, fmt.Errorf("--config and --no-config exclude each other")
	}
	ruleIDs := func(flag string, names []string) ([]string, error) {
		var ids []string
		for _, name := range names {
			id, ok := ResolveRule(name)
			if !ok {
				return nil, fmt.Errorf("%s: no rule %q (see tmpllint rules)", flag, name)
			}
			ids = append(ids, id)
		}
		return ids, nil
	}
	// Every unknown name is reported, --ignore's first.
	var errs []error
	ignored, err := ruleIDs("--ignore", s.Ignore)
	errs = append(errs, err)
	disabled, err := ruleIDs("--disable", s.Disable)
	errs = append(errs, err)
	enabled, err := ruleIDs("--enable", s.Enable)
	errs = append(errs, err)
	if e := errors.Join(errs...); e != nil {
		return nil, e
	}
	c.layer.Disable = append(ignored, disabled...)
	c.layer.Enable = enabled
	for _, id := range c.layer.Enable {
		for _, off := range c.layer.Disable {
			if id == off {
				return nil, fmt.Errorf("--enable: %s is also switched off by --disable or --ignore", id)
			}
		}
	}
	for _, item := range s.Severity {
		name, level, found := strings.Cut(item, "=")
		if !found {
			return nil, fmt.Errorf("--severity: %q is not ID=level (like OIE003=error)", item)
		}
		id, ok := ResolveRule(name)
		if !ok {
			return nil, fmt.Errorf("--severity: no rule %q (see tmpllint rules)", name)
		}
		sev, err := lint.ParseSeverity(strings.TrimSpace(level))
		if err != nil {
			return nil, fmt.Errorf("--severity: %s: %v", id, err)
		}
		if c.layer.Severity == nil {
			c.layer.Severity = map[string]lint.Severity{}
		}
		c.layer.Severity[id] = sev
	}
	for _, pattern := range s.Exclude {
		g, err := config.CompileGlob(pattern)
		if err != nil {
			return nil, fmt.Errorf("--exclude: %v", err)
		}
		c.exclude = append(c.exclude, g)
	}
	if s.WidgetVersion != "" {
		if err := config.CheckWidgetVersion(s.WidgetVersion); err != nil {
			return nil, fmt.Errorf("--widget-version: %v", err)
		}
	}
	if c.cwd, err = os.Getwd(); err != nil {
		return nil, fmt.Errorf("finding the current directory: %v", err)
	}
	c.packages = newPackageVersions(c.cwd)
	if s.ConfigPath != "" {
		cfg, err := config.Load(s.ConfigPath, ResolveRule)
		if err != nil {
			return nil, err
		}
		c.explicit = cfg
	}
	return c, nil
}

// plan finds the configuration of every input, drops the inputs a
// directory walk found that the configuration's ignore or Exclude matches
// (a path named in args is always linted), and works out the settings of
// the rest. Walk errors below an excluded path are dropped too. ok is false
// when a configuration file has errors (reported on Stderr): the run stops.
func (c *configuration) plan(args, paths []string, walkErrs []fileError) (inputs []input, errs []fileError, ok bool) {
	named := map[string]bool{}
	for _, a := range args {
		named[a] = true
	}
	ok = true
	for _, in := range paths {
		cfg, found := c.configFor(in)
		if !found {
			ok = false
			continue
		}
		if !named[in] && c.excluded(cfg, in) {
			continue
		}
		if cfg != nil {
			c.used[cfg] = true
		}
		inputs = append(inputs, input{path: in, settings: c.settingsFor(cfg, in)})
	}
	for _, r := range walkErrs {
		if !named[r.Name] {
			cfg, found := c.configFor(r.Name)
			if !found {
				ok = false
				continue
			}
			if c.excluded(cfg, r.Name) {
				continue
			}
		}
		errs = append(errs, r)
	}
	return inputs, errs, ok
}

// matchPath is the path an input's globs match: the StdinName for
// standard input.
func (c *configuration) matchPath(input string) string {
	if input == "-" {
		return c.s.StdinName
	}
	return input
}

// configFor returns the configuration of one input: the ConfigPath file,
// or the nearest .tmpllint.yaml from the input's directory (for standard
// input, that of StdinName, or the current directory), or nil. It reports
// a file's problems once and returns false.
func (c *configuration) configFor(input string) (*config.Config, bool) {
	switch {
	case c.s.NoConfig:
		return nil, true
	case c.explicit != nil:
		return c.explicit, true
	}
	dir := "."
	if p := c.matchPath(input); p != "" {
		dir = filepath.Dir(p)
	}
	path, seen := c.found[dir]
	if !seen {
		var err error
		if path, err = config.Find(dir); err != nil {
			fmt.Fprintf(c.s.Stderr, "tmpllint: looking for %s above %s: %v\n", config.FileName, report.DisplayName(dir), oserr.Cause(err))
			return nil, false
		}
		c.found[dir] = path
	}
	if path == "" {
		return nil, true
	}
	if c.failed[path] {
		return nil, false
	}
	cfg := c.loaded[path]
	if cfg == nil {
		var err error
		if cfg, err = config.Load(c.display(path), ResolveRule); err != nil {
			PrintError(c.s.Stderr, err)
			c.failed[path] = true
			return nil, false
		}
		c.loaded[path] = cfg
	}
	return cfg, true
}

// display shortens an absolute path under the current directory.
func (c *configuration) display(path string) string {
	if rel, err := filepath.Rel(c.cwd, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return rel
	}
	return path
}

// excluded reports whether a directory walk skips path: its
// configuration's ignore or Exclude (relative to the current directory)
// matches it.
func (c *configuration) excluded(cfg *config.Config, path string) bool {
	if cfg.Ignored(path) {
		return true
	}
	if len(c.exclude) == 0 {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(c.cwd, abs)
	return err == nil && config.MatchAny(c.exclude, filepath.ToSlash(rel))
}

// settingsFor works out an input's settings: its configuration file's,
// then the run's Settings. Inputs with equal settings share one value.
func (c *configuration) settingsFor(cfg *config.Config, input string) *fileSettings {
	r := cfg.RulesFor(c.matchPath(input))
	r.Apply(c.layer)
	s := &fileSettings{severity: r.Severity}
	version := c.s.WidgetVersion
	if version != "" {
		s.widget = explicitWidget(version, "--widget-version "+version)
	} else if cfg != nil && cfg.WidgetVersion != "" {
		version = cfg.WidgetVersion
		s.widget = explicitWidget(version, fmt.Sprintf("widget-version %s in %s", version, c.display(cfg.Path)))
	}
	var key strings.Builder
	for _, rule := range rules.All() {
		if !r.Off[rule.ID] {
			s.rules = append(s.rules, rule)
			key.WriteString(rule.ID + ",")
		}
	}
	ids := make([]string, 0, len(s.severity))
	for id := range s.severity {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(&key, ";%s=%s", id, s.severity[id])
	}
	key.WriteString(";" + version)
	if prev := c.distinct[key.String()]; prev != nil {
		return prev
	}
	c.distinct[key.String()] = s
	return s
}

// failLevel is Settings.FailLevel when it is set, else the lowest
// fail-level of the configuration files that apply to the templates (the
// exit code is one for the run), else warning.
func (c *configuration) failLevel() lint.Severity {
	if c.s.FailLevel != 0 {
		return c.s.FailLevel
	}
	var level lint.Severity
	for cfg := range c.used {
		if cfg.FailLevel != 0 && (level == 0 || cfg.FailLevel < level) {
			level = cfg.FailLevel
		}
	}
	if level == 0 {
		return lint.Warning
	}
	return level
}

// applySeverity sets the severity of every finding of a rule the settings
// give one, whatever severity the rule reported.
func (s *fileSettings) applySeverity(diags []lint.Diagnostic) {
	if len(s.severity) == 0 {
		return
	}
	for i := range diags {
		if sev, ok := s.severity[diags[i].Rule.ID]; ok {
			diags[i].Severity = sev
		}
	}
}
