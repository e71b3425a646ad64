package oktaapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Brand is the part of the API's Brand object the audit uses.
type Brand struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	IsDefault bool   `json:"isDefault"`
}

// maxPages bounds the brand list: an org has a handful of brands, and a
// server that links pages in a circle must not keep the audit running.
const maxPages = 1000

// ListBrands lists the org's brands, following the Link rel="next" header
// from page to page.
func (c *Client) ListBrands(ctx context.Context) ([]Brand, error) {
	var brands []Brand
	seen, seenID := map[string]bool{}, map[string]bool{}
	next := "/api/v1/brands"
	for n := 0; next != ""; n++ {
		if n == maxPages || seen[next] {
			return nil, fmt.Errorf("GET /api/v1/brands: the server's next links do not end (%d pages)", n)
		}
		seen[next] = true
		body, header, err := c.get(ctx, next)
		if err != nil {
			return nil, err
		}
		var page []Brand
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, errors.New("GET /api/v1/brands: the response is not a list of brands")
		}
		for _, b := range page {
			if b.ID == "" {
				return nil, errors.New("GET /api/v1/brands: a brand in the response has no id")
			}
			// A brand listed twice (the list changed between pages) is
			// audited once.
			if !seenID[b.ID] {
				seenID[b.ID] = true
				brands = append(brands, b)
			}
		}
		next = nextLink(header)
	}
	return brands, nil
}

// nextLink returns the target of the Link header with rel="next", or "".
// Okta sends one Link header per relation; a comma-separated list in one
// header (RFC 8288) is read too.
func nextLink(h http.Header) string {
	for _, v := range h.Values("Link") {
		for v != "" {
			open := strings.IndexByte(v, '<')
			close := strings.IndexByte(v, '>')
			if open < 0 || close < open {
				break
			}
			target := v[open+1 : close]
			rest := v[close+1:]
			params := rest
			if end := strings.IndexByte(rest, '<'); end >= 0 {
				params = rest[:end]
			}
			v = rest[len(params):]
			for _, p := range strings.Split(params, ";") {
				name, value, ok := strings.Cut(strings.TrimSpace(p), "=")
				if !ok || !strings.EqualFold(strings.TrimSpace(name), "rel") {
					continue
				}
				value = strings.Trim(strings.TrimSpace(strings.TrimRight(strings.TrimSpace(value), ",")), `"`)
				for _, rel := range strings.Fields(value) {
					if strings.EqualFold(rel, "next") {
						return target
					}
				}
			}
		}
	}
	return ""
}

// Page is one of the pages a brand has: the sign-in or error page, in its
// customized (live), preview or default version.
type Page struct {
	Kind    string // "sign-in" or "error"
	Version string // "customized", "preview" or "default"
}

// Pages lists the pages the audit reads, in the order it reads them: the
// customized and preview pages, and the defaults when includeDefault is set.
func Pages(includeDefault bool) []Page {
	var pages []Page
	for _, kind := range []string{"sign-in", "error"} {
		for _, version := range []string{"customized", "preview", "default"} {
			if version == "default" && !includeDefault {
				continue
			}
			pages = append(pages, Page{kind, version})
		}
	}
	return pages
}

// FileName is the page's file in its brand's folder, such as
// sign-in.customized.json.
func (p Page) FileName() string { return p.Kind + "." + p.Version + ".json" }

func (p Page) String() string { return p.Kind + " page (" + p.Version + ")" }

// path is the API path of the page for a brand.
func (p Page) path(brandID string) string {
	return "/api/v1/brands/" + url.PathEscape(brandID) + "/pages/" + p.Kind + "/" + p.Version
}

// ErrNoPage matches (errors.Is) the error for a customized or preview page
// the brand does not have (the API answers 404). It is not a failure of the
// audit: for a customized page it means the default is in use.
var ErrNoPage = errors.New("no such page")

type noPageError struct{ version string }

func (e noPageError) Error() string {
	if e.version == "customized" {
		return "no customized page: the default is in use"
	}
	return "no " + e.version + " page"
}

func (e noPageError) Is(target error) bool { return target == ErrNoPage }

// FetchPage returns the page's JSON as the API sent it (a SignInPage or an
// ErrorPage), byte for byte, so that the written file reads back exactly.
// A 404 for a customized or preview page is ErrNoPage.
func (c *Client) FetchPage(ctx context.Context, brandID string, p Page) ([]byte, error) {
	path := p.path(brandID)
	body, _, err := c.get(ctx, path)
	var se *StatusError
	if errors.As(err, &se) && se.Status == http.StatusNotFound && p.Version != "default" {
		return nil, noPageError{p.Version}
	}
	if err != nil {
		return nil, err
	}
	var page map[string]json.RawMessage
	if json.Unmarshal(body, &page) != nil {
		return nil, fmt.Errorf("GET %s: the response is not a JSON object", path)
	}
	return body, nil
}
