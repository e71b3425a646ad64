package rules

import (
	"github.com/tmpllint/tmpllint/jsmodel"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/jsscan"
)

// The redirect URL in any piece of a template literal is reported over the
// whole literal, from backtick to backtick.
func TestTemplateLiteralSpan(t *testing.T) {
	for _, code := range []string{
		"u = `/login/sessionCookieRedirect?t=${a}&r=${f(`x${y}`)}`;",
		"u = `${a}/login/sessionCookieRedirect?t=${b}&r=${c}`;",
		"u = `${a}${b}/login/sessionCookieRedirect`;",
	} {
		s := jsscan.ScanScript([]byte(code), 0, nil, nil)
		for i, tok := range s.Tokens {
			if tok.Kind.IsLiteralText() && strings.Contains(s.Text(tok), "/login/sessionCookieRedirect") {
				lit := templateLiteral(s, i)
				start, end := jsmodel.ByteSpan(s, lit)
				if got, want := code[start:end], code[4:len(code)-1]; got != want {
					t.Errorf("%s: span %q, want %q", code, got, want)
				}
			}
		}
	}
}

// Commas inside template substitutions and nested brackets do not split
// call arguments.
func TestCallArgs(t *testing.T) {
	for code, want := range map[string]int{
		"f(`a${b, c}d${e, f}g`, h)": 2,
		"f(a, [b, c], {d: e, f}, )": 3,
		"f()":                       0,
		"f(function (a, b) {}, c)":  2,
	} {
		s := jsscan.ScanScript([]byte(code), 0, nil, nil)
		args, ok := jsmodel.CallArgs(s, 1)
		if !ok || len(args) != want {
			t.Errorf("%s: %d arguments (ok %v), want %d", code, len(args), ok, want)
		}
	}
}
