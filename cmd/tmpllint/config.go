package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/pflag"
	"github.com/tmpllint/tmpllint/config"
	"github.com/tmpllint/tmpllint/internal/oserr"
)

// Configuration: each template gets the settings of the nearest
// .tmpllint.yaml (package config), with the flags laid over them; package
// linter works them out.

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
		return env.usageError("writing %s: %v", config.FileName, oserr.Cause(err))
	}
	_, err = f.WriteString(config.Starter)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return env.usageError("writing %s: %v", config.FileName, oserr.Cause(err))
	}
	fmt.Fprintf(env.stdout, "Wrote %s; it applies to the templates in this directory and below.\n", config.FileName)
	return exitOK
}
