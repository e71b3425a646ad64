package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tmpllint/tmpllint/config"
	"github.com/tmpllint/tmpllint/jsmodel"
	"github.com/tmpllint/tmpllint/lint"
	"github.com/tmpllint/tmpllint/rules"
)

// Configuration: each template gets the settings of the nearest
// .tmpllint.yaml (package config), with the flags laid over them. Templates
// of one run may get different settings; check lints each group of
// templates with the same settings together.

// configFlags are the flags of check and fix that stand for the settings of
// a configuration file, and the two that choose the file.
type configFlags struct {
	set             *pflag.FlagSet
	disable, enable []string
	severity        []string
	exclude         []string
	widgetVersion   string
	path            string
	noConfig        bool
}

func addConfigFlags(flags *pflag.FlagSet) *configFlags {
	c := &configFlags{set: flags}
	flags.StringSliceVar(&c.disable, "disable", nil, "rule IDs or names to switch off, comma-separated (as --ignore; over .tmpllint.yaml)")
	flags.StringSliceVar(&c.enable, "enable", nil, "rule IDs or names to switch on, comma-separated, even where .tmpllint.yaml disables them")
	flags.StringSliceVar(&c.severity, "severity", nil, "report a rule's findings at another severity: ID=info|warning|error, comma-separated")
	flags.StringSliceVar(&c.exclude, "exclude", nil, "skip files matching these globs (relative to the current directory, ** for any depth) when walking directories")
	flags.StringVar(&c.widgetVersion, "widget-version", "", "Okta Sign-In Widget version the files run against, e.g. 7.14 or ^7 (default: from the widget's script src, or the nearest package.json)")
	flags.StringVar(&c.path, "config", "", "use this configuration file for every template instead of the nearest .tmpllint.yaml")
	flags.BoolVar(&c.noConfig, "no-config", false, "read no .tmpllint.yaml")
	return c
}

// configuration is the settings of one run: the flags, and the
// configuration files found for its templates.
type configuration struct {
	env       *environment
	flags     *configFlags
	stdinName string
	cwd       string
	// explicit is the --config file, used for every template.
	explicit *config.Config
	// layer holds --ignore, --disable, --enable and --severity.
	layer   config.RuleSet
	exclude []config.Glob

	// packages finds the widget version in package.json files.
	packages *packageVersions
	// view sets a file's options from the run's view of the repository,
	// built by plan over the inputs: imports followed from one linted
	// file to another (jsmodel.RunView).
	view func(path string, opts *lint.Options)

	found    map[string]string         // directory → its configuration file, "" for none
	loaded   map[string]*config.Config // configuration file → its settings
	failed   map[string]bool           // configuration files with errors (reported)
	used     map[*config.Config]bool   // the files that apply to a template linted
	settings map[string]*fileSettings  // template path → its settings
	distinct map[string]*fileSettings  // settings key → settings
}

// fileSettings are the settings of one template.
type fileSettings struct {
	rules    []*lint.Rule
	severity map[string]lint.Severity
	// widget is the version set by --widget-version or widget-version in
	// the configuration file; nil when neither is set.
	widget *lint.WidgetVersion
}

// resolveRule finds a rule by ID or name.
func resolveRule(idOrName string) (string, bool) {
	if r := rules.Lookup(strings.TrimSpace(idOrName)); r != nil {
		return r.ID, true
	}
	return "", false
}

