package oserr

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"
)

func TestCause(t *testing.T) {
	for _, tt := range []struct {
		err, want error
	}{
		{&fs.PathError{Op: "open", Path: "/a/.b.tmp", Err: fs.ErrPermission}, fs.ErrPermission},
		{fmt.Errorf("reading: %w", &fs.PathError{Op: "read", Path: "x", Err: fs.ErrNotExist}), fs.ErrNotExist},
		{&os.LinkError{Op: "rename", Old: "a", New: "b", Err: fs.ErrExist}, fs.ErrExist},
		{errors.New("plain"), nil},
	} {
		got := Cause(tt.err)
		if tt.want == nil {
			tt.want = tt.err
		}
		if got != tt.want {
			t.Errorf("Cause(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
