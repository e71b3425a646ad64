package jsscan

import (
	"bytes"
	"sort"
)

// ServerTagKind is the template language a server-side tag belongs to.
type ServerTagKind uint8

// Server-side template tag kinds.
const (
	// ServerEJS is a <% %> tag and its variants (<%= %>, <%- %>, <%_ _%>,
	// <%# %>, -%>): EJS, and ERB, JSP and ASP, which share the syntax.
	ServerEJS ServerTagKind = iota
	// ServerJinja is a {% %} statement or a {# #} comment: Jinja, Django,
	// Nunjucks, Twig. "{#" followed by a name character is not read as a
	// comment: in JavaScript it opens a class body with a private field
	// (class A {#x = 1}).
	ServerJinja
	// ServerThymeleaf is a Thymeleaf inlined expression: [[${...}]] or
	// [(${...})], with any of the $ # @ * expression sigils. (Fragment
	// expressions, ~{...}, are not read: "[[~{}]]" is also valid
	// JavaScript.)
	ServerThymeleaf
)

var serverTagKindNames = [...]string{"ejs", "jinja", "thymeleaf"}

func (k ServerTagKind) String() string {
	if int(k) < len(serverTagKindNames) {
		return serverTagKindNames[k]
	}
	return "unknown"
}

// ServerTag is one server-side template tag other than Mustache, and its
// span in the file. The server replaces it before a browser sees the page,
// so nothing inside it is the page's own HTML or JavaScript.
type ServerTag struct {
	Span
	Kind ServerTagKind
	// Output is set for tags that render text where they stand (<%= %>,
	// <%- %>, [[...]], [(...)]); statements and comments render nothing.
	Output bool
	// Unclosed is set for an EJS tag with no closing %> before the end of
	// the file; its span then runs to the end of the file. Jinja and
	// Thymeleaf openers without a closer are not tags at all.
	Unclosed bool
}

// closerIndex finds closing delimiters in src, remembering for each closer
// an offset from which it is known not to occur: without it, every opener
// without a closer would search the rest of the file again.
type closerIndex struct {
	src    []byte
	absent map[string]int
}

func newCloserIndex(src []byte) closerIndex {
	return closerIndex{src: src, absent: map[string]int{}}
}

// index returns the offset of the first closer at or after from, or -1.
func (c *closerIndex) index(from int, closer string) int {
	if a, ok := c.absent[closer]; ok && from >= a {
		return -1
	}
	if from > len(c.src) {
		return -1
	}
	k := searched(bytes.Index(c.src[from:], []byte(closer)), len(c.src)-from)
	if k < 0 {
		c.absent[closer] = from
		return -1
	}
	return from + k
}

// tagSyntax says which server tags a scan looks for.
type tagSyntax struct {
	ejs, jinja, thymeleaf bool
}

// serverTagSyntax returns the server tags read in a markup file of kind
// lang. EJS tags are read in EJS files only: "<%" in an HTML page is text.
// Jinja tags are read in HTML and EJS pages (Django and Nunjucks templates
// are usually named .html). Thymeleaf's inlined expressions cannot be
// anything else and are read everywhere.
func serverTagSyntax(lang Lang) tagSyntax {
	return tagSyntax{
		ejs:       lang == LangEJS,
		jinja:     lang == LangHTML || lang == LangEJS,
		thymeleaf: true,
	}
}

// tagAt reads the server tag that starts at offset p, if one does.
func (c *closerIndex) tagAt(p int, syn tagSyntax) (ServerTag, bool) {
	src := c.src
	if p+1 >= len(src) {
		return ServerTag{}, false
	}
	switch a, b := src[p], src[p+1]; {
	case syn.ejs && a == '<' && b == '%':
		body := p + 2
		if body < len(src) && src[body] == '%' { // <%% is a literal "<%"
			return ServerTag{}, false
		}
		out := body < len(src) && (src[body] == '=' || src[body] == '-')
		end := c.index(body, "%>")
		if end < 0 {
			return ServerTag{Span: Span{p, len(src)}, Kind: ServerEJS, Output: out, Unclosed: true}, true
		}
		return ServerTag{Span: Span{p, end + 2}, Kind: ServerEJS, Output: out}, true
	case syn.jinja && a == '{' && (b == '%' || b == '#'):
		closer := "%}"
		if b == '#' {
			// "{#name" opens a class body with a private field in
			// JavaScript; a Jinja comment starts with anything else.
			if p+2 < len(src) && (isJSXIdentChar(src[p+2]) || src[p+2] == '\\') {
				return ServerTag{}, false
			}
			closer = "#}"
		}
		end := c.index(p+2, closer)
		if end < 0 {
			return ServerTag{}, false
		}
		return ServerTag{Span: Span{p, end + 2}, Kind: ServerJinja}, true
	case syn.thymeleaf && a == '[' && (b == '[' || b == '('):
		if p+3 >= len(src) || !isThymeleafSigil(src[p+2]) || src[p+3] != '{' {
			return ServerTag{}, false
		}
		closer := "}]]"
		if b == '(' {
			closer = "})]"
		}
		end := c.index(p+4, closer)
		if end < 0 {
			return ServerTag{}, false
		}
		return ServerTag{Span: Span{p, end + 3}, Kind: ServerThymeleaf, Output: true}, true
	}
	return ServerTag{}, false
}

