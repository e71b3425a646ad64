// Package jsscan reads an HTML-like template the way a browser and a Mustache
// renderer would, and keeps the exact byte offset of everything it finds.
//
// It finds Mustache tags, the inline <script> elements that hold JavaScript,
// external scripts and elements with an id, and lexes each inline script into
// tokens whose offsets are offsets in the original file. Mustache tags inside a
// script are replaced by same-length placeholders before lexing, so that
// `var config = {{{config}}};` lexes as JavaScript and no offset needs mapping.
//
// Structure is recovered from the token stream (bracket matching), not from a
// syntax tree: the tree of tdewolff/parse/v2/js keeps no source positions and
// gives up on the first syntax error, while templates are often broken or
// half-rendered. Token-level scanning degrades gracefully instead.
//
// The package imports no other package of this project.
package jsscan

// Span is a half-open byte range [Start, End) in the scanned file.
type Span struct {
	Start, End int
}

// Len returns the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether offset lies inside the span.
func (s Span) Contains(offset int) bool { return s.Start <= offset && offset < s.End }
