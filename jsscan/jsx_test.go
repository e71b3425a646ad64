package jsscan

import (
	"strings"
	"testing"
)

func TestJSXTokens(t *testing.T) {
	jsx := ScriptOptions{JSX: true}
	tsx := ScriptOptions{JSX: true, TypeScript: true}
	tests := []struct {
		name string
		opts ScriptOptions
		code string
		want string
		// jsx lists the outermost elements' texts.
		jsx    []string
		errors int
	}{
		{"arrow returning an element", jsx, "const f = () => <div/>;\nx / 2",
			"keyword:const ident:f punct:= punct:( punct:) punct:=> punct:; ident:x punct:/ number:2",
			[]string{"<div/>"}, 0},
		{"parenthesized element then division", jsx, "return (<div a=\"b\">text</div>) / 2",
			"keyword:return punct:( punct:) punct:/ number:2", []string{`<div a="b">text</div>`}, 0},
		{"division right after an element", jsx, "x = <a></a> / 2 / 3",
			"ident:x punct:= punct:/ number:2 punct:/ number:3", []string{"<a></a>"}, 0},
		{"logical and", jsx, "cond && <X/>; a / b",
			"ident:cond punct:&& punct:; ident:a punct:/ ident:b", []string{"<X/>"}, 0},
		{"conditional", jsx, "a ? <A/> : <B>b</B>",
			"ident:a punct:? punct::", []string{"<A/>", "<B>b</B>"}, 0},
		{"map with a key", jsx, "list.map(x => <li key={x}>{x}</li>)",
			"ident:list punct:. ident:map punct:( ident:x punct:=> punct:{ ident:x punct:} punct:{ ident:x punct:} punct:)",
			[]string{"<li key={x}>{x}</li>"}, 0},
		{"comment container", jsx, "<div>{/* res.session.token */}</div>",
			"punct:{ punct:}", []string{"<div>{/* res.session.token */}</div>"}, 0},
		{"element in an attribute container", jsx, "<a b={<c d={e}/>} f={...g}/>",
			"punct:{ punct:{ ident:e punct:} punct:} punct:{ punct:... ident:g punct:}", []string{"<a b={<c d={e}/>} f={...g}/>"}, 0},
		{"element as an attribute value", jsx, "<a b=<c/> d={e}/>",
			"punct:{ ident:e punct:}", []string{"<a b=<c/> d={e}/>"}, 0},
		{"less than is no element", jsx, "if (a <b && c < d) x = a<b",
			"keyword:if punct:( ident:a punct:< ident:b punct:&& ident:c punct:< ident:d punct:) ident:x punct:= ident:a punct:< ident:b", nil, 0},
		{"no element after a block", jsx, "if (a) {} <b/>",
			"keyword:if punct:( ident:a punct:) punct:{ punct:} punct:< ident:b punct:/ punct:>", nil, 0},
		{"text is text", jsx, "<p>Don't 'quote \"dq `tick ${x} // no /* no res.session.token</p>; y",
			"punct:{ ident:x punct:} punct:; ident:y", []string{"<p>Don't 'quote \"dq `tick ${x} // no /* no res.session.token</p>"}, 0},
		{"attribute strings are text", jsx, "<p a='x\" {b}' c=\"it's {d}\n\" />; y",
			"punct:; ident:y", []string{"<p a='x\" {b}' c=\"it's {d}\n\" />"}, 0},
		{"template literal in a container", jsx, "<p>{`a ${b} c`}</p>",
			"punct:{ template-head:`a ${ ident:b template-tail:} c` punct:}", []string{"<p>{`a ${b} c`}</p>"}, 0},
		{"element in a template substitution", jsx, "`${<a>{b}</a>}` / 2",
			"template-head:`${ punct:{ ident:b punct:} template-tail:}` punct:/ number:2", []string{"<a>{b}</a>"}, 0},
		{"regexp in a container", jsx, "<p>{/re/.test(x)}</p>",
			"punct:{ regexp:/re/ punct:. ident:test punct:( ident:x punct:) punct:}", []string{"<p>{/re/.test(x)}</p>"}, 0},
		{"names", jsx, "<Foo.Bar.Baz><svg:rect xlink:href=\"#a\" aria-label=\"b\"/><my-element/></Foo.Bar.Baz>",
			"", []string{"<Foo.Bar.Baz><svg:rect xlink:href=\"#a\" aria-label=\"b\"/><my-element/></Foo.Bar.Baz>"}, 0},
		{"fragment", jsx, "<><a/>{b}</>",
			"punct:{ ident:b punct:}", []string{"<><a/>{b}</>"}, 0},
		{"comments in a tag", jsx, "<a /* c */ b // d\n e={f} />",
			"punct:{ ident:f punct:}", []string{"<a /* c */ b // d\n e={f} />"}, 0},
		{"nested in a container", jsx, "<ul>{items.map(i => <li>{i.name}</li>)}</ul>",
			"punct:{ ident:items punct:. ident:map punct:( ident:i punct:=> punct:{ ident:i punct:. ident:name punct:} punct:) punct:}",
			[]string{"<ul>{items.map(i => <li>{i.name}</li>)}</ul>"}, 0},
		{"braces in a container", jsx, "<p style={{a: {b: 1}}}>{ {c}.c }</p>",
			"punct:{ punct:{ ident:a punct:: punct:{ ident:b punct:: number:1 punct:} punct:} punct:} punct:{ punct:{ ident:c punct:} punct:. ident:c punct:}",
			[]string{"<p style={{a: {b: 1}}}>{ {c}.c }</p>"}, 0},
		{"html-like comment", jsx, "<!-- x\ny", "ident:y", nil, 0},
		{"unclosed element", jsx, "x = <div>{a}\nres.session.token", "ident:x punct:= punct:{ ident:a punct:}",
			[]string{"<div>{a}\nres.session.token"}, 1},
		{"unclosed container", jsx, "x = <div>{a", "ident:x punct:= punct:{ ident:a", []string{"<div>{a"}, 1},
		{"lone less-than in text", jsx, "<p>a < b</p>; c", "invalid:< punct:; ident:c", []string{"<p>a < b</p>"}, 1},
		{"bad end tag", jsx, "<p>a</p b>; c", "invalid:</p b> punct:; ident:c", []string{"<p>a</p b>"}, 1},
		{"unclosed end tag", jsx, "<p>a</p", "invalid:</p", []string{"<p>a</p"}, 1},
		{"bad character in a tag", jsx, "<p # a=\"b\">c</p>; d", "invalid:# punct:; ident:d", []string{"<p # a=\"b\">c</p>"}, 1},
		{"generic arrow functions", tsx, "const f = <T,>(x: T) => x, g = <T extends U>(y: T) => <p>{y}</p>",
			"keyword:const ident:f punct:= punct:< ident:T punct:, punct:> punct:( ident:x punct:: ident:T punct:) punct:=> ident:x punct:, " +
				"ident:g punct:= punct:< ident:T keyword:extends ident:U punct:> punct:( ident:y punct:: ident:T punct:) punct:=> punct:{ ident:y punct:}",
			[]string{"<p>{y}</p>"}, 0},
		{"generic function type", tsx, "let f: <T>(x: T) => T, o = { a: <p>(x)</p> }",
			"keyword:let ident:f punct:: punct:< ident:T punct:> punct:( ident:x punct:: ident:T punct:) punct:=> ident:T punct:, ident:o punct:= punct:{ ident:a punct:: punct:}",
			[]string{"<p>(x)</p>"}, 0},
		{"non-null assertion", tsx, "a! / b / c; !/re/.test(d); <p>{e!}</p>",
			"ident:a punct:! punct:/ ident:b punct:/ ident:c punct:; punct:! regexp:/re/ punct:. ident:test punct:( ident:d punct:) punct:; punct:{ ident:e punct:! punct:}",
			[]string{"<p>{e!}</p>"}, 0},
		{"no jsx in plain javascript", ScriptOptions{}, "x = <div/>",
			"ident:x punct:= punct:< ident:div punct:/ punct:>", nil, 0},
		{"decorators", ScriptOptions{Decorators: true}, "@a.b() @(c) class D {}",
			"punct:@ ident:a punct:. ident:b punct:( punct:) punct:@ punct:( ident:c punct:) keyword:class ident:D punct:{ punct:}", nil, 0},
		{"no decorators in plain javascript", ScriptOptions{}, "@a class D {}",
			"invalid:@ ident:a keyword:class ident:D punct:{ punct:}", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ScanScriptWith([]byte(tt.code), 0, nil, tt.opts)
			if got := tokens(s); got != tt.want {
				t.Errorf("tokens of %q:\n got %s\nwant %s", tt.code, got, tt.want)
			}
			var got []string
			for _, j := range s.JSX {
				got = append(got, tt.code[j.Start:j.End])
			}
			if strings.Join(got, "\n") != strings.Join(tt.jsx, "\n") {
				t.Errorf("JSX elements %q, want %q", got, tt.jsx)
			}
			if s.LexErrors != tt.errors {
				t.Errorf("%d lexer errors, want %d", s.LexErrors, tt.errors)
			}
			checkScript(t, []byte(tt.code), s)
			checkJSXSpans(t, s)
		})
	}
}

