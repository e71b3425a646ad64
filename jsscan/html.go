package jsscan

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"unsafe"

	"golang.org/x/net/html"
)

// Attr is one attribute of a start tag, with the spans of its raw bytes.
type Attr struct {
	// Key is the attribute name, lower-cased as HTML does.
	Key string
	// Val is the value with character references decoded.
	Val string
	// KeySpan covers the name; ValSpan covers the value's raw bytes without
	// quotes (empty at the name's end when there is no value).
	KeySpan, ValSpan Span
	// HasVal is set when the attribute has an "=value" part.
	HasVal bool
}

// Element is a start tag and the span of its raw bytes (from '<' to '>').
type Element struct {
	Span
	Tag   string
	Attrs []Attr
}

// Attr returns the first attribute named key (lower case) and whether it exists.
func (e *Element) Attr(key string) (Attr, bool) {
	for _, a := range e.Attrs {
		if a.Key == key {
			return a, true
		}
	}
	return Attr{}, false
}

// Document is everything jsscan reads from one file: an HTML-like template,
// or a script file (which has one Script and no elements).
type Document struct {
	// Src is the file's content, unchanged. The caller must not modify it
	// while the Document is in use: attribute values share its bytes.
	Src []byte
	// Lang is the kind of file the content was read as.
	Lang Lang
	// Mustache holds every Mustache tag in the file, in order. They are
	// read in HTML templates only.
	Mustache []MustacheTag
	// ServerTags holds the other server-side template tags, in order: in
	// markup files, every tag of the syntaxes the file kind allows (EJS in
	// EJS pages, Jinja in HTML and EJS pages, Thymeleaf everywhere),
	// wherever it stands; in script files, the EJS and Thymeleaf tags that
	// stand where a token may start (see ScriptOptions.FindServerTags).
	ServerTags []ServerTag
	// Scripts holds the inline <script> elements whose content is
	// JavaScript (or TypeScript, in a Vue component), lexed; for a script
	// file, the one Script is the whole file. Scripts inside HTML comments
	// are not elements at all.
	Scripts []*Script
	// OtherScripts holds inline <script> elements of a type that is not
	// JavaScript (text/template, application/json, ...); they are not lexed.
	OtherScripts []*Element
	// ExternalScripts holds <script src=...> elements.
	ExternalScripts []*Element
	// IDs holds the elements that have an id attribute.
	IDs []*Element
	// Elements holds every start tag of the markup, in order (attributes
	// of any element: event handlers, nonces, URLs).
	Elements []*Element
	// Comments holds the HTML comments, including their delimiters.
	Comments []Span
}

// ErrBinary is returned for content that is not text: a template never holds
// NUL bytes, and HTML-tokenizing an executable teaches nobody anything.
var ErrBinary = errors.New("file looks binary (it contains NUL bytes); not a template")

// ErrWideEncoding is returned for text in UTF-16 or UTF-32, which Windows
// editors and some exports produce: every ASCII character carries NUL
// bytes, so it would read as binary, while the fix is one conversion.
var ErrWideEncoding = errors.New("file is UTF-16 or UTF-32 text; tmpllint reads UTF-8: convert it first (e.g. iconv -f UTF-16 -t UTF-8)")

// checkText returns ErrWideEncoding or ErrBinary for content that is not
// UTF-8 (or ASCII-compatible) text, and nil otherwise.
func checkText(src []byte) error {
	if !looksBinary(src) {
		return nil
	}
	for _, bom := range [][]byte{{0xFF, 0xFE}, {0xFE, 0xFF}, {0, 0, 0xFE, 0xFF}} {
		if bytes.HasPrefix(src, bom) {
			return ErrWideEncoding
		}
	}
	// Without a byte order mark: ASCII text in UTF-16 puts a NUL beside
	// every character, in the first bytes already.
	if len(src) >= 4 {
		le := src[0] != 0 && src[1] == 0 && src[2] != 0 && src[3] == 0
		be := src[0] == 0 && src[1] != 0 && src[2] == 0 && src[3] != 0
		if le || be {
			return ErrWideEncoding
		}
	}
	return ErrBinary
}

// ScanHTML reads src as an HTML template. It fails only on binary content;
// broken HTML is read as a browser would (best effort), never rejected.
func ScanHTML(src []byte) (*Document, error) {
	return scanMarkup(src, LangHTML)
}

