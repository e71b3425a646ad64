// Package rules holds tmpllint's rules, one file each, and the registry
// that lists them. Each rule is a *lint.Rule with its ID, name, default
// severity, documentation and examples; docs_test.go lints every example, so
// the documentation cannot drift from what the rule does.
//
// Rules read JavaScript as the token stream of package jsscan: positions come
// from tokens, and structure (calls, arguments, function bodies, object
// patterns) from bracket matching, which still works on scripts that do not
// parse. code.go has the shared token helpers.
package rules
