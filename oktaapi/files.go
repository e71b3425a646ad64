package oktaapi

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tmpllint/tmpllint/internal/lazy"
	"github.com/tmpllint/tmpllint/internal/oserr"
)

// maxNameBytes bounds a folder name: file systems allow 255 bytes, and the
// collision suffix needs room.
const maxNameBytes = 100

// windowsReserved are the device names Windows refuses as a file name, with
// or without an extension, in any case. Only pull names folders, so the
// table is built on first use.
var windowsReserved = lazy.Value("oktaapi.windowsReserved", func() map[string]bool {
	names := map[string]bool{
		"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true,
	}
	for _, d := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"} {
		names["COM"+d] = true
		names["LPT"+d] = true
	}
	return names
})

// SafeName turns a brand name into a folder name every common file system
// accepts as written: characters Windows forbids (< > : " / \ | ? *) and
// control characters become "_", as does a leading dot (no hidden folders,
// no "." or ".."); leading spaces and trailing dots and spaces go (Windows
// drops them); a Windows device name (CON, NUL, COM1, ... also as
// "con.txt") gets a "_" in front; the result is at most 100 bytes, cut on a
// character boundary; an empty result is "brand".
func SafeName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(name, "\uFFFD") {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0), r == utf8.RuneError:
			b.WriteByte('_')
		case strings.ContainsRune(`<>:"/\|?*`, r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	s := trimName(b.String())
	if len(s) > maxNameBytes {
		s = trimName(cut(s, maxNameBytes))
	}
	if s == "" {
		return "brand"
	}
	if s[0] == '.' {
		s = "_" + s[1:]
	}
	base, _, _ := strings.Cut(s, ".")
	if windowsReserved()[strings.ToUpper(strings.TrimRight(base, " "))] {
		s = "_" + s
	}
	return s
}

func trimName(s string) string {
	return strings.TrimRight(strings.TrimLeft(s, " "), ". ")
}

// cut shortens s to at most n bytes without splitting a character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// fold is the key two folder names collide on: case-insensitive file
// systems (Windows, macOS) treat "Acme" and "ACME" as one folder.
func fold(s string) string { return strings.ToLower(strings.ToUpper(s)) }

// DirNames gives each brand, by ID, its folder name: SafeName of its name
// (of its ID when the name is empty). Brands whose safe names collide, also
// only in case, all get "-" and their safe ID appended, so which brand gets
// the plain name never depends on the order the API lists them in. Should a
// suffixed name still collide (a brand named like another's suffixed name),
// "-2", "-3", ... follow in ID order. The result is the same for the same
// set of brands.
func DirNames(brands []Brand) map[string]string {
	base := map[string]string{}
	count := map[string]int{}
	for _, b := range brands {
		if _, dup := base[b.ID]; dup {
			continue
		}
		name := b.Name
		if strings.TrimSpace(name) == "" {
			name = b.ID
		}
		base[b.ID] = SafeName(name)
		count[fold(base[b.ID])]++
	}
	ids := make([]string, 0, len(base))
	for id := range base {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	want := map[string]string{}
	for _, id := range ids {
		name := base[id]
		if count[fold(name)] > 1 {
			name = cut(name, max(0, maxNameBytes-1-len(SafeName(id)))) + "-" + SafeName(id)
		}
		want[id] = name
	}
	// Plain names first, so that a suffixed name never takes one.
	slices.SortStableFunc(ids, func(a, b string) int {
		return boolInt(want[a] != base[a]) - boolInt(want[b] != base[b])
	})
	used := map[string]bool{}
	out := map[string]string{}
	for _, id := range ids {
		name := want[id]
		for n := 2; used[fold(name)]; n++ {
			suffix := "-" + strconv.Itoa(n)
			name = cut(want[id], maxNameBytes-len(suffix)) + suffix
		}
		used[fold(name)] = true
		out[id] = name
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// WriteFile writes data to dir/name through a temporary file in dir and a
// rename, so a reader (or a crash) sees the old file or the new one, never
// part of one. dir is created if needed.
func WriteFile(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return oserr.Cause(err)
	}
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return oserr.Cause(err)
	}
	defer os.Remove(tmp.Name()) // nothing left to remove after the rename
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
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
	return oserr.Cause(os.Rename(tmp.Name(), filepath.Join(dir, name)))
}

// RemoveFile removes dir/name if it exists: the file of a page an earlier
// pull wrote and the org no longer has, which would otherwise be audited as
// if it were live.
func RemoveFile(dir, name string) (removed bool, err error) {
	err = os.Remove(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, oserr.Cause(err)
}