// scanMarkup reads an HTML-like file: an HTML or EJS template, or a Vue
// single-file component.
func scanMarkup(src []byte, lang Lang) (*Document, error) {
	if err := checkText(src); err != nil {
		return nil, err
	}
	doc := &Document{Src: src, Lang: lang}
	if lang == LangHTML {
		// Vue's {{ }} is client-side interpolation of the component's own
		// data, and EJS has its own tags: Mustache is read in templates only.
		doc.Mustache = ScanMustache(src)
	}
	doc.ServerTags = scanServerTags(src, serverTagSyntax(lang), doc.Mustache)
	// The HTML tokenizer reads the page with its server tags masked, as
	// the browser would see it once they are rendered; offsets are the
	// same, and attribute values are read from the file itself.
	z := html.NewTokenizer(bytes.NewReader(maskMarkup(src, doc.ServerTags)))
	// Attribute values are substrings of the file as a string that shares
	// its bytes (src is never modified), not a copy each.
	text := unsafe.String(unsafe.SliceData(src), len(src))
	offset := 0
	var open *Element // the <script> start tag whose content comes next
	var slab elementSlab
	for {
		tt := z.Next()
		raw := z.Raw()
		worked(len(raw) + 1)
		start := offset
		offset += len(raw)
		switch tt {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				return doc, z.Err()
			}
			return doc, nil
		case html.CommentToken:
			doc.Comments = append(doc.Comments, Span{start, offset})
			open = nil
		case html.StartTagToken, html.SelfClosingTagToken:
			el := readStartTag(raw, text[start:offset], start, &slab)
			doc.Elements = append(doc.Elements, el)
			if _, ok := el.Attr("id"); ok {
				doc.IDs = append(doc.IDs, el)
			}
			open = nil
			if el.Tag == "script" {
				if _, ok := el.Attr("src"); ok {
					doc.ExternalScripts = append(doc.ExternalScripts, el)
				} else if tt == html.StartTagToken {
					open = el
				}
			}
		case html.TextToken:
			if open != nil {
				if opts, ok := scriptOptions(open, lang); ok {
					opts.Mustache, opts.ServerTags = doc.Mustache, doc.ServerTags
					doc.Scripts = append(doc.Scripts, ScanScriptWith(src[start:offset], start, open, opts))
				} else {
					doc.OtherScripts = append(doc.OtherScripts, open)
				}
			}
			open = nil
		default:
			open = nil
		}
	}
}

// scriptOptions returns how the content of a <script> element in a markup
// file of kind lang is read, and false when it is no JavaScript.
//
// A Vue component's scripts are compiled, not run as they stand: they may
// hold decorators, and their lang attribute (not their type) names
// TypeScript ("ts", "tsx") or JSX ("jsx", "tsx"). In a page, the scripts
// Babel compiles in the browser (type text/babel or text/jsx) are read as
// JSX; other scripts are plain JavaScript.
func scriptOptions(el *Element, lang Lang) (ScriptOptions, bool) {
	var opts ScriptOptions
	if lang == LangVue {
		opts.Decorators = true
		if a, ok := el.Attr("lang"); ok {
			switch strings.ToLower(strings.TrimSpace(a.Val)) {
			case "ts", "typescript":
				opts.TypeScript = true
			case "tsx":
				opts.TypeScript, opts.JSX = true, true
			case "jsx":
				opts.JSX = true
			}
		}
	}
	if IsJavaScriptType(el) {
		return opts, true
	}
	if isJSXType(el) {
		opts.JSX = true
		return opts, true
	}
	return opts, false
}

// isJSXType reports whether a <script> element's type asks Babel in the
// browser to compile it from JSX.
func isJSXType(el *Element) bool {
	a, _ := el.Attr("type")
	t := strings.ToLower(strings.TrimSpace(a.Val))
	return t == "text/babel" || t == "text/jsx"
}

// looksBinary reports whether the first 8 KiB hold a NUL byte, the test git
// and grep use.
func looksBinary(src []byte) bool {
	head := src
	if len(head) > 8<<10 {
		head = head[:8<<10]
	}
	return bytes.IndexByte(head, 0) >= 0
}

// javaScriptTypes are the type attribute values browsers execute as scripts
// (the HTML standard's JavaScript MIME type essence list, plus "module").
var javaScriptTypes = map[string]bool{
	"": true, "module": true,
	"application/ecmascript": true, "application/javascript": true, "application/x-ecmascript": true,
	"application/x-javascript": true, "text/ecmascript": true, "text/javascript": true,
	"text/javascript1.0": true, "text/javascript1.1": true, "text/javascript1.2": true,
	"text/javascript1.3": true, "text/javascript1.4": true, "text/javascript1.5": true,
	"text/jscript": true, "text/livescript": true, "text/x-ecmascript": true, "text/x-javascript": true,
}

// IsJavaScriptType reports whether a <script> element's type makes a browser
// run it as JavaScript. A type made of a Mustache tag alone cannot be known
// and counts as JavaScript, the common case.
func IsJavaScriptType(el *Element) bool {
	a, ok := el.Attr("type")
	if !ok {
		return true
	}
	t := strings.ToLower(strings.TrimSpace(a.Val))
	if i := strings.IndexByte(t, ';'); i >= 0 { // "text/javascript; charset=utf-8"
		t = strings.TrimSpace(t[:i])
	}
	return javaScriptTypes[t] || strings.HasPrefix(t, "{{")
}

