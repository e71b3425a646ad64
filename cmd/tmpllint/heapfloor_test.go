package main

import "testing"

// The heap floor is set unless the user tunes the collector.
func TestSetHeapFloor(t *testing.T) {
	defer func() { gcFloor = nil }()
	for _, tc := range []struct {
		env  map[string]string
		want int
	}{
		{nil, heapFloor},
		{map[string]string{"GOGC": "100"}, 0},
		{map[string]string{"GOGC": "off"}, 0},
		{map[string]string{"GOMEMLIMIT": "1GiB"}, 0},
	} {
		gcFloor = nil
		setHeapFloor(func(k string) string { return tc.env[k] })
		if len(gcFloor) != tc.want {
			t.Errorf("%v: floor of %d bytes, want %d", tc.env, len(gcFloor), tc.want)
		}
	}
}