// The braces of a container match each other, and the brackets around an
// element match across it.
func TestJSXBrackets(t *testing.T) {
	code := "f(<a b={c}>{[d]}</a>, e)"
	s := ScanScriptWith([]byte(code), 0, nil, ScriptOptions{JSX: true})
	want := "ident:f punct:( punct:{ ident:c punct:} punct:{ punct:[ ident:d punct:] punct:} punct:, ident:e punct:)"
	if got := tokens(s); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	for i, j := range map[int]int{1: 12, 2: 4, 5: 9, 6: 8} {
		if s.Match(i) != j || s.Match(j) != i {
			t.Errorf("token %d %q matches %d, want %d", i, s.Text(s.Tokens[i]), s.Match(i), j)
		}
	}
}

// The comments of JSX tags and containers are the script's comments.
func TestJSXComments(t *testing.T) {
	code := "<a /* one */ b={/* two */ c} // three\n>{/* four */}// text\n</a> // five"
	s := ScanScriptWith([]byte(code), 0, nil, ScriptOptions{JSX: true})
	var got []string
	for _, c := range s.Comments {
		got = append(got, code[c.Start:c.End])
	}
	if want := "/* one */|/* two */|// three|/* four */|// five"; strings.Join(got, "|") != want {
		t.Errorf("comments %q, want %s", got, want)
	}
}
