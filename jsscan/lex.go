package jsscan

import (
	"bytes"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// lexer is the state of one lex call: the tdewolff lexer, and what lex
// reads itself around it (JSX markup, decorators, server tags).
type lexer struct {
	s    *Script
	opts *ScriptOptions
	in   *parse.Input
	l    *js.Lexer

	budget    int  // lexer error work left
	nextBreak int  // the first line break at or after the last error, or len(s.Code)
	newline   bool // a line break since the last token
	afterJSX  bool // the last thing read was a JSX element, which ends an expression

	// stack holds the JSX constructs open at the current position, the
	// innermost last; JavaScript is read when it is empty or its top is a
	// container.
	stack    []jsxFrame
	jsxStart int // offset in Code of the outermost open JSX element

	closers closerIndex // for server tags found in the code
	found   []ServerTag
}

// lex runs the tdewolff lexer over s.Code and returns the server tags it
// found there (opts.FindServerTags). The lexer only knows a '/' is a
// regular expression when told so; lex tells it by the previous token, as
// JavaScript tools without a parser do. After a lexer error (an
// unterminated string or comment) it records the unread bytes as an
// Invalid token and goes on from there, so one broken line does not hide
// the rest of the script.
//
// JSX markup is read by lex itself (see jsx.go), between tokens: the
// tdewolff lexer only ever sees JavaScript, including every brace, so its
// count of open braces, which tells a '}' from the end of a template
// substitution, stays right.
//
// Each lexer error costs the lexer a copy of its whole input and a walk to
// the end of the error's line (for a message with line, column and context
// that lex does not use). So that a script full of errors does not take
// quadratic time, lex reads unterminated strings, the common error, itself,
// and stops lexing, leaving the rest of the script as one Invalid token, once
// errors have cost more than errorWorkPerByte times the script's size.
func (s *Script) lex(opts *ScriptOptions) []ServerTag {
	lx := &lexer{
		s:         s,
		opts:      opts,
		in:        parse.NewInputBytes(s.Code),
		budget:    errorWorkPerByte*len(s.Code) + errorWorkBase,
		nextBreak: -1,
	}
	lx.l = js.NewLexer(lx.in)
	if opts.FindServerTags {
		lx.closers = newCloserIndex(s.Code)
	}
	// A hashbang line (#!/usr/bin/env node) at the start of a script file
	// is a comment to Node and to the language since ES2023; the lexer
	// does not know it.
	if s.Element == nil && s.Start == 0 && bytes.HasPrefix(s.Code, []byte("#!")) {
		n := len(s.Code)
		if i := bytes.IndexAny(s.Code, "\r\n"); i >= 0 {
			n = i
		}
		s.Comments = append(s.Comments, Span{0, n})
		lx.in.Move(n)
		lx.in.Skip()
	}
	lx.run()
	return lx.found
}

func (lx *lexer) run() {
	s, in, code := lx.s, lx.in, lx.s.Code
	for {
		start := in.Offset()
		if start >= len(code) {
			// Stop before the lexer reads past the NUL it was given as the
			// end: after an error it can step over it ("#" at the end).
			lx.endJSX(true)
			return
		}
		if lx.budget < 0 {
			s.LexErrors++
			lx.add(Token{Span: Span{s.Start + start, s.End}, Kind: Invalid, NewlineBefore: lx.newline})
			lx.endJSX(false)
			return
		}
		if n := len(lx.stack); n > 0 {
			switch lx.stack[n-1].kind {
			case jsxTag:
				lx.tag(start)
				continue
			case jsxChildren:
				lx.children(start)
				continue
			}
		}
		c := code[start]
		if lx.opts.FindServerTags && (c == '<' || c == '[') {
			if t, ok := lx.closers.tagAt(start, tagSyntax{ejs: true, thymeleaf: true}); ok {
				// Mask the tag before the lexer reads it, as tags found
				// before lexing are: the lexer reads the placeholder.
				maskHoles(code, 0, []hole{{t.Span, t.Output}})
				t.Start += s.Start
				t.End += s.Start
				lx.found = append(lx.found, t)
				c = code[start]
			}
		}
		switch {
		case c == '@' && lx.opts.Decorators:
			lx.add(Token{Span: Span{s.Start + start, s.Start + start + 1}, Kind: Punct, NewlineBefore: lx.newline})
			in.Move(1)
			in.Skip()
			continue
		case c == '<' && lx.opts.JSX && lx.exprStart() && lx.jsxAt(start):
			lx.openElement(start)
			continue
		case c == '\'' || c == '"':
			if end := unterminatedString(code[start:]); end >= 0 {
				// What the lexer would return, without its error: the
				// string up to the line break, which comes next.
				s.LexErrors++
				lx.add(Token{Span: Span{s.Start + start, s.Start + start + end}, Kind: Invalid, NewlineBefore: lx.newline})
				in.Move(end)
				in.Skip()
				continue
			}
		}
		tt, text := lx.l.Next()
		if (tt == js.DivToken || tt == js.DivEqToken) && lx.exprStart() {
			tt, text = lx.l.RegExp()
		}
		switch tt {
		case js.ErrorToken:
			s.LexErrors++
			span := s.recover(in, start)
			if lx.nextBreak < span.End-s.Start {
				lx.nextBreak = len(code)
				if k := searched(bytes.IndexAny(code[span.End-s.Start:], "\n\r"), len(code)-(span.End-s.Start)); k >= 0 {
					lx.nextBreak = span.End - s.Start + k
				}
			}
			lx.budget -= len(code) + lx.nextBreak
			worked(len(code) + lx.nextBreak)
			lx.add(Token{Span: span, Kind: Invalid, NewlineBefore: lx.newline})
		case js.WhitespaceToken:
		case js.LineTerminatorToken, js.CommentLineTerminatorToken:
			if tt == js.CommentLineTerminatorToken {
				s.Comments = append(s.Comments, Span{s.Start + start, s.Start + start + len(text)})
			}
			lx.newline = true
		case js.CommentToken:
			// A line comment ends before the line break, which comes next
			// as its own token.
			s.Comments = append(s.Comments, Span{s.Start + start, s.Start + start + len(text)})
		default:
			lx.add(Token{Span: Span{s.Start + start, s.Start + start + len(text)}, Kind: kindOf(tt), NewlineBefore: lx.newline})
			if tt == js.OpenBraceToken || tt == js.CloseBraceToken {
				lx.brace(tt == js.OpenBraceToken)
			}
		}
	}
}

// add appends a token; the next token is no longer after a line break or
// a JSX element.
func (lx *lexer) add(t Token) {
	lx.s.add(t)
	lx.newline = false
	lx.afterJSX = false
}

// exprStart reports whether an expression may start after the tokens so
// far: whether a '/' starts a regular expression, and a '<' a JSX element.
func (lx *lexer) exprStart() bool {
	if lx.afterJSX {
		return false
	}
	s := lx.s
	if n := len(s.Tokens); lx.opts.TypeScript && n >= 2 && s.Tokens[n-1].Kind == Punct && s.Is(n-1, "!") {
		// x! is TypeScript's non-null assertion when the '!' touches an
		// operand; a prefix '!' is followed by an operand instead.
		if prev := s.Tokens[n-2]; prev.End == s.Tokens[n-1].Start && s.endsExpression(prev) {
			return false
		}
	}
	return s.regexpAllowed()
}

// moveTo moves the input to offset p of Code, past bytes lex read itself,
// noting any line break among them.
func (lx *lexer) moveTo(p int) {
	cur := lx.in.Offset()
	if p > cur {
		worked(p - cur)
		if bytes.ContainsAny(lx.s.Code[cur:p], "\n\r") {
			lx.newline = true
		}
		lx.in.Move(p - cur)
	}
	lx.in.Skip()
}

// invalid records the character at offset p of Code as unreadable.
func (lx *lexer) invalid(p int) {
	_, n := utf8.DecodeRune(lx.s.Code[p:])
	lx.moveTo(p)
	lx.s.LexErrors++
	lx.add(Token{Span: Span{lx.s.Start + p, lx.s.Start + p + n}, Kind: Invalid, NewlineBefore: lx.newline})
	lx.moveTo(p + n)
}
