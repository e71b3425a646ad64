package jsmodel

import "github.com/tmpllint/tmpllint/jsscan"

// Object is an object literal `{...}`: its script and the index of its '{'.
type Object struct {
	S    *Script
	Open int
}

// Close returns the index of the literal's '}'.
func (o Object) Close() int { return o.S.Match(o.Open) }

// Prop is one entry of an object literal.
type Prop struct {
	// Key is the key's token (-1 for a spread, a computed key or a pattern
	// default); Name is what it spells.
	Key  int
	Name string
	// Value is the value's tokens: after ':' for key: value, the name
	// itself for a shorthand, the method for a method, the spread
	// expression for ...x.
	Value                     Span
	Shorthand, Method, Spread bool
	// Comma is the index of the ',' after the entry, or -1.
	Comma int
	// From is the entry's first token, To the index after its value.
	From, To int
}

// ObjectAt reports whether sp is exactly an object literal, possibly with
// a TypeScript assertion after it ({...} as Options, satisfies T).
func ObjectAt(s *Script, sp Span) (Object, bool) {
	if !s.Is(sp.From, "{") {
		return Object{}, false
	}
	close := s.Match(sp.From)
	if close < 0 || close >= sp.To {
		return Object{}, false
	}
	if close+1 != sp.To && !IsName(s, close+1, "as") && !IsName(s, close+1, "satisfies") {
		return Object{}, false
	}
	return Object{s, sp.From}, true
}

// ReadProps splits an object literal into its entries, in order.
func ReadProps(o Object) []Prop {
	s := o.S
	close := o.Close()
	var out []Prop
	i := o.Open + 1
	for i < close {
		// The entry runs to the next top-level ',' or the closing brace.
		end := i
		for end < close && !s.Is(end, ",") {
			if m := s.Match(end); m > end {
				end = m + 1
				continue
			}
			end++
		}
		p := Prop{Key: -1, From: i, To: end, Comma: -1}
		if s.Is(end, ",") {
			p.Comma = end
		}
		readProp(s, &p, i, end)
		if end > i {
			out = append(out, p)
		}
		i = end + 1
	}
	return out
}

// readProp reads one entry spanning tokens [i, end).
func readProp(s *Script, p *Prop, i, end int) {
	switch {
	case s.Is(i, "..."):
		p.Spread, p.Value = true, Span{i + 1, end}
		return
	case s.Is(i, "[") && s.Match(i) > i:
		// ['name']: value, with a literal name.
		if m := s.Match(i); m == i+2 && s.Is(m+1, ":") {
			if name, ok := StringValue(s, i+1); ok {
				p.Key, p.Name, p.Value = i+1, name, Span{m + 2, end}
			}
		}
		return
	}
	k := i
	if (IsName(s, k, "get") || IsName(s, k, "set") || IsName(s, k, "async")) && k+1 < end && !s.Is(k+1, "(") && !s.Is(k+1, ":") {
		k++
	}
	if s.Is(k, "*") {
		k++
	}
	name, ok := KeyName(s, k)
	if !ok {
		return
	}
	p.Key, p.Name = k, name
	switch {
	case s.Is(k+1, ":"):
		p.Value = Span{k + 2, end}
	case s.Is(k+1, "("):
		p.Method, p.Value = true, Span{k + 1, end}
	case k+1 == end && s.Tokens[k].Kind == jsscan.Ident:
		p.Shorthand, p.Value = true, Span{k, end}
	case s.Is(k+1, "=") && s.Tokens[k].Kind == jsscan.Ident:
		// { a = 1 }: a pattern's default, not an option.
		p.Key = -1
	}
}

// KeyName returns the name a key or property token spells: an identifier,
// a keyword used as a name, a string or a number.
func KeyName(s *Script, i int) (string, bool) {
	if i < 0 || i >= len(s.Tokens) || s.Tokens[i].Templated {
		return "", false
	}
	switch s.Tokens[i].Kind {
	case jsscan.Ident, jsscan.Keyword, jsscan.Number:
		return s.Text(s.Tokens[i]), true
	case jsscan.String:
		return StringValue(s, i)
	}
	return "", false
}

// Falsy reports whether a value is written as false, !1 (minified false),
// null, undefined or void 0: an option turned off.
func Falsy(s *Script, sp Span) bool {
	switch sp.To - sp.From {
	case 1:
		return s.Is(sp.From, "false") || s.Is(sp.From, "null") || IsName(s, sp.From, "undefined")
	case 2:
		return s.Is(sp.From, "!") && s.Is(sp.From+1, "1") || s.Is(sp.From, "void") && s.Is(sp.From+1, "0")
	}
	return false
}

// IsParamList reports whether the parenthesis at open holds a function's
// parameters rather than a call's arguments or a condition.
func IsParamList(s *Script, open int) bool {
	close := s.Match(open)
	if close < 0 {
		return false
	}
	if s.Is(close+1, "=>") || s.Is(close+1, ":") && !s.Is(open-1, "if") {
		return true
	}
	if !s.Is(close+1, "{") {
		return false
	}
	switch {
	case s.Is(open-1, "function"), s.Is(open-1, "catch"):
		return true
	case open >= 1 && s.Tokens[open-1].Kind == jsscan.Ident:
		// name(...) { — a method or a function declaration; a call is
		// never followed by a block.
		return true
	}
	return false
}

// Enclosing returns the opening bracket that encloses token i, or -1.
func (m *Model) Enclosing(s *Script, i int) int { return m.enclosingOpen(s, i) }

// IsObjectLiteral reports whether the '{' at open starts an object literal
// (not a block, a class or function body, a destructuring pattern or a
// TypeScript type).
func (m *Model) IsObjectLiteral(s *Script, open int) bool {
	return m.objectLiteralDepth(s, open, 0)
}

func (m *Model) objectLiteralDepth(s *Script, open, depth int) bool {
	at := TokenAt{s, open}
	if v, ok := m.objectBrace[at]; ok {
		return v
	}
	r := m.classifyBrace(s, open, depth)
	if m.objectBrace == nil {
		m.objectBrace = map[TokenAt]bool{}
	}
	m.objectBrace[at] = r
	return r
}

func (m *Model) classifyBrace(s *Script, open, depth int) bool {
	close := s.Match(open)
	if !s.Is(open, "{") || close < open || s.Is(close+1, "=") || open == 0 || depth > 32 {
		return false
	}
	prev := open - 1
	switch s.Text(s.Tokens[prev]) {
	case "=", "[", "return", "?", "||", "&&", "??", "...", "yield", "await", "+=":
		return true
	case "default":
		return s.Is(prev-1, "export")
	case "(", ",":
		p := m.enclosingOpen(s, open)
		if p < 0 || !s.Is(p, "(") {
			return s.Is(prev, ",") && p >= 0 && s.Is(p, "[")
		}
		return !IsParamList(s, p)
	case ":":
		// A property's value: the brace before is an object literal too.
		p := m.enclosingOpen(s, open)
		return p >= 0 && s.Is(p, "{") && m.objectLiteralDepth(s, p, depth+1)
	}
	return false
}

// IsParamPattern reports whether the '{' at open is a parameter pattern:
// function f({ a }) {...}, ({ a }) => ...
func (m *Model) IsParamPattern(s *Script, open int) bool {
	p := m.enclosingOpen(s, open)
	return p >= 0 && s.Is(p, "(") && IsParamList(s, p)
}
