package report

import "github.com/tmpllint/tmpllint/lint"

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