// configure reads the flags and the --config file.
func (env *environment) configure(flags *configFlags, ignore []string, stdinName string) (*configuration, int) {
	c := &configuration{
		env: env, flags: flags, stdinName: stdinName,
		found: map[string]string{}, loaded: map[string]*config.Config{}, failed: map[string]bool{},
		used: map[*config.Config]bool{}, settings: map[string]*fileSettings{}, distinct: map[string]*fileSettings{},
	}
	if flags.noConfig && flags.path != "" {
		return nil, env.usageError("--config and --no-config exclude each other")
	}
	ruleIDs := func(flag string, names []string) ([]string, bool) {
		var ids []string
		for _, name := range names {
			id, ok := resolveRule(name)
			if !ok {
				env.usageError("%s: no rule %q (see tmpllint rules)", flag, name)
				return nil, false
			}
			ids = append(ids, id)
		}
		return ids, true
	}
	ignored, ok1 := ruleIDs("--ignore", ignore)
	disabled, ok2 := ruleIDs("--disable", flags.disable)
	enabled, ok3 := ruleIDs("--enable", flags.enable)
	if !ok1 || !ok2 || !ok3 {
		return nil, exitError
	}
	c.layer.Disable = append(ignored, disabled...)
	c.layer.Enable = enabled
	for _, id := range c.layer.Enable {
		for _, off := range c.layer.Disable {
			if id == off {
				return nil, env.usageError("--enable: %s is also switched off by --disable or --ignore", id)
			}
		}
	}
	for _, item := range flags.severity {
		name, level, found := strings.Cut(item, "=")
		if !found {
			return nil, env.usageError("--severity: %q is not ID=level (like OIE003=error)", item)
		}
		id, ok := resolveRule(name)
		if !ok {
			return nil, env.usageError("--severity: no rule %q (see tmpllint rules)", name)
		}
		sev, err := lint.ParseSeverity(strings.TrimSpace(level))
		if err != nil {
			return nil, env.usageError("--severity: %s: %v", id, err)
		}
		if c.layer.Severity == nil {
			c.layer.Severity = map[string]lint.Severity{}
		}
		c.layer.Severity[id] = sev
	}
	for _, pattern := range flags.exclude {
		g, err := config.CompileGlob(pattern)
		if err != nil {
			return nil, env.usageError("--exclude: %v", err)
		}
		c.exclude = append(c.exclude, g)
	}
	if flags.widgetVersion != "" {
		if err := config.CheckWidgetVersion(flags.widgetVersion); err != nil {
			return nil, env.usageError("--widget-version: %v", err)
		}
	}
	var err error
	if c.cwd, err = os.Getwd(); err != nil {
		return nil, env.usageError("finding the current directory: %v", err)
	}
	c.packages = newPackageVersions(c.cwd)
	if flags.path != "" {
		cfg, err := config.Load(flags.path, resolveRule)
		if err != nil {
			return nil, env.configError(err)
		}
		c.explicit = cfg
	}
	return c, exitOK
}

// configError prints a configuration file's problems, one a line.
func (env *environment) configError(err error) int {
	var errs config.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Fprintf(env.stderr, "tmpllint: %v\n", e)
		}
		return exitError
	}
	return env.usageError("%v", err)
}

// plan finds the configuration of every input, drops the inputs a
// directory walk found that the configuration's ignore or --exclude
// matches (a path named on the command line is always linted), and works
// out the settings of the rest. Walk errors below an excluded path are
// dropped too. A configuration file with errors stops the run (exit 2).
func (c *configuration) plan(args, inputs []string, walkErrs []fileResult) ([]string, []fileResult, int) {
	named := map[string]bool{}
	for _, a := range args {
		named[a] = true
	}
	code := exitOK
	var kept []string
	for _, in := range inputs {
		cfg, ok := c.configFor(in)
		if !ok {
			code = exitError
			continue
		}
		if !named[in] && c.excluded(cfg, in) {
			continue
		}
		if cfg != nil {
			c.used[cfg] = true
		}
		c.settings[in] = c.settingsFor(cfg, in)
		kept = append(kept, in)
	}
	var errs []fileResult
	for _, r := range walkErrs {
		if !named[r.name] {
			cfg, ok := c.configFor(r.name)
			if !ok {
				code = exitError
				continue
			}
			if c.excluded(cfg, r.name) {
				continue
			}
		}
		errs = append(errs, r)
	}
	c.view, _ = jsmodel.RunView(readFile)(kept)
	return kept, errs, code
}

// matchPath is the path an input's globs match: the --stdin-filename for
// standard input.
func (c *configuration) matchPath(input string) string {
	if input == "-" {
		return c.stdinName
	}
	return input
}

