package jsscan

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Lang is the kind of file being scanned: which syntax surrounds the
// JavaScript, and which template tags may be mixed into it.
type Lang uint8

// File kinds. The zero value is an HTML template.
const (
	LangHTML Lang = iota // .html .htm .hbs .handlebars .mustache: HTML with Mustache tags
	LangEJS              // .ejs: HTML with <% %> tags
	LangVue              // .vue: a single-file component; its <script> blocks are the code
	LangJS               // .js .mjs .cjs: JavaScript, JSX allowed (React code often lives in .js)
	LangJSX              // .jsx
	LangTS               // .ts .mts .cts: TypeScript, where <T> is a type, never JSX
	LangTSX              // .tsx
)

var langNames = [...]string{"html", "ejs", "vue", "js", "jsx", "ts", "tsx"}

func (l Lang) String() string {
	if int(l) < len(langNames) {
		return langNames[l]
	}
	return "unknown"
}

// Langs lists every file kind, in order.
func Langs() []Lang { return []Lang{LangHTML, LangEJS, LangVue, LangJS, LangJSX, LangTS, LangTSX} }

// IsScript reports whether a file of this kind is code as a whole, not
// markup holding code.
func (l Lang) IsScript() bool { return l >= LangJS }

// IsMarkup reports whether the file is HTML-like: a page whose inline
// <script> elements hold the code (HTML, EJS, Vue).
func (l Lang) IsMarkup() bool { return !l.IsScript() }

var langByExt = map[string]Lang{
	".html": LangHTML, ".htm": LangHTML, ".hbs": LangHTML, ".handlebars": LangHTML, ".mustache": LangHTML,
	".ejs": LangEJS,
	".vue": LangVue,
	".js":  LangJS, ".mjs": LangJS, ".cjs": LangJS,
	".jsx": LangJSX,
	".ts":  LangTS, ".mts": LangTS, ".cts": LangTS,
	".tsx": LangTSX,
}

// LangOf returns the file kind a path's extension names (ignoring case),
// and false for an extension tmpllint does not read.
func LangOf(path string) (Lang, bool) {
	l, ok := langByExt[strings.ToLower(filepath.Ext(path))]
	return l, ok
}

// Extensions returns the file extensions LangOf knows, with their dot.
func Extensions() []string {
	exts := make([]string, 0, len(langByExt))
	for ext := range langByExt {
		exts = append(exts, ext)
	}
	return exts
}

// Scan reads src as a file of kind lang. A script file (.js, .ts, ...)
// that starts with markup, such as an HTML fragment saved as .js, is read
// as HTML; Document.Lang says which reading was used. Like ScanHTML, Scan
// fails only on binary content.
func Scan(src []byte, lang Lang) (*Document, error) {
	if lang.IsScript() && startsWithMarkup(src) {
		lang = LangHTML
	}
	if !lang.IsScript() {
		return scanMarkup(src, lang)
	}
	if looksBinary(src) {
		return nil, ErrBinary
	}
	doc := &Document{Src: src, Lang: lang}
	doc.Scripts = []*Script{ScanScript(src, 0, nil, nil)}
	return doc, nil
}

// startsWithMarkup reports whether the first significant bytes (after a
// byte order mark and white space) open an HTML tag, a comment or a
// doctype: "<script", "<!--", "<div" and the like. JavaScript cannot start
// with '<' followed by a letter or '!' unless it is JSX, and a JSX file
// starting with an element (not an import) is not worth guessing about.
func startsWithMarkup(src []byte) bool {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	src = bytes.TrimLeft(src, " \t\r\n\f")
	if len(src) < 2 || src[0] != '<' {
		return false
	}
	c := src[1]
	return c == '!' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}