// readStartTag reads the tag name and attributes of a raw start tag, keeping
// the span of every attribute name and value. It follows the HTML tokenizer's
// attribute states, so it agrees with golang.org/x/net/html on what is an
// attribute; that tokenizer hands out decoded values but no offsets. raw is
// what the tokenizer read (with server tags masked) and orig the same bytes
// in the file, from which values are read.
func readStartTag(raw []byte, orig string, base int, slab *elementSlab) *Element {
	// An attribute with a value has an '='; room for those up front saves
	// growing the slice one step at a time.
	el := slab.element()
	el.Span = Span{base, base + len(raw)}
	if n := bytes.Count(raw, []byte{'='}); n > 0 {
		el.Attrs = slab.attrs(n)
	}
	i := 1 // past '<'
	n := len(raw)
	for i < n && !isTagSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	el.Tag = asciiLower(raw[1:i], orig[1:i])
	for i < n {
		for i < n && (isTagSpace(raw[i]) || raw[i] == '/') {
			i++
		}
		if i >= n || raw[i] == '>' {
			break
		}
		keyStart := i
		i++ // the first character may be '=', which belongs to the name
		for i < n && !isTagSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' && raw[i] != '=' {
			i++
		}
		a := Attr{Key: asciiLower(raw[keyStart:i], orig[keyStart:i]), KeySpan: Span{base + keyStart, base + i}}
		a.ValSpan = Span{base + i, base + i}
		j := i
		for j < n && isTagSpace(raw[j]) {
			j++
		}
		if j < n && raw[j] == '=' {
			j++
			for j < n && isTagSpace(raw[j]) {
				j++
			}
			a.HasVal = true
			if j < n && (raw[j] == '"' || raw[j] == '\'') {
				q := raw[j]
				k := searched(bytes.IndexByte(raw[j+1:], q), n-j-1)
				end := n
				if k >= 0 {
					end = j + 1 + k
				}
				a.ValSpan = Span{base + j + 1, base + end}
				i = min(end+1, n)
			} else {
				k := j
				for k < n && !isTagSpace(raw[k]) && raw[k] != '>' {
					k++
				}
				a.ValSpan = Span{base + j, base + k}
				i = k
			}
			// A browser normalizes line breaks before it decodes references.
			val := orig[a.ValSpan.Start-base : a.ValSpan.End-base]
			if strings.IndexByte(val, '\r') >= 0 {
				val = strings.ReplaceAll(strings.ReplaceAll(val, "\r\n", "\n"), "\r", "\n")
			}
			a.Val = html.UnescapeString(val)
		}
		el.Attrs = append(el.Attrs, a)
	}
	return el
}

// elementSlab hands out the elements and attribute lists of one document
// from shared arrays, a few allocations per document instead of two per
// start tag. The arrays live as long as the document, which points into
// them; a full array is left to its elements and a new one started.
type elementSlab struct {
	elements []Element
	attrList []Attr
}

// slabMin and slabMax bound the size of a new array: small for a small
// page, growing with the page up to a size whose unused tail is cheap.
const slabMin, slabMax = 16, 1024

func (s *elementSlab) element() *Element {
	if len(s.elements) == cap(s.elements) {
		s.elements = make([]Element, 0, min(slabMax, max(slabMin, 2*cap(s.elements))))
	}
	s.elements = s.elements[:len(s.elements)+1]
	return &s.elements[len(s.elements)-1]
}

// attrs returns an empty list with room for n attributes; appending past
// that copies it out of the slab, so lists never overlap.
func (s *elementSlab) attrs(n int) []Attr {
	if cap(s.attrList)-len(s.attrList) < n {
		s.attrList = make([]Attr, 0, max(n, min(slabMax, max(slabMin, 2*cap(s.attrList)))))
	}
	at := len(s.attrList)
	s.attrList = s.attrList[:at+n]
	return s.attrList[at : at : at+n]
}

func isTagSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// asciiLower lower-cases ASCII letters only, as the HTML tokenizer does:
// strings.ToLower would turn "scrİpt" into "script", a tag no browser runs.
// orig is the same bytes in the file, which b may differ from where a
// server tag is masked; a name already in lower case is a substring of it.
func asciiLower(b []byte, orig string) string {
	if s, ok := commonNames[string(b)]; ok { // no allocation for the usual names
		return s
	}
	if bytes.IndexFunc(b, func(r rune) bool { return 'A' <= r && r <= 'Z' }) < 0 {
		if string(b) == orig {
			return orig
		}
		return string(b)
	}
	out := []byte(string(b))
	for i, c := range out {
		if 'A' <= c && c <= 'Z' {
			out[i] = c + 'a' - 'A'
		}
	}
	return string(out)
}

// commonNames are the tag and attribute names of sign-in pages, so that
// reading them allocates nothing: a page has thousands of them.
var commonNames = func() map[string]string {
	m := map[string]string{}
	for _, n := range strings.Fields(`html head body meta link title style script div span p a img
		section footer header nav main h1 h2 h3 ul li form input button label br hr noscript template
		id class style src href rel type name content charset nonce alt width height role title lang
		http-equiv integrity crossorigin async defer data-se tabindex aria-label action method value for`) {
		m[n] = n
	}
	return m
}()
