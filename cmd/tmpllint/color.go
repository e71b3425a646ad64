package main

import (
	"fmt"
	"io"
	"os"
)

// useColor decides --color: "always", "never", or "auto", which colors only
// a terminal, and never when NO_COLOR is set (https://no-color.org) or
// TERM is "dumb".
func useColor(mode string, out io.Writer, getenv func(string) string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
			return false, nil
		}
		f, ok := out.(*os.File)
		if !ok {
			return false, nil
		}
		info, err := f.Stat()
		return err == nil && info.Mode()&os.ModeCharDevice != 0, nil
	}
	return false, fmt.Errorf("unknown mode %q (want auto, always or never)", mode)
}
