package rules

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tmpllint/tmpllint/jsscan"
)

// A long quote is shortened between characters, never inside one, so a
// message stays valid UTF-8 whatever the code holds.
func TestCodeTextCutsBetweenCharacters(t *testing.T) {
	for shift := 0; shift < 4; shift++ {
		code := "res.session.setCookieAndRedirect('" + strings.Repeat("a", shift) + strings.Repeat("é€", 40) + "')"
		s := jsscan.ScanScript([]byte(code), 0, nil, nil)
		got := codeText(s, 0, len(s.Tokens)-1)
		if !utf8.ValidString(got) || !strings.Contains(got, "…") {
			t.Errorf("shift %d: %q is not a valid shortened quote", shift, got)
		}
	}
}
