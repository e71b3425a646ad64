//go:build !unix

package linter

import "os"

// processGone cannot tell here whether a process runs, so a temporary
// file left by a killed fix stays; see tempfiles.go.
func processGone(pid int) bool { return false }

// openNonBlocking opens a file for reading.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
