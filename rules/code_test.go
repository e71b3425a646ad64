package rules

import (
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
				start, end := byteSpan(s, lit)
				if got, want := code[start:end], code[4:len(code)-1]; got != want {
					t.Errorf("%s: span %q, want %q", code, got, want)
				}
			}
		}
	}
}
