package config

// Starter is the file `tmpllint init` writes: every setting at its
// default, with an example of each in a comment.
const Starter = `# tmpllint configuration. It applies to the templates in this directory and
# below, except where a nearer .tmpllint.yaml takes over (files are not merged).
# Flags on the command line win over it. See "Configuration" in tmpllint's README.

# Lowest severity that makes tmpllint check exit 1: info, warning or error.
fail-level: warning

# Rules to switch off, and to switch back on, by ID or name (tmpllint rules
# lists them), e.g. disable: [OIE003]
disable: []
enable: []

# Report a rule's findings at another severity, e.g. {OIE003: error}
severity: {}

# The Okta Sign-In Widget version the files run against; overrides the widget's
# script src and package.json.
# widget-version: "7.14"

# Files to skip when a directory is walked, relative to this file's directory;
# ** matches any number of directories. A file named on the command line is
# still linted. e.g. ignore: ["vendor/**", "**/*.generated.html"]
ignore: []

# Settings for some files only (globs as for ignore), applied in order after
# the ones above.
# overrides:
#   - files: ["legacy/**"]
#     disable: [complete-login-callback]
#     severity: {OIE001: warning}
`
