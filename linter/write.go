package linter

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tmpllint/tmpllint/internal/oserr"
)

// refuseWrite says why fix would not write path, or returns nil. The
// in-place fix and --diff both ask it, so a diff never shows a change the
// fix would refuse to make. A symbolic link is refused: rename would
// replace the link with a file. A file without write permission is
// refused: rename would bypass the permission.
func refuseWrite(path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return oserr.Cause(err)
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return errors.New("a symbolic link; not written (fix the file it points to by its own name)")
	case !info.Mode().IsRegular():
		return errors.New("not a regular file; not written")
	case info.Mode().Perm()&0o200 == 0:
		return errors.New("file is read-only; not written")
	}
	return nil
}

// diffPath names a file in a diff header so that the diff applies where a
// user applies it: relative to the root of the git work tree that holds
// the file, as git diff does (git apply and patch -p1 from the root);
// outside a work tree, relative to the current directory; outside both,
// the absolute path without its leading slash (patch -p1 from /).
func diffPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	if root := gitRoot(filepath.Dir(abs)); root != "" {
		if rel, ok := within(root, abs); ok {
			return rel
		}
	}
	if cwd, err := os.Getwd(); err == nil {
		if rel, ok := within(cwd, abs); ok {
			return rel
		}
	}
	return strings.TrimPrefix(filepath.ToSlash(abs), "/")
}

// within returns path relative to dir, with forward slashes, when path is
// below dir.
func within(dir, path string) (string, bool) {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// gitRoot returns the nearest directory at or above dir that holds .git (a
// directory, or a file in a linked work tree or submodule), or "".
func gitRoot(dir string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// writeAtomic replaces path with content, through a temporary file in the
// same directory and a rename, so a crash leaves either the old or the new
// file, never half of one. It keeps the file's permissions, refuses what
// refuseWrite refuses, and refuses to write when the file changed since it
// was read: the user's edit wins.
//
// The temporary file is named .NAME.tmpllint-PID-N.tmp. An interrupt or
// SIGTERM removes it (see tempFiles); after SIGKILL it stays until the next
// fix that writes in that directory removes it (removeStaleTemps).
func writeAtomic(path string, original, content []byte) error {
	if err := refuseWrite(path); err != nil {
		return err
	}
	info, err := os.Lstat(path)
	if err != nil {
		return oserr.Cause(err)
	}
	current, err := os.ReadFile(path)
	if err != nil {
		return oserr.Cause(err)
	}
	if !bytes.Equal(current, original) {
		return errors.New("file changed since it was read; not written, run fix again")
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	removeStaleTemps(dir, base)
	tmp, err := tempFiles.create(dir, base)
	if err != nil {
		return fmt.Errorf("cannot write beside the file: %w", oserr.Cause(err))
	}
	defer tempFiles.remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err = tmp.Write(content); err == nil {
		err = tmp.Chmod(info.Mode().Perm())
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing: %w", oserr.Cause(err))
	}
	return tempFiles.rename(tmp.Name(), path)
}
