// Package oserr turns an error of the os package into what it says without
// the path: messages name the file the way the user gave it (or the
// baseline, the output folder), beside the cause, and never a temporary or
// absolute name the error happened to carry.
package oserr

import (
	"errors"
	"io/fs"
	"os"
)

// Cause returns the error a *fs.PathError or *os.LinkError wraps, or err
// itself: "permission denied", not "open /abs/.x.tmp: permission denied".
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