// configFor returns the configuration of one input: the --config file, or
// the nearest .tmpllint.yaml from the input's directory (for standard
// input, that of --stdin-filename, or the current directory), or nil. It
// reports a file's problems once and returns false.
func (c *configuration) configFor(input string) (*config.Config, bool) {
	switch {
	case c.flags.noConfig:
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
			fmt.Fprintf(c.env.stderr, "tmpllint: looking for %s above %s: %v\n", config.FileName, displayName(dir), readError(err))
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
		if cfg, err = config.Load(c.display(path), resolveRule); err != nil {
			c.env.configError(err)
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
// configuration's ignore or --exclude (relative to the current directory)
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

// settingsFor works out an input's settings: its configuration file's, then
// the flags. Inputs with equal settings share one value.
func (c *configuration) settingsFor(cfg *config.Config, input string) *fileSettings {
	r := cfg.RulesFor(c.matchPath(input))
	r.Apply(c.layer)
	s := &fileSettings{severity: r.Severity}
	version := c.flags.widgetVersion
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

// settingsOf returns an input's settings from plan, or the flags' alone.
func (c *configuration) settingsOf(input string) *fileSettings {
	if s := c.settings[input]; s != nil {
		return s
	}
	return c.settingsFor(nil, input)
}

// failLevel is --fail-level when it is given, else the lowest fail-level
// of the configuration files that apply to the templates (the exit code is
// one for the run), else def.
func (c *configuration) failLevel(def lint.Severity) lint.Severity {
	if c.flags.set.Changed("fail-level") {
		return def
	}
	var level lint.Severity
	for cfg := range c.used {
		if cfg.FailLevel != 0 && (level == 0 || cfg.FailLevel < level) {
			level = cfg.FailLevel
		}
	}
	if level == 0 {
		return def
	}
	return level
}

// lintAll lints the inputs, each group with the same settings in one
// env.lintAll, and returns the results in input order.
func (c *configuration) lintAll(inputs []string, opts checkOptions) []fileResult {
	results := make([]fileResult, len(inputs))
	groups := map[*fileSettings][]int{}
	var order []*fileSettings
	for i, in := range inputs {
		s := c.settingsOf(in)
		if groups[s] == nil {
			order = append(order, s)
		}
		groups[s] = append(groups[s], i)
	}
	for _, s := range order {
		paths := make([]string, len(groups[s]))
		for j, i := range groups[s] {
			paths[j] = inputs[i]
		}
		opts.widget, opts.view = s.widget, c.view
		for j, r := range c.env.lintAll(paths, s.rules, opts) {
			s.applySeverity(r.diags)
			results[groups[s][j]] = r
		}
	}
	return results
}

// fixOne is env.fixOne with the input's settings.
func (c *configuration) fixOne(path string, unsafe bool, stdinName string, opts lint.Options) fixOutcome {
	s := c.settingsOf(path)
	opts.Widget = s.widget
	if c.view != nil {
		c.view(path, &opts)
	}
	if opts.Widget == nil {
		opts.Widget = c.packages.lookup(inputPath(path, stdinName))
	}
	out := c.env.fixOne(path, s.rules, unsafe, stdinName, opts)
	s.applySeverity(out.diags)
	return out
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

// initConfig writes a starting .tmpllint.yaml in the current directory.
func (env *environment) initConfig(args []string) int {
	flags := pflag.NewFlagSet("init", pflag.ContinueOnError)
	force := flags.Bool("force", false, "overwrite an existing "+config.FileName)
	flags.Usage = func() {
		fmt.Fprintf(flags.Output(), "Usage: tmpllint init [--force]\n\nWrites a commented %s with the default settings in the current directory.\n\nFlags:\n%s", config.FileName, flags.FlagUsages())
	}
	if code, ok := env.parseFlags(flags, args); !ok {
		return code
	}
	if flags.NArg() > 0 {
		return env.usageError("init takes no path; it writes %s in the current directory", config.FileName)
	}
	mode := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if *force {
		mode = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(config.FileName, mode, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return env.usageError("%s already exists; use --force to overwrite it", config.FileName)
	}
	if err != nil {
		return env.usageError("writing %s: %v", config.FileName, readError(err))
	}
	_, err = f.WriteString(config.Starter)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return env.usageError("writing %s: %v", config.FileName, readError(err))
	}
	fmt.Fprintf(env.stdout, "Wrote %s; it applies to the templates in this directory and below.\n", config.FileName)
	return exitOK
}
