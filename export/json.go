package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tmpllint/tmpllint/embedded"
	"github.com/tmpllint/tmpllint/lint"
)

// ErrNotExport is returned for JSON of another shape (package.json,
// tsconfig.json, ...): a directory walk skips such a file silently.
var ErrNotExport = errors.New("not an Okta sign-in or error page export (no pageContent)")

// node is a JSON value and the bytes it occupies.
type node struct {
	start, end int
	kind       byte // '{', '[', '"', 'n' (null), 'v' (number, true, false)
	members    []member
	items      []*node
}

type member struct {
	key string
	val *node
}

func (n *node) get(key string) *node {
	if n == nil || n.kind != '{' {
		return nil
	}
	for i := len(n.members) - 1; i >= 0; i-- { // the last duplicate wins, as in encoding/json
		if n.members[i].key == key {
			return n.members[i].val
		}
	}
	return nil
}

// jsonParser reads JSON that json.Valid accepted, keeping spans.
type jsonParser struct {
	data []byte
	pos  int
}

func (p *jsonParser) space() {
	for p.pos < len(p.data) && (p.data[p.pos] == ' ' || p.data[p.pos] == '\t' || p.data[p.pos] == '\n' || p.data[p.pos] == '\r') {
		p.pos++
	}
}

func (p *jsonParser) value() *node {
	p.space()
	n := &node{start: p.pos}
	switch c := p.data[p.pos]; c {
	case '{':
		n.kind = '{'
		p.pos++
		for {
			p.space()
			if p.data[p.pos] == '}' {
				p.pos++
				break
			}
			if p.data[p.pos] == ',' {
				p.pos++
				continue
			}
			k := p.value()
			var key string
			_ = json.Unmarshal(p.data[k.start:k.end], &key)
			p.space()
			p.pos++ // ':'
			n.members = append(n.members, member{key: key, val: p.value()})
		}
	case '[':
		n.kind = '['
		p.pos++
		for {
			p.space()
			if p.data[p.pos] == ']' {
				p.pos++
				break
			}
			if p.data[p.pos] == ',' {
				p.pos++
				continue
			}
			n.items = append(n.items, p.value())
		}
	case '"':
		n.kind = '"'
		p.pos++
		for p.data[p.pos] != '"' {
			if p.data[p.pos] == '\\' {
				p.pos++
			}
			p.pos++
		}
		p.pos++
	default:
		n.kind = 'v'
		if c == 'n' {
			n.kind = 'n'
		}
		for p.pos < len(p.data) && !strings.ContainsRune(" \t\r\n,]}", rune(p.data[p.pos])) {
			p.pos++
		}
	}
	n.end = p.pos
	return n
}

// str returns a string node's value.
func (n *node) str(data []byte) (string, bool) {
	if n == nil || n.kind != '"' {
		return "", false
	}
	var s string
	err := json.Unmarshal(data[n.start:n.end], &s)
	return s, err == nil
}

// setting returns a string value as a lint.Setting; null and absent give
// nil, another kind gives its JSON text.
func (n *node) setting(data []byte) *lint.Setting {
	if n == nil || n.kind == 'n' {
		return nil
	}
	s, ok := n.str(data)
	if !ok {
		s = string(data[n.start:n.end])
	}
	return &lint.Setting{Value: s, Start: n.start, End: n.end}
}

// ReadJSON reads an Okta Management API export: a SignInPage or ErrorPage
// (GET .../pages/sign-in/customized), a PageRoot (GET .../pages/sign-in
// with _embedded.customized, .preview, .default), or a list of them. name
// is the file's name, used to tell an error page from a sign-in page when
// the JSON does not (an ErrorPage has no widget settings). It returns
// ErrNotExport for JSON of another shape and an error for text that is
// not JSON.
func ReadJSON(name string, data []byte) ([]Page, error) {
	p := &jsonParser{data: data}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		p.pos = 3 // a byte order mark, which Windows editors write
	}
	if !json.Valid(data[p.pos:]) {
		var v any
		err := json.Unmarshal(data[p.pos:], &v)
		return nil, fmt.Errorf("not valid JSON: %v", err)
	}
	root := p.value()
	var pages []Page
	var walk func(n *node, where string, kind lint.PageKind) error
	walk = func(n *node, where string, kind lint.PageKind) error {
		switch {
		case n.kind == '[':
			for i, item := range n.items {
				if err := walk(item, fmt.Sprintf("%s[%d]", where, i), kind); err != nil {
					return err
				}
			}
		case n.get("_embedded") != nil:
			emb := n.get("_embedded")
			if href, ok := n.get("_links").get("self").get("href").str(data); ok {
				switch {
				case strings.Contains(href, "/pages/error"):
					kind = lint.PageError
				case strings.Contains(href, "/pages/sign-in"):
					kind = lint.PageSignIn
				}
			}
			// In file order, so that diagnostics and pages come in the
			// order of the file.
			for _, m := range emb.members {
				if (m.key == "customized" || m.key == "preview" || m.key == "default") && m.val.kind == '{' && emb.get(m.key) == m.val {
					if err := walk(m.val, join(where, "_embedded."+m.key), kind); err != nil {
						return err
					}
				}
			}
		case n.get("pageContent") != nil:
			page, err := jsonPage(data, n, where, kind, name)
			if err != nil {
				return err
			}
			pages = append(pages, page)
		}
		return nil
	}
	if err := walk(root, "", lint.PageUnknown); err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, ErrNotExport
	}
	return pages, nil
}

func join(where, path string) string {
	if where == "" {
		return path
	}
	return where + "." + path
}

func jsonPage(data []byte, n *node, where string, kind lint.PageKind, name string) (Page, error) {
	s := &lint.PageSettings{Where: join(where, "pageContent")}
	page := Page{Embedded: lint.Embedded{Settings: s}}
	s.WidgetVersion = n.get("widgetVersion").setting(data)
	wc := n.get("widgetCustomizations")
	s.WidgetGeneration = wc.get("widgetGeneration").setting(data)
	switch {
	case kind != lint.PageUnknown:
	case n.get("widgetVersion") != nil || wc != nil:
		kind = lint.PageSignIn
	case strings.Contains(strings.ToLower(filepath.Base(name)), "error"):
		kind = lint.PageError
	}
	s.Page = kind
	if csp := n.get("contentSecurityPolicySetting"); csp != nil && csp.kind == '{' {
		s.CSPMode = csp.get("mode").setting(data)
		if list := csp.get("srcList"); list != nil && list.kind != 'n' {
			if list.kind != '[' {
				s.CSPSrcListBad = list.setting(data)
			}
			for _, item := range list.items {
				if item.kind != '"' {
					s.CSPSrcListBad = item.setting(data)
					continue
				}
				s.CSPSrcList = append(s.CSPSrcList, *item.setting(data))
			}
		}
	}
	if v := s.WidgetVersion; v != nil {
		page.Widget = widgetVersion(v.Value, fmt.Sprintf("widgetVersion %q in %s", v.Value, displayBase(name)))
	}
	content := n.get("pageContent")
	if content.kind != '"' {
		// null: no customized content (the default is in use).
		return page, nil
	}
	m, err := embedded.NewJSON(data, content.start+1, content.end-1)
	if err != nil {
		return Page{}, fmt.Errorf("%s: %v", s.Where, err)
	}
	if want, _ := content.str(data); want != string(m.Text()) {
		return Page{}, fmt.Errorf("%s: the string does not decode the way encoding/json reads it; not linted", s.Where)
	}
	page.Map = m
	return page, nil
}

func displayBase(name string) string { return filepath.Base(name) }
