package jsmodel

import (
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/lint"
)

func TestIsObjectLiteral(t *testing.T) {
	// Each '{' in src is marked L (a literal) or N (not) in want, in order.
	tests := []struct{ src, want string }{
		{"var a = { b: { c: 1 } };", "LL"},
		{"f({ a }); function g({ a }) { } ({ a }) => a;", "LNNN"},
		{"const { a } = b; for (const { a } of b) {}", "NNN"},
		{"if (a) { x } else { y }", "NN"},
		{"class A { m() { return { a: 1 }; } }", "NNL"},
		{"export default { data() { return {} } }", "LNL"},
		{"x = [{ a: 1 }, { b: 2 }]", "LL"},
		{"function f(o: { a: number }): { b: string } { return { a: 1 } }", "NNNL"},
		{"if (check({ a: 1 })) { }", "LN"},
		{"a ? { b: 1 } : { c: 2 }", "LN"},
	}
	for _, tt := range tests {
		f, err := lint.Parse(lint.NewSource("a.ts", []byte(tt.src)))
		if err != nil {
			t.Fatal(err)
		}
		s := f.Doc.Scripts[0]
		m := Of(f)
		var got strings.Builder
		for i := range s.Tokens {
			if s.Is(i, "{") {
				if m.IsObjectLiteral(s, i) {
					got.WriteByte('L')
				} else {
					got.WriteByte('N')
				}
			}
		}
		if got.String() != tt.want {
			t.Errorf("%s: %s, want %s", tt.src, got.String(), tt.want)
		}
	}
}
