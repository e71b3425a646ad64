// Package config reads .tmpllint.yaml, a repository's settings for
// tmpllint, and finds the file that applies to a template.
//
// A file looks like this (every key is optional):
//
//	fail-level: warning            # info, warning or error
//	widget-version: "7.14"         # the Sign-In Widget version the files run against
//	disable: [OIE003]              # rule IDs or names
//	enable: []                     # switch rules back on
//	severity: {OIE002: warning}    # report a rule at another level
//	ignore: ["vendor/**"]          # skipped when a directory is walked
//	overrides:                     # settings for some files, in order
//	  - files: ["legacy/**"]
//	    disable: [complete-login-callback]
//	    severity: {OIE001: warning}
//
// Globs are relative to the file's directory (see Glob). The file that
// applies to a template is the nearest one from the template's directory up
// to the repository root (see Find); files are not merged.
//
// The package knows rules only by name: Parse takes a Resolver, so that it
// depends on the engine (package lint) and not on the rule set.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/tmpllint/tmpllint/internal/lazy"
	"github.com/tmpllint/tmpllint/internal/oserr"
	"github.com/tmpllint/tmpllint/lint"
	"go.yaml.in/yaml/v3"
)

// FileName is the name of a configuration file.
const FileName = ".tmpllint.yaml"

// Resolver returns the ID of the rule with the given ID or name, and false
// when there is no such rule.
type Resolver func(idOrName string) (id string, ok bool)

// Config is one configuration file.
type Config struct {
	// Path is the file's name as it was given to Load or Parse.
	Path string
	// Dir is the absolute directory that globs are relative to: the file's.
	Dir string
	// RuleSet holds the top-level disable, enable and severity settings.
	RuleSet
	// FailLevel is the lowest severity that fails a run; 0 when not set.
	FailLevel lint.Severity
	// WidgetVersion is the Okta Sign-In Widget version the templates
	// target, e.g. "7.14"; "" when not set. It overrides what files say.
	WidgetVersion string
	// Ignore lists the files a directory walk skips.
	Ignore []Glob
	// Overrides apply, in order, to the files they match.
	Overrides []Override
}

// RuleSet is one layer of rule settings: rules to switch off, rules to
// switch back on, and severities. Rules are named by ID.
type RuleSet struct {
	Disable, Enable []string
	Severity        map[string]lint.Severity
}

// Override is a RuleSet for the files matching one of Files.
type Override struct {
	Files []Glob
	RuleSet
}

// Rules are the rule settings in force for one file: every layer applied
// in order, a later one winning.
type Rules struct {
	// Off holds the rules switched off (true) or explicitly back on
	// (false).
	Off map[string]bool
	// Severity maps a rule ID to the severity of all its findings.
	Severity map[string]lint.Severity
}

// Apply lays s over r: its disabled rules go off, then its enabled rules
// come back on, and its severities replace earlier ones.
func (r *Rules) Apply(s RuleSet) {
	if r.Off == nil {
		r.Off = map[string]bool{}
	}
	for _, id := range s.Disable {
		r.Off[id] = true
	}
	for _, id := range s.Enable {
		r.Off[id] = false
	}
	for id, sev := range s.Severity {
		if r.Severity == nil {
			r.Severity = map[string]lint.Severity{}
		}
		r.Severity[id] = sev
	}
}

// RulesFor returns the rule settings for the file at path (as the CLI was
// given it): the top level, then each override whose globs match. A nil
// Config has no settings.
func (c *Config) RulesFor(path string) Rules {
	var r Rules
	if c == nil {
		return r
	}
	r.Apply(c.RuleSet)
	rel, ok := c.Rel(path)
	for _, o := range c.Overrides {
		if ok && MatchAny(o.Files, rel) {
			r.Apply(o.RuleSet)
		}
	}
	return r
}

// Ignored reports whether a directory walk skips the file at path.
func (c *Config) Ignored(path string) bool {
	if c == nil {
		return false
	}
	rel, ok := c.Rel(path)
	return ok && MatchAny(c.Ignore, rel)
}

