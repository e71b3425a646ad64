package jsscan

import "bytes"

// JSX is read by a small state machine on lexer.stack rather than by
// recursion, so that deeply nested elements cost no stack and every byte is
// read once:
//
//	<div a="text" b={expr} {...spread}>text {expr} <br/> </div>
//	^ jsxTag ---------------------------^ jsxChildren -------^
//
// A '{' in a tag or in children opens a jsxContainer, whose JavaScript the
// main loop lexes (with its braces as Punct tokens, which match each
// other) until the '}' that closes it. An element that starts in an
// attribute value (a={<b/>}) or in a container is pushed on top. The
// markup itself (names, attribute strings, text) yields no tokens.

// jsxFrameKind is what lex is reading inside a JSX element.
type jsxFrameKind uint8

const (
	jsxContainer jsxFrameKind = iota // JavaScript in {...}
	jsxTag                           // attributes of a start tag
	jsxChildren                      // between a start tag and its end tag
)

type jsxFrame struct {
	kind jsxFrameKind
	// depth counts the '{' tokens open in a container, its own included:
	// the '}' that brings it to zero closes the container.
	depth int32
}

func (lx *lexer) push(kind jsxFrameKind) {
	lx.stack = append(lx.stack, jsxFrame{kind: kind})
}

// brace tracks the braces of the innermost container.
func (lx *lexer) brace(open bool) {
	n := len(lx.stack)
	if n == 0 || lx.stack[n-1].kind != jsxContainer {
		return
	}
	top := &lx.stack[n-1]
	switch {
	case open:
		top.depth++
	case top.depth <= 1:
		lx.stack = lx.stack[:n-1] // back in the tag or the children
	default:
		top.depth--
	}
}

// jsxAt reports whether the '<' at offset p of Code, where an expression
// may start, opens a JSX element: '<' and a name, or "<>" (a fragment).
// Type parameters of a generic arrow function, which TypeScript and Flow
// write <T,>(x: T) => ... or <T extends U>(...), are not elements, nor, in
// TypeScript, <T>( after a ':' with a capital T, a generic function type in
// an annotation (an object's property value written <Name>(text)</Name> is
// misread, and <name>(text)</name> is not).
func (lx *lexer) jsxAt(p int) bool {
	code := lx.s.Code
	if p+1 >= len(code) {
		return false
	}
	if code[p+1] == '>' {
		return true
	}
	if !isJSXNameStart(code[p+1]) {
		return false
	}
	q := p + 1
	for q < len(code) && isJSXIdentChar(code[q]) {
		q++
	}
	r := skipJSXSpace(code, q)
	if r >= len(code) {
		return true
	}
	switch code[r] {
	case ',', '=':
		return false
	case 'e':
		const ext = "extends"
		return r == q || !bytes.HasPrefix(code[r:], []byte(ext)) || r+len(ext) >= len(code) || !isTagSpace(code[r+len(ext)])
	case '>':
		if n := len(lx.s.Tokens); lx.opts.TypeScript && n > 0 && lx.s.Is(n-1, ":") && 'A' <= code[p+1] && code[p+1] <= 'Z' {
			if k := skipJSXSpace(code, r+1); k < len(code) && code[k] == '(' {
				return false
			}
		}
	}
	return true
}

// openElement starts reading the element whose '<' is at offset p.
func (lx *lexer) openElement(p int) {
	code := lx.s.Code
	if len(lx.stack) == 0 {
		lx.jsxStart = p
	}
	q := p + 1
	if q < len(code) && code[q] == '>' { // <>: a fragment has no attributes
		lx.moveTo(q + 1)
		lx.push(jsxChildren)
		return
	}
	for q < len(code) && isJSXNameChar(code[q]) {
		q++
	}
	lx.moveTo(q)
	lx.push(jsxTag)
}

// closeElement ends the innermost element (at its "/>" or end tag).
func (lx *lexer) closeElement() {
	lx.stack = lx.stack[:len(lx.stack)-1]
	n := len(lx.stack)
	if n == 0 {
		s := lx.s
		s.JSX = append(s.JSX, Span{s.Start + lx.jsxStart, s.Start + lx.in.Offset()})
	}
	if n == 0 || lx.stack[n-1].kind == jsxContainer {
		// Back in JavaScript, after an expression: a '/' divides.
		lx.afterJSX = true
	}
}

// endJSX ends the elements still open at the end of the script; at the
// end of the code (eof), that is an error.
func (lx *lexer) endJSX(eof bool) {
	if len(lx.stack) == 0 {
		return
	}
	s := lx.s
	if eof {
		s.LexErrors++
	}
	s.JSX = append(s.JSX, Span{s.Start + lx.jsxStart, s.End})
	lx.stack = nil
}

