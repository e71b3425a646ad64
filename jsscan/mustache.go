package jsscan

import (
	"bytes"
	"unsafe"
)

// MustacheKind classifies a Mustache tag by its sigil.
type MustacheKind uint8

// Mustache tag kinds.
const (
	MustacheVariable  MustacheKind = iota // {{name}}: HTML-escaped output
	MustacheRaw                           // {{{name}}} or {{& name}}: unescaped output
	MustacheSection                       // {{#name}}
	MustacheInverted                      // {{^name}}
	MustacheClose                         // {{/name}}
	MustacheComment                       // {{! text}}
	MustachePartial                       // {{> name}}
	MustacheDelimiter                     // {{=<% %>=}}
)

var mustacheKindNames = [...]string{"variable", "raw", "section", "inverted", "close", "comment", "partial", "delimiter"}

func (k MustacheKind) String() string { return mustacheKindNames[k] }

// Outputs reports whether the tag is replaced by text when the template is
// rendered (as opposed to sections, comments and delimiter changes, which
// render nothing themselves).
func (k MustacheKind) Outputs() bool {
	return k == MustacheVariable || k == MustacheRaw || k == MustachePartial
}

// MustacheTag is one Mustache tag and its span in the file.
type MustacheTag struct {
	Span
	Kind MustacheKind
	// Name is the tag's name (or comment text) with the sigil and the
	// surrounding white space removed.
	Name string
	// Unclosed is set when the tag has no closing delimiter before the end of
	// the file; its span then runs to the end of the file.
	Unclosed bool
}

// ScanMustache returns every Mustache tag in src in order. Mustache is
// rendered on the server before the browser sees any HTML, so tags are found
// by a flat scan of the bytes, wherever they stand (text, attributes,
// comments, scripts). Delimiter changes ({{=<% %>=}}) are recorded but not
// followed: no Okta template uses them. Tag names share src's bytes (a
// template has hundreds of tags), so src must not be modified while the
// tags are in use.
func ScanMustache(src []byte) []MustacheTag {
	var tags []MustacheTag
	m := mustacheScan{src: src, text: unsafe.String(unsafe.SliceData(src), len(src)), absent: map[string]int{}}
	for i := 0; ; {
		j := searched(bytes.Index(src[i:], []byte("{{")), len(src)-i)
		if j < 0 {
			return tags
		}
		start := i + j
		tag, end := m.readTag(start)
		tags = append(tags, tag)
		i = end
	}
}

// mustacheScan is the state of one ScanMustache call.
type mustacheScan struct {
	src  []byte
	text string // src as a string sharing its bytes, for tag names
	// absent maps a closing delimiter to an offset from which it is known
	// not to occur. Without it, every {{{tag}} (closed by two braces) in a
	// file without "}}}" would search the rest of the file again.
	absent map[string]int
}

// index returns the offset of the first closer at or after from, or -1.
func (m *mustacheScan) index(from int, closer []byte) int {
	if a, ok := m.absent[string(closer)]; ok && from >= a {
		return -1
	}
	k := searched(bytes.Index(m.src[from:], closer), len(m.src)-from)
	if k < 0 {
		m.absent[string(closer)] = from
		return -1
	}
	return from + k
}

func (m *mustacheScan) readTag(start int) (MustacheTag, int) {
	src := m.src
	body := start + 2
	closer := []byte("}}")
	kind := MustacheVariable
	if body < len(src) {
		switch src[body] {
		case '{':
			kind, body, closer = MustacheRaw, body+1, []byte("}}}")
		case '&':
			kind, body = MustacheRaw, body+1
		case '#':
			kind, body = MustacheSection, body+1
		case '^':
			kind, body = MustacheInverted, body+1
		case '/':
			kind, body = MustacheClose, body+1
		case '!':
			kind, body = MustacheComment, body+1
		case '>':
			kind, body = MustachePartial, body+1
		case '=':
			kind, body, closer = MustacheDelimiter, body+1, []byte("=}}")
		}
	}
	// Sigils may be surrounded by spaces ({{ #section }}), which some
	// renderers accept; read the sigil after leading space too.
	if kind == MustacheVariable {
		k := body
		for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
			k++
		}
		if k < len(src) {
			switch src[k] {
			case '#':
				kind, body = MustacheSection, k+1
			case '^':
				kind, body = MustacheInverted, k+1
			case '/':
				kind, body = MustacheClose, k+1
			case '!':
				kind, body = MustacheComment, k+1
			case '&':
				kind, body = MustacheRaw, k+1
			case '>':
				kind, body = MustachePartial, k+1
			}
		}
	}
	// A Handlebars block comment, {{!-- --}}, may hold "}}": it ends at
	// "--}}". Without one it is an ordinary comment, as Mustache reads it.
	if kind == MustacheComment && bytes.HasPrefix(src[body:], []byte("--")) {
		if end := m.index(body, []byte("--}}")); end >= 0 {
			stop := end + len("--}}")
			return MustacheTag{Span: Span{start, stop}, Kind: kind, Name: m.name(body+2, max(body+2, end))}, stop
		}
	}
	end := m.index(body, closer)
	if end < 0 {
		// A triple-brace tag closed by only two braces is still a tag to the
		// eye; prefer "}}" before giving up on the rest of the file.
		if kind == MustacheRaw {
			if e := m.index(body, []byte("}}")); e >= 0 {
				return MustacheTag{Span: Span{start, e + 2}, Kind: kind, Name: m.name(body, e)}, e + 2
			}
		}
		// No name: it would be the whole rest of the file.
		return MustacheTag{Span: Span{start, len(src)}, Kind: kind, Unclosed: true}, len(src)
	}
	stop := end + len(closer)
	return MustacheTag{Span: Span{start, stop}, Kind: kind, Name: m.name(body, end)}, stop
}

// name returns src[from:to] without the white space around it, as a
// substring of the file: no copy per tag.
func (m *mustacheScan) name(from, to int) string {
	b := bytes.TrimSpace(m.src[from:to])
	if len(b) == 0 {
		return ""
	}
	at := from + (cap(m.src[from:]) - cap(b))
	return m.text[at : at+len(b)]
}