func isThymeleafSigil(c byte) bool {
	return c == '$' || c == '#' || c == '@' || c == '*'
}

// scanServerTags returns the server tags of a markup file in order. The
// server renders them before the browser parses anything, so they are found
// by a flat scan of the bytes, wherever they stand (text, attributes,
// comments, scripts), as Mustache tags are. Nothing that starts inside a
// Mustache tag is a server tag.
func scanServerTags(src []byte, syn tagSyntax, mustache []MustacheTag) []ServerTag {
	var tags []ServerTag
	c := newCloserIndex(src)
	m := 0
	for i := 0; i < len(src); {
		k := searched(serverTagStart(src[i:]), len(src)-i)
		if k < 0 {
			break
		}
		p := i + k
		for m < len(mustache) && mustache[m].End <= p {
			m++
		}
		if m < len(mustache) && mustache[m].Start <= p {
			i = mustache[m].End
			continue
		}
		tag, ok := c.tagAt(p, syn)
		if !ok {
			i = p + 1
			continue
		}
		tags = append(tags, tag)
		i = tag.End
	}
	return tags
}

// serverTagStart returns the offset of the first two bytes in b that may
// open a server tag (<%, {%, {#, [[, [(), or -1. Other bytes cannot start
// one (see tagAt), so they are passed over without a call; a page has a
// '<' every few dozen bytes.
func serverTagStart(b []byte) int {
	for j := 0; j+1 < len(b); j++ {
		switch b[j] {
		case '<':
			if b[j+1] == '%' {
				return j
			}
		case '{':
			if c := b[j+1]; c == '%' || c == '#' {
				return j
			}
		case '[':
			if c := b[j+1]; c == '[' || c == '(' {
				return j
			}
		}
	}
	return -1
}

// hole is a template tag's span in code and whether it renders text.
type hole struct {
	Span
	output bool
}

// holesIn returns the Mustache and server tags that overlap [start, end),
// as holes in order of their start.
func holesIn(start, end int, mustache []MustacheTag, server []ServerTag) (holes []hole, tags []ServerTag) {
	i := sort.Search(len(mustache), func(i int) bool { return mustache[i].End > start })
	j := sort.Search(len(server), func(i int) bool { return server[i].End > start })
	for {
		mi := i < len(mustache) && mustache[i].Start < end
		sj := j < len(server) && server[j].Start < end
		switch {
		case mi && (!sj || mustache[i].Start <= server[j].Start):
			if mustache[i].Start < mustache[i].End {
				holes = append(holes, hole{mustache[i].Span, mustache[i].Kind.Outputs()})
			}
			i++
		case sj:
			holes = append(holes, hole{server[j].Span, server[j].Output})
			tags = append(tags, server[j])
			j++
		default:
			return holes, tags
		}
	}
}

// maskHoles replaces, in code (the bytes at file offset base), each hole by
// a same-length placeholder: a tag that renders text becomes a run of '_'
// (an identifier in code, harmless text in a string or in markup), others
// become spaces. Line breaks are kept so that line-based reasoning
// (automatic semicolon insertion) still holds. Spaces are written last, so
// that an output tag inside a comment tag stays blank.
func maskHoles(code []byte, base int, holes []hole) {
	for pass := 0; pass < 2; pass++ {
		for _, h := range holes {
			if h.output != (pass == 0) {
				continue
			}
			fill := byte(' ')
			if h.output {
				fill = '_'
			}
			start, end := max(h.Start, base)-base, min(h.End, base+len(code))-base
			for i := start; i < end; i++ {
				if code[i] != '\n' && code[i] != '\r' {
					code[i] = fill
				}
			}
		}
	}
}

// maskMarkup returns src with its server tags masked, for the HTML
// tokenizer: "<%= a %>" in a start tag would otherwise end the tag at its
// '>', and a tag in a script could hold "</script>". It returns src itself
// when there is nothing to mask.
func maskMarkup(src []byte, tags []ServerTag) []byte {
	if len(tags) == 0 {
		return src
	}
	out := bytes.Clone(src)
	holes := make([]hole, len(tags))
	for i, t := range tags {
		holes[i] = hole{t.Span, t.Output}
	}
	maskHoles(out, 0, holes)
	return out
}