// tag reads the next part of a start tag from offset p: white space and
// comments, then an attribute name, '=', a quoted value (text, never code),
// a {...} container, a nested element as a value, or the tag's end.
func (lx *lexer) tag(p int) {
	s, code := lx.s, lx.s.Code
	q := p
	for {
		q = skipJSXSpace(code, q)
		if q+1 >= len(code) || code[q] != '/' || (code[q+1] != '*' && code[q+1] != '/') {
			break
		}
		// Comments are white space in a tag.
		end := len(code)
		if code[q+1] == '*' {
			if k := searched(bytes.Index(code[q+2:], []byte("*/")), len(code)-q-2); k >= 0 {
				end = q + 2 + k + 2
			}
		} else if k := searched(bytes.IndexAny(code[q:], "\n\r"), len(code)-q); k >= 0 {
			end = q + k
		}
		s.Comments = append(s.Comments, Span{s.Start + q, s.Start + end})
		q = end
	}
	lx.moveTo(q)
	if q >= len(code) {
		return
	}
	switch c := code[q]; {
	case c == '/' && q+1 < len(code) && code[q+1] == '>':
		lx.moveTo(q + 2)
		lx.closeElement()
	case c == '>':
		lx.moveTo(q + 1)
		lx.stack[len(lx.stack)-1].kind = jsxChildren
	case c == '{':
		lx.push(jsxContainer)
	case c == '"' || c == '\'':
		end := len(code)
		if k := searched(bytes.IndexByte(code[q+1:], c), len(code)-q-1); k >= 0 {
			end = q + 1 + k + 1
		}
		lx.moveTo(end)
	case c == '=':
		lx.moveTo(q + 1)
	case c == '<' && q+1 < len(code) && (code[q+1] == '>' || isJSXNameStart(code[q+1])):
		lx.openElement(q)
	case isJSXNameStart(c):
		r := q
		for r < len(code) && isJSXNameChar(code[r]) {
			r++
		}
		lx.moveTo(r)
	default:
		lx.invalid(q)
	}
}

// children reads the next part of an element's content from offset p:
// text (plain text, whatever it holds: quotes, slashes, "//"), then a
// {...} container, a nested element, or the end tag.
func (lx *lexer) children(p int) {
	code := lx.s.Code
	k := searched(bytes.IndexAny(code[p:], "{<"), len(code)-p)
	if k < 0 {
		lx.moveTo(len(code))
		return
	}
	q := p + k
	lx.moveTo(q)
	if code[q] == '{' {
		lx.push(jsxContainer)
		return
	}
	if q+1 < len(code) && code[q+1] == '/' {
		// The end tag closes the innermost element, whatever its name.
		r := skipJSXSpace(code, q+2)
		for r < len(code) && isJSXNameChar(code[r]) {
			r++
		}
		r = skipJSXSpace(code, r)
		if r >= len(code) || code[r] != '>' {
			// A broken end tag: skip to its '>'.
			end := len(code)
			if k := searched(bytes.IndexByte(code[r:], '>'), len(code)-r); k >= 0 {
				end = r + k + 1
			}
			lx.s.LexErrors++
			lx.add(Token{Span: Span{lx.s.Start + q, lx.s.Start + end}, Kind: Invalid, NewlineBefore: lx.newline})
			lx.moveTo(end)
		} else {
			lx.moveTo(r + 1)
		}
		lx.closeElement()
		return
	}
	if q+1 < len(code) && (code[q+1] == '>' || isJSXNameStart(code[q+1])) {
		lx.openElement(q)
		return
	}
	lx.invalid(q)
}

// skipJSXSpace returns the offset of the first byte at or after p that is
// not white space.
func skipJSXSpace(code []byte, p int) int {
	for p < len(code) && (isTagSpace(code[p]) || code[p] == '\v') {
		p++
	}
	return p
}

// isJSXNameStart reports whether c may start a JSX name: an ASCII letter,
// '_', '$', or a byte of a non-ASCII character.
func isJSXNameStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '$' || c >= 0x80
}

// isJSXIdentChar reports whether c may continue an identifier.
func isJSXIdentChar(c byte) bool {
	return isJSXNameStart(c) || '0' <= c && c <= '9'
}

// isJSXNameChar reports whether c may continue a JSX element or attribute
// name: an identifier, with '-' (aria-label), ':' (xlink:href) and '.'
// (Foo.Bar).
func isJSXNameChar(c byte) bool {
	return isJSXIdentChar(c) || c == '-' || c == ':' || c == '.'
}
