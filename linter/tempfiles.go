package linter

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// fix writes each file through a temporary file beside it and a rename
// (writeAtomic). The temporary files are named .NAME.tmpllint-PID-N.tmp so
// that they are recognisable and tell which process made them:
//
//   - an interrupt or SIGTERM removes the temporary files of the writes in
//     progress before the process exits, and no rename starts after it;
//   - SIGKILL cannot be caught: the next fix that writes a file of that
//     directory removes the temporary files of processes that no longer run.
//
// Either way a file is its old content or its new content, never a mix.

// tempFiles are the temporary files this process is writing.
var tempFiles = &tempRegistry{names: map[string]bool{}}

type tempRegistry struct {
	mu    sync.Mutex
	names map[string]bool
	n     int
}

// create makes a temporary file for target base in dir and records it.
func (t *tempRegistry) create(dir, base string) (*os.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for {
		t.n++
		name := filepath.Join(dir, fmt.Sprintf(".%s.tmpllint-%d-%d.tmp", base, os.Getpid(), t.n))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		t.names[name] = true
		return f, nil
	}
}

// rename moves a recorded temporary file onto path; a signal handler
// holding the lock waits for it, or it never starts.
func (t *tempRegistry) rename(name, path string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.names, name)
	return os.Rename(name, path)
}

// remove deletes a recorded temporary file if it is still there.
func (t *tempRegistry) remove(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.names[name] {
		delete(t.names, name)
		os.Remove(name)
	}
}

// RemoveTempFilesOnSignal makes an interrupt or SIGTERM remove the
// temporary files of the writes in progress before the process ends, as
// fix's writes promise (see writeAtomic). A command calls it once, at the
// start; a library user that handles signals itself does not.
func RemoveTempFilesOnSignal() { tempFiles.removeOnSignal() }

// removeOnSignal removes every temporary file on an interrupt or SIGTERM
// and ends the process with 128 plus the signal's number, as a shell
// reports a process killed by it. The lock is never released: no rename
// happens after the signal.
func (t *tempRegistry) removeOnSignal() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-ch
		t.mu.Lock()
		for name := range t.names {
			os.Remove(name)
		}
		code := 130
		if sig == syscall.SIGTERM {
			code = 143
		}
		os.Exit(code)
	}()
}

// removeStaleTemps removes the temporary files of target base in dir that
// a process killed with SIGKILL left behind: those whose process no longer
// runs. Another process's live temporary file is left alone.
func removeStaleTemps(dir, base string) {
	matches, _ := filepath.Glob(filepath.Join(dir, "."+escapeGlob(base)+".tmpllint-*-*.tmp"))
	for _, m := range matches {
		rest := strings.TrimPrefix(filepath.Base(m), "."+base+".tmpllint-")
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid == os.Getpid() {
			continue
		}
		if processGone(pid) {
			os.Remove(m)
		}
	}
}

// escapeGlob quotes the characters filepath.Match treats specially.
func escapeGlob(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
