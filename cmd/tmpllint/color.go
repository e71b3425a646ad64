package main

import (
	"fmt"
	"io"
	"os"

	"github.com/tmpllint/tmpllint/lint"
)

// palette colors text output, or leaves it plain. ANSI SGR codes only: every
// terminal a linter runs in understands them.
type palette struct{ on bool }

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
)

func (p palette) paint(code, text string) string {
	if !p.on || text == "" {
		return text
	}
	return code + text + ansiReset
}

func (p palette) bold(text string) string { return p.paint(ansiBold, text) }
func (p palette) dim(text string) string  { return p.paint(ansiDim, text) }

// severity paints text in the color of a severity.
func (p palette) severity(s lint.Severity, text string) string {
	switch s {
	case lint.Error:
		return p.paint(ansiRed, text)
	case lint.Warning:
		return p.paint(ansiYellow, text)
	}
	return p.paint(ansiCyan, text)
}

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