// Rel returns path relative to the config's directory, with forward
// slashes; false when path is empty or outside that directory.
func (c *Config) Rel(path string) (string, bool) {
	if path == "" {
		return "", false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// Error is one problem in a configuration file. Line and Column are
// 1-based; 0 when unknown.
type Error struct {
	Path         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Errors are all the problems found in one file, in line order.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Load reads and parses the file at path.
func Load(path string, resolve Resolver) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Errors{{Path: path, Msg: oserr.Cause(err).Error()}}
	}
	return Parse(path, data, resolve)
}

// rawFile is a file as YAML decodes it. Decoding with KnownFields makes
// every key that is not a field an error; the values stay nodes, read by
// parser so that each problem names its line and column.
type rawFile struct {
	FailLevel     yaml.Node     `yaml:"fail-level"`
	WidgetVersion yaml.Node     `yaml:"widget-version"`
	Disable       yaml.Node     `yaml:"disable"`
	Enable        yaml.Node     `yaml:"enable"`
	Severity      yaml.Node     `yaml:"severity"`
	Ignore        yaml.Node     `yaml:"ignore"`
	Overrides     []rawOverride `yaml:"overrides"`
}

type rawOverride struct {
	Files    yaml.Node `yaml:"files"`
	Disable  yaml.Node `yaml:"disable"`
	Enable   yaml.Node `yaml:"enable"`
	Severity yaml.Node `yaml:"severity"`
}

const (
	fileKeys     = "fail-level, widget-version, disable, enable, severity, ignore, overrides"
	overrideKeys = "files, disable, enable, severity"
)

// Parse reads a configuration file's content; path names it in errors and
// sets Dir. The error is an Errors listing every problem found.
func Parse(path string, data []byte, resolve Resolver) (*Config, error) {
	p := &parser{path: path, resolve: resolve}
	c := &Config{Path: path, Dir: filepath.Dir(path)}
	if abs, err := filepath.Abs(path); err == nil {
		c.Dir = filepath.Dir(abs)
	}
	var raw rawFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(&raw)
	var typeErr *yaml.TypeError
	switch {
	case err == io.EOF: // empty, or only comments: the defaults
		return c, nil
	case errors.As(err, &typeErr):
		// The rest was decoded: report its problems too.
		for _, msg := range typeErr.Errors {
			p.library(msg)
		}
	case err != nil:
		p.library(err.Error())
		return nil, p.errs
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.at(&extra, "a second YAML document; keep one")
	} else if err != io.EOF {
		p.library(err.Error())
	}

	if sev, ok := p.severity(&raw.FailLevel); ok {
		c.FailLevel = sev
	}
	if n := value(&raw.WidgetVersion); n != nil {
		if n.Kind != yaml.ScalarNode {
			p.at(n, "widget-version must be a version, like \"7.14\"")
		} else if err := CheckWidgetVersion(n.Value); err != nil {
			p.at(n, "widget-version: %v", err)
		} else {
			c.WidgetVersion = n.Value
		}
	}
	c.RuleSet = p.ruleSet(&raw.Disable, &raw.Enable, &raw.Severity)
	c.Ignore = p.globs("ignore", &raw.Ignore)
	overrideNodes := p.overrideNodes(data, len(raw.Overrides))
	for i := range raw.Overrides {
		ro := &raw.Overrides[i]
		o := Override{Files: p.globs("files", &ro.Files), RuleSet: p.ruleSet(&ro.Disable, &ro.Enable, &ro.Severity)}
		if len(o.Files) == 0 && value(&ro.Files) == nil {
			p.at(overrideNodes[i], "override %d has no files; give it globs, like files: [\"legacy/**\"]", i+1)
		}
		c.Overrides = append(c.Overrides, o)
	}
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool {
			a, b := p.errs[i], p.errs[j]
			return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
		})
		return nil, p.errs
	}
	return c, nil
}

// parser collects the problems of one file.
type parser struct {
	path    string
	resolve Resolver
	errs    Errors
}

func (p *parser) at(n *yaml.Node, format string, args ...any) {
	e := &Error{Path: p.path, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	p.errs = append(p.errs, e)
}

// The YAML decoder's messages, read only when a configuration file has an
// error: compiled then, not at every start.
var (
	libraryLine     = lazy.Regexp("config.libraryLine", `^(?:yaml: )?line (\d+): (.*)$`)
	unknownField    = lazy.Regexp("config.unknownField", `^field (.+) not found in type config\.(rawFile|rawOverride)$`)
	cannotUnmarshal = lazy.Regexp("config.cannotUnmarshal", `^cannot unmarshal !!\w+(?: .*)? into (\S+)$`)
)

// library turns a message of the YAML decoder ("line 3: field x not found
// in type config.rawFile") into an Error that names the line and the key
// as the file spells it. A message it does not know is kept as it is.
func (p *parser) library(msg string) {
	e := &Error{Path: p.path, Msg: strings.TrimPrefix(msg, "yaml: ")}
	if m := libraryLine().FindStringSubmatch(msg); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		e.Msg = m[2]
	}
	if m := unknownField().FindStringSubmatch(e.Msg); m != nil {
		if m[2] == "rawFile" {
			e.Msg = fmt.Sprintf("unknown key %q; the keys are %s", m[1], fileKeys)
		} else {
			e.Msg = fmt.Sprintf("unknown key %q in an override; its keys are %s", m[1], overrideKeys)
		}
	} else if m := cannotUnmarshal().FindStringSubmatch(e.Msg); m != nil {
		switch m[1] {
		case "config.rawFile":
			e.Msg = "the file must be a mapping of settings, like \"disable: [OIE003]\""
		case "[]config.rawOverride":
			e.Msg = "overrides must be a list, like [{files: [\"legacy/**\"], disable: [OIE003]}]"
		case "config.rawOverride":
			e.Msg = "an override must be a mapping, like {files: [\"legacy/**\"], disable: [OIE003]}"
		}
	}
	p.errs = append(p.errs, e)
}

