// Package jsscan reads templates and script files the way a browser, a
// template renderer and a bundler would, and keeps the exact byte offset of
// everything it finds.
//
// # File kinds
//
// Scan reads a file of a kind (Lang, named by LangOf from the extension):
//
//   - Markup: HTML (with Mustache or Handlebars tags), EJS pages and Vue
//     single-file components. Their inline <script> elements, external
//     scripts, elements with an id and HTML comments are found with the
//     golang.org/x/net/html tokenizer, and each inline script is lexed. In a
//     Vue component, the lang attribute of a <script> block says whether it
//     is TypeScript ("ts", "tsx") or has JSX ("jsx", "tsx"); its <template>
//     is markup and creates no scripts. In a page, a script of type
//     text/babel or text/jsx is read with JSX.
//   - Scripts: .js, .jsx, .ts and .tsx files (and their module variants)
//     are one Script covering the whole file, with no element. JSX is read
//     in all but .ts files, where <T> is a type. A .js or .ts file that
//     starts with markup (an HTML fragment saved as .js) is read as HTML.
//
// # Tokens
//
// Each script is lexed into tokens whose offsets are offsets in the file.
// Structure is recovered from the token stream (bracket matching), not from
// a syntax tree: the tree of tdewolff/parse/v2/js keeps no source positions
// and gives up on the first syntax error, while templates are often broken
// or half-rendered. Token-level scanning degrades gracefully instead. A
// '/' is a regular expression where an expression may start, judged from
// the previous token.
//
// Rules match token sequences, so no token may come from text that only
// looks like code: strings, comments, template literal text, JSX text and
// attribute strings, and template tags all stay out of the token stream
// (or, for template tags, become placeholders).
//
// # JSX
//
// Where an expression may start (where a '/' would start a regular
// expression), a '<' followed by a name or by '>' opens a JSX element. Its
// markup yields no tokens: names, attribute strings and text (quotes,
// slashes, "//" and all) are skipped. The JavaScript in its {...}
// containers (attribute values, spreads, children) is lexed, with the
// container's braces as Punct tokens that match each other, and elements
// nested in containers are read in turn. After an element, a '/' is a
// division, as after any operand. Script.JSX holds the outermost
// elements' spans. In TypeScript, <T,> and <T extends U> are type
// parameters, not elements. This is a heuristic in .js files, where JSX is
// common: "a < b" is never an element, since no expression starts after a.
//
// # TypeScript
//
// TypeScript lexes as JavaScript does, with a few additions: decorators
// (@Injectable(...)) are a '@' Punct token, not an error, and a '!' right
// after an operand (x!) is a non-null assertion, after which '/' divides.
// Type annotations, generics, as, satisfies, enum and interface need
// nothing more: they are identifiers and punctuators.
//
// # Template tags
//
// Templates are rendered on the server before a browser reads anything, so
// their tags are masked before a script is lexed: each is replaced by a
// same-length placeholder, a run of '_' (an identifier) for a tag that
// renders text and spaces for statements and comments, keeping line breaks,
// so that `var config = {{{config}}};` lexes as JavaScript and no offset
// needs mapping. Tokens that overlap a tag are marked Templated.
//
//   - Mustache tags ({{ }}, Document.Mustache) are read in HTML templates
//     only: in Vue and JSX "{{" is the component's own syntax (a binding,
//     style={{...}}), and in JavaScript and TypeScript it is a block in a
//     block or an object in a block.
//   - Server tags (Document.ServerTags): EJS, ERB and JSP tags (<% %>,
//     <%= %>, <%- %>, <%# %>, <%_ _%>) in EJS pages; Jinja, Django and
//     Nunjucks statements and comments ({% %}, {# #}) in HTML and EJS
//     pages; Thymeleaf inlined expressions ([[${...}]], [(${...})])
//     everywhere. In markup they are found by a flat scan, wherever they
//     stand, and the HTML tokenizer reads the page with them masked too, so
//     that a tag in a start tag or around a <script> element does not
//     confuse it. In script files, EJS tags and Thymeleaf expressions are
//     found where a token may start (neither can start valid JavaScript),
//     never inside a string or comment.
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
