//go:build unix

package linter

import (
	"errors"
	"os"
	"syscall"
)

// processGone reports whether no process with this ID runs.
func processGone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// openNonBlocking opens a file for reading without waiting for a writer,
// should it be a FIFO after all.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