// value returns the node a key holds, following an alias; nil when the key
// is absent or null.
func value(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || n.Kind == 0 || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return nil
	}
	return n
}

// severity reads a scalar severity; false when absent or bad (reported).
func (p *parser) severity(n *yaml.Node) (lint.Severity, bool) {
	n = value(n)
	if n == nil {
		return 0, false
	}
	if n.Kind != yaml.ScalarNode {
		p.at(n, "want a severity: info, warning or error")
		return 0, false
	}
	sev, err := lint.ParseSeverity(n.Value)
	if err != nil {
		p.at(n, "%v", err)
		return 0, false
	}
	return sev, true
}

// rule resolves a scalar rule ID or name; false when bad (reported).
func (p *parser) rule(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		p.at(n, "want a rule ID or name, like OIE003 or complete-login-callback")
		return "", false
	}
	id, ok := p.resolve(n.Value)
	if !ok {
		p.at(n, "unknown rule %q (tmpllint rules lists them)", n.Value)
	}
	return id, ok
}

// ruleList reads a list of rule IDs or names, returning IDs in order
// without repeats and the node of each.
func (p *parser) ruleList(key string, n *yaml.Node) ([]string, map[string]*yaml.Node) {
	n = value(n)
	if n == nil {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		p.at(n, "%s must be a list of rule IDs or names, like [OIE003, no-session-token]", key)
		return nil, nil
	}
	var ids []string
	nodes := map[string]*yaml.Node{}
	for _, item := range n.Content {
		item = value(item)
		if item == nil {
			continue
		}
		if id, ok := p.rule(item); ok && nodes[id] == nil {
			ids = append(ids, id)
			nodes[id] = item
		}
	}
	return ids, nodes
}

// ruleSet reads one block's disable, enable and severity. A rule may not
// be both disabled and enabled in the same block.
func (p *parser) ruleSet(disable, enable, severity *yaml.Node) RuleSet {
	var s RuleSet
	var off map[string]*yaml.Node
	s.Disable, off = p.ruleList("disable", disable)
	var on map[string]*yaml.Node
	s.Enable, on = p.ruleList("enable", enable)
	for _, id := range s.Enable {
		if d := off[id]; d != nil {
			p.at(on[id], "%s is also in disable (line %d); keep it in one list", id, d.Line)
		}
	}
	n := value(severity)
	if n == nil {
		return s
	}
	if n.Kind != yaml.MappingNode {
		p.at(n, "severity must map rules to severities, like {OIE003: error}")
		return s
	}
	s.Severity = map[string]lint.Severity{}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		id, ok := p.rule(k)
		if !ok {
			continue
		}
		if prev := seen[id]; prev != nil {
			as := ""
			if prev.Value != k.Value {
				as = " (as " + prev.Value + ")"
			}
			p.at(k, "%s already has a severity on line %d%s", k.Value, prev.Line, as)
			continue
		}
		seen[id] = k
		if sev, ok := p.severity(v); ok {
			s.Severity[id] = sev
		} else if value(v) == nil {
			p.at(k, "%s has no severity; want info, warning or error", id)
		}
	}
	return s
}

// globs reads a list of globs.
func (p *parser) globs(key string, n *yaml.Node) []Glob {
	n = value(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.at(n, "%s must be a list of globs, like [\"legacy/**\"]", key)
		return nil
	}
	var out []Glob
	for _, item := range n.Content {
		item = value(item)
		if item == nil {
			continue
		}
		if item.Kind != yaml.ScalarNode {
			p.at(item, "want a glob, like \"legacy/**\"")
			continue
		}
		g, err := CompileGlob(item.Value)
		if err != nil {
			p.at(item, "%v", err)
			continue
		}
		out = append(out, g)
	}
	return out
}

// overrideNodes returns the node of each override, for positions. The
// file decoded once already, so decoding it again cannot fail.
func (p *parser) overrideNodes(data []byte, count int) []*yaml.Node {
	nodes := make([]*yaml.Node, count)
	var doc struct {
		Overrides []yaml.Node `yaml:"overrides"`
	}
	_ = yaml.Unmarshal(data, &doc)
	for i := range min(count, len(doc.Overrides)) {
		nodes[i] = &doc.Overrides[i]
	}
	return nodes
}

// CheckWidgetVersion accepts a version like 7, 7.14 or 7.14.2, or a range
// such as Okta's widgetVersion ^7 or an npm range (>=6.9 <7): rules check
// against its lowest version (lint.ParseVersionRange).
func CheckWidgetVersion(v string) error {
	if _, ok := lint.ParseVersionRange(v); !ok {
		return fmt.Errorf("%q is not a version; want one like 7.14, 7.14.2 or ^7", v)
	}
	return nil
}
