package linter

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tmpllint/tmpllint/internal/oserr"
	"github.com/tmpllint/tmpllint/jsscan"
	"github.com/tmpllint/tmpllint/report"
)

// MaxFileSize bounds what is read into memory. Real templates are a few
// kilobytes; Okta's editor rejects anything near this.
const MaxFileSize = 64 << 20

// skippedDirs are never walked into: version control, installed
// dependencies and build output (which repeats the findings of its
// sources, minified).
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true,
	"node_modules": true, "bower_components": true, "vendor": true,
	"dist": true, "build": true, ".next": true, ".nuxt": true, ".svelte-kit": true, "coverage": true,
	".terraform": true,
}

// Walked reports whether a directory walk lints the file at rel, a
// slash-separated path below the walked directory: a kind tmpllint reads,
// and in no directory a walk skips. (An export, .json or .tf, is linted
// when its content is one.)
func Walked(rel string) bool {
	dirs := strings.Split(rel, "/")
	for _, dir := range dirs[:len(dirs)-1] {
		if skippedDirs[dir] {
			return false
		}
	}
	return walkable(rel)
}

// walkable reports whether a directory walk lints the file at path: a kind
// tmpllint reads (jsscan.LangOf), except files that are not the project's
// own code: minified bundles, TypeScript declarations, and the Sign-In
// Widget's own bundles (okta-sign-in.min.js defines the very methods the
// rules look for). A file named on the command line is always linted.
func walkable(path string) bool {
	if _, ok := jsscan.LangOf(path); !ok {
		return false
	}
	base := strings.ToLower(filepath.Base(path))
	for _, suffix := range []string{".min.js", ".min.mjs", ".d.ts", ".d.mts", ".d.cts"} {
		if strings.HasSuffix(base, suffix) {
			return false
		}
	}
	return !(strings.HasPrefix(base, "okta-sign-in") && strings.HasSuffix(base, ".js"))
}

// collectInputs expands directories into the files below them that
// tmpllint reads (see walkable). A file named explicitly is linted whatever
// its extension: the user asked; an unknown extension is read as HTML.
// Anything named that is not a regular file or a directory (a FIFO, a
// device) is refused before it is opened: reading it could block forever
// or never end.
//
// A walk follows no symbolic link: a link could lead out of the tree or
// round in a loop. It says on stderr which links it skipped, and says so
// when a directory holds nothing to lint.
//
// A file named twice, or named and found by a walk, is linted once (and
// fixed once), under the first name it came by.
func (l *Linter) collectInputs(paths []string) (inputs []string, errs []report.File) {
	seen := map[string]bool{}
	add := func(path string) {
		key := filepath.Clean(path)
		if abs, err := filepath.Abs(path); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			inputs = append(inputs, path)
		}
	}
	for _, p := range paths {
		if p == "-" {
			if !seen["-"] { // standard input can be read once
				seen["-"] = true
				inputs = append(inputs, p)
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, report.File{Name: p, Err: oserr.Cause(err)})
			continue
		}
		if !info.IsDir() {
			if err := regularFile(info); err != nil {
				errs = append(errs, report.File{Name: p, Err: err})
				continue
			}
			add(p)
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, report.File{Name: path, Err: oserr.Cause(err)})
				return nil
			}
			if d.IsDir() {
				if path != p && skippedDirs[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				fmt.Fprintf(l.s.Stderr, "tmpllint: %s: skipped, a symbolic link (a walk follows none; name it to lint it)\n", report.DisplayName(path))
				return nil
			}
			if (walkable(path) || walkableExport(path)) && d.Type().IsRegular() {
				found++
				add(path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, report.File{Name: p, Err: err})
		}
		if found == 0 {
			fmt.Fprintf(l.s.Stderr, "tmpllint: %s: no files to lint (%s)\n", report.DisplayName(p), walkedKinds())
		}
	}
	return inputs, errs
}

// walkedKinds says which files a walk lints, for the note on a directory
// without any; built then, not at every start.
func walkedKinds() string {
	return "a walk reads " + strings.Join(jsscan.Extensions(), " ") + " files"
}

// regularFile refuses what is neither a regular file nor a directory, and
// says what it is.
func regularFile(info fs.FileInfo) error {
	mode := info.Mode()
	switch {
	case mode.IsRegular() || mode.IsDir():
		return nil
	case mode&fs.ModeNamedPipe != 0:
		return errors.New("a named pipe (FIFO), not a regular file; not read (pipe it to - instead)")
	case mode&fs.ModeDevice != 0:
		return errors.New("a device, not a regular file; not read")
	case mode&fs.ModeSocket != 0:
		return errors.New("a socket, not a regular file; not read")
	}
	return errors.New("not a regular file; not read")
}

// inputPath is the path an input's file kind and package.json are found
// from: the file itself, or for standard input the --stdin-filename.
func inputPath(path, stdinName string) string {
	if path == "-" && stdinName != "" {
		return stdinName
	}
	return path
}

// ReadFile reads a regular file, refusing to swallow a huge one whole; it
// is how the linter reads every input, and what a Settings.RunView pre-pass
// should read with.
//
// It checks the file's mode before opening (a FIFO would block the open)
// and again on the open file, which is opened non-blocking: a file
// swapped for a FIFO in between does not hang the run either.
func ReadFile(path string) ([]byte, error) {
	return readFile(path, nil, false)
}

// readFile is ReadFile into buf when the file fits in its capacity. When
// regular is set, the caller saw the path as a regular file already (a
// walk's directory entry, a named file's Stat), and the check before
// opening is skipped: the open is non-blocking and the open file is
// checked, as in ReadFile.
func readFile(path string, buf []byte, regular bool) ([]byte, error) {
	if !regular {
		if info, err := os.Stat(path); err != nil {
			return nil, err
		} else if err := regularFile(info); err != nil {
			return nil, err
		}
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, errors.New("is a directory")
	}
	if err := regularFile(info); err != nil {
		return nil, err
	}
	if info.Size() > MaxFileSize {
		return nil, errTooLarge
	}
	// One buffer of the file's size (and room to see the end), where
	// io.ReadAll would grow and copy its buffer many times over.
	if need := int(info.Size()) + bytes.MinRead; cap(buf) < need {
		buf = make([]byte, 0, need)
	}
	b := bytes.NewBuffer(buf[:0])
	if _, err := b.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, err
	}
	if b.Len() > MaxFileSize {
		return nil, errTooLarge
	}
	return b.Bytes(), nil
}

var errTooLarge = fmt.Errorf("larger than %d MiB; not a sign-in template", MaxFileSize>>20)

// readLimited reads at most MaxFileSize bytes, and fails rather than
// truncate: a file can grow after Stat, and standard input has no size.
func readLimited(r io.Reader) ([]byte, error) {
	content, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err == nil && len(content) > MaxFileSize {
		return nil, errTooLarge
	}
	return content, err
}
