package lazy

import (
	"slices"
	"sync"
	"testing"
)

func TestValueBuildsOnceOnFirstUse(t *testing.T) {
	calls := 0
	v := Value("lazy.test", func() []int { calls++; return []int{calls} })
	if slices.Contains(Built(), "lazy.test") || calls != 0 {
		t.Fatalf("built before first use: calls %d, Built %v", calls, Built())
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := v(); len(got) != 1 || got[0] != 1 {
				t.Errorf("v() = %v, want [1]", got)
			}
		}()
	}
	wg.Wait()
	if calls != 1 {
		t.Errorf("build ran %d times, want 1", calls)
	}
	if n := count(Built(), "lazy.test"); n != 1 {
		t.Errorf("Built() names lazy.test %d times, want 1: %v", n, Built())
	}
}

func TestRegexp(t *testing.T) {
	re := Regexp("lazy.testRegexp", `^a+$`)
	if slices.Contains(Built(), "lazy.testRegexp") {
		t.Fatal("compiled before first use")
	}
	if !re().MatchString("aaa") || re().MatchString("ab") {
		t.Errorf("%s matches wrongly", re())
	}
	if re() != re() {
		t.Error("compiled twice")
	}
	if !slices.Contains(Built(), "lazy.testRegexp") {
		t.Errorf("Built() = %v, want lazy.testRegexp in it", Built())
	}
}

func TestRegexpPanicsOnFirstUse(t *testing.T) {
	re := Regexp("lazy.testBad", `(`)
	defer func() {
		if recover() == nil {
			t.Error("no panic for an invalid expression")
		}
	}()
	re()
}

func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}
