package jsscan

// The scanner reads attacker-shaped input in a CI job, so its work must
// grow linearly with the input. Tests check that by counting work, not by
// timing it: a clock on a shared machine measures the neighbours too.
//
// workMeter, when a test sets it, adds up the bytes the scanner's own
// searches walk and the tokens it produces. It is nil otherwise, and the
// scanner then pays one nil check per search.
var workMeter *int

// searched notes a search over n bytes that returned k (-1: not found)
// and returns k. A found byte ends the walk there.
func searched(k, n int) int {
	if workMeter != nil {
		if k >= 0 {
			n = k + 1
		}
		*workMeter += n
	}
	return k
}

// worked notes n units of work: bytes read, tokens produced.
func worked(n int) {
	if workMeter != nil {
		*workMeter += n
	}
}

// CountWork runs f and returns the work jsscan did meanwhile: bytes its
// searches walked, tokens it produced, and tokens read through Script's
// Text, Bytes, Is and Match. It is for tests that check an analysis stays
// linear in its input without timing it. Calls must not overlap, and no
// other goroutine may use the package while f runs.
func CountWork(f func()) int {
	n := 0
	workMeter = &n
	defer func() { workMeter = nil }()
	f()
	return n
}
