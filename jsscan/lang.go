package jsscan

import (
	"bytes"
	"path/filepath"
	"sort"
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

var langByExt = map[string]Lang{
	".html": LangHTML, ".htm": LangHTML, ".hbs": LangHTML, ".handlebars": LangHTML, ".mustache": LangHTML,
	".ejs": LangEJS,
	".vue": LangVue,
	".js":  LangJS, ".mjs": LangJS, ".cjs": LangJS,
	".jsx": LangJSX,
	".ts":  LangTS, ".mts": LangTS, ".cts": LangTS,
	".tsx": LangTSX,
}

// Extensions lists the extensions LangOf knows, markup first, as a help
// text shows them.
func Extensions() []string {
	exts := make([]string, 0, len(langByExt))
	for ext := range langByExt {
		exts = append(exts, ext)
	}
	sort.Slice(exts, func(i, j int) bool {
		a, b := langByExt[exts[i]], langByExt[exts[j]]
		if a.IsScript() != b.IsScript() {
			return b.IsScript()
		}
		if a != b {
			return a < b
		}
		return exts[i] < exts[j]
	})
	return exts
}

// LangOf returns the file kind a path's extension names (ignoring case),
// and false for an extension tmpllint does not read.
func LangOf(path string) (Lang, bool) {
	l, ok := langByExt[strings.ToLower(filepath.Ext(path))]
	return l, ok
}

// Scan reads src as a file of kind lang. Like ScanHTML, Scan fails only on
// binary content.
//
// A markup file (HTML, EJS, Vue) is read as a page whose inline scripts
// are lexed. A script file is one Script, read with the options
// ScriptOptionsFor gives. A .js or .ts file that starts with markup, such
// as an HTML fragment saved as .js, is read as HTML; Document.Lang says
// which reading was used. A .jsx or .tsx file is always read as a script:
// there, a leading '<' is far more likely JSX than a page.
func Scan(src []byte, lang Lang) (*Document, error) {
	if (lang == LangJS || lang == LangTS) && startsWithMarkup(src) {
		lang = LangHTML
	}
	if !lang.IsScript() {
		return scanMarkup(src, lang)
	}
	if err := checkText(src); err != nil {
		return nil, err
	}
	doc := &Document{Src: src, Lang: lang}
	s := ScanScriptWith(src, 0, nil, ScriptOptionsFor(lang))
	doc.Scripts = []*Script{s}
	doc.ServerTags = s.ServerTags
	return doc, nil
}

// ScriptOptionsFor returns the options Scan reads a script file of kind
// lang with: JSX everywhere but in .ts files (where <T> is a type),
// TypeScript in .ts and .tsx files, decorators, and server tags where a
// token may start. Mustache tags are not read: "{{" is an ordinary pair of
// braces in JavaScript (a block in a block, an object in a block), and in
// JSX (style={{color: 'red'}}) it is everywhere. For markup kinds it
// returns the zero value, plain JavaScript: there, each <script> element
// says how it is read (see Scan).
func ScriptOptionsFor(lang Lang) ScriptOptions {
	if !lang.IsScript() {
		return ScriptOptions{}
	}
	return ScriptOptions{
		JSX:            lang != LangTS,
		TypeScript:     lang == LangTS || lang == LangTSX,
		Decorators:     true,
		FindServerTags: true,
	}
}

// startsWithMarkup reports whether the first significant bytes (after a
// byte order mark and white space) open an HTML tag or a doctype ("<script",
// "<div", "<!DOCTYPE"), or are HTML comments followed by markup or by
// nothing. JavaScript cannot start with '<' followed by a letter or '!'
// unless it is JSX, or an HTML-like comment ("<!--" starts a line comment
// in a browser): a file holding only comments, or comments and then markup,
// is a page, and one with JavaScript after its first comment is a script.
func startsWithMarkup(src []byte) bool {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	for comments := 0; ; comments++ {
		src = bytes.TrimLeft(src, " \t\r\n\f")
		if len(src) == 0 {
			return comments > 0 // nothing but comments
		}
		if !bytes.HasPrefix(src, []byte("<!--")) {
			break
		}
		k := bytes.Index(src[4:], []byte("-->"))
		if k < 0 {
			return true // an unclosed HTML comment: a broken page
		}
		src = src[4+k+3:]
	}
	if len(src) < 2 || src[0] != '<' {
		return false
	}
	c := src[1]
	return c == '!' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}
