// Package oktatest is a stand-in for an Okta org's Management API, for
// tests that must not reach the internet. It serves the brand list with
// Link pagination and the sign-in and error pages in the shapes the API
// documents (okta/okta-management-openapi-spec, CustomPages and Brands;
// error bodies as in developer.okta.com/docs/reference/error-codes/), can be
// told to answer a path with given responses first (a 429, a 503), and
// records every request so a test can check that only GET was used.
package oktatest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
)

// Response is a scripted answer.
type Response struct {
	Status int
	Header map[string]string
	Body   string
}

// Server is a fake org on http://127.0.0.1.
type Server struct {
	*httptest.Server

	auth string // the Authorization header value that is accepted

	mu        sync.Mutex
	brandList [][]string            // pages of Brand objects (raw JSON)
	pages     map[string]string     // API path → page JSON
	script    map[string][]Response // API path → answers served before the normal one
	requests  []string              // "METHOD /path?query", in order
}

// New starts a server that accepts the Authorization header value auth,
// such as "SSWS 00abc". Close it when done.
func New(auth string) *Server {
	s := &Server{auth: auth, pages: map[string]string{}, script: map[string][]Response{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// AddBrands adds one page of the brand list, each brand a JSON object.
func (s *Server) AddBrands(brands ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.brandList = append(s.brandList, brands)
}

// SetPage serves body at /api/v1/brands/{brandID}/pages/{kind}/{version};
// a page not set answers 404 as Okta does for a brand without it.
func (s *Server) SetPage(brandID, kind, version, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[PagePath(brandID, kind, version)] = body
}

// Script makes the next requests for path (without query) get rs, in
// order, before the normal answer.
func (s *Server) Script(path string, rs ...Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script[path] = append(s.script[path], rs...)
}

// Requests returns every request received so far as "METHOD /path?query".
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// PagePath is the API path of a brand's page.
func PagePath(brandID, kind, version string) string {
	return "/api/v1/brands/" + brandID + "/pages/" + kind + "/" + version
}

// Okta's error bodies (developer.okta.com/docs/reference/error-codes/).
const (
	BodyUnauthorized = `{"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011","errorId":"oaeTEST0000000000000001","errorCauses":[]}`
	BodyForbidden    = `{"errorCode":"E0000006","errorSummary":"You do not have permission to perform the requested action","errorLink":"E0000006","errorId":"oaeTEST0000000000000002","errorCauses":[]}`
	BodyNotFound     = `{"errorCode":"E0000007","errorSummary":"Not found: Resource not found: customized (Page)","errorLink":"E0000007","errorId":"oaeTEST0000000000000003","errorCauses":[]}`
	BodyRateLimited  = `{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests.","errorLink":"E0000047","errorId":"oaeTEST0000000000000004","errorCauses":[]}`
	BodyServerError  = `{"errorCode":"E0000009","errorSummary":"Internal Server Error","errorLink":"E0000009","errorId":"oaeTEST0000000000000005","errorCauses":[]}`
)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.Method+" "+r.URL.RequestURI())
	var scripted *Response
	if rs := s.script[r.URL.Path]; len(rs) > 0 {
		scripted = &rs[0]
		s.script[r.URL.Path] = rs[1:]
	}
	s.mu.Unlock()

	w.Header().Set("Content-Type", "application/json")
	if r.Method != http.MethodGet {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	if r.Header.Get("Authorization") != s.auth {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, BodyUnauthorized)
		return
	}
	if scripted != nil {
		for k, v := range scripted.Header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(scripted.Status)
		fmt.Fprint(w, scripted.Body)
		return
	}
	if r.URL.Path == "/api/v1/brands" {
		s.serveBrands(w, r)
		return
	}
	s.mu.Lock()
	body, ok := s.pages[r.URL.Path]
	s.mu.Unlock()
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, BodyNotFound)
		return
	}
	fmt.Fprint(w, body)
}

// serveBrands answers one page of the list, with Okta's Link headers: one
// header per relation, absolute URLs, the cursor in "after".
func (s *Server) serveBrands(w http.ResponseWriter, r *http.Request) {
	page := 0
	if after := r.URL.Query().Get("after"); after != "" {
		n, err := strconv.Atoi(after)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		page = n
	}
	s.mu.Lock()
	var brands []string
	if page < len(s.brandList) {
		brands = s.brandList[page]
	}
	last := page >= len(s.brandList)-1
	s.mu.Unlock()
	w.Header().Add("Link", fmt.Sprintf(`<%s%s>; rel="self"`, s.URL, r.URL.RequestURI()))
	if !last {
		w.Header().Add("Link", fmt.Sprintf(`<%s/api/v1/brands?after=%d&limit=20>; rel="next"`, s.URL, page+1))
	}
	fmt.Fprint(w, "["+strings.Join(brands, ",")+"]")
}

// Brand is a Brand object as the API returns it (the Brands tag's schema).
func Brand(id, name string) string {
	return fmt.Sprintf(`{"id":%q,"name":%q,"isDefault":false,"removePoweredByOkta":false,`+
		`"customPrivacyPolicyUrl":null,"agreeToCustomPrivacyPolicy":false,"locale":"en","emailDomainId":null,`+
		`"defaultApp":{"appInstanceId":null,"appLinkName":null,"classicApplicationUri":null},`+
		`"_links":{"self":{"href":"https://example.okta.com/api/v1/brands/%s"}}}`, id, name, id)
}

// SignInPage is a SignInPage object as the API returns it, around html.
// Fields as in the spec and the Terraform provider's recorded responses.
func SignInPage(html string) string {
	return fmt.Sprintf(`{"pageContent":%s,"widgetVersion":"^7","widgetCustomizations":{"widgetGeneration":"G2",`+
		`"showPasswordVisibilityToggle":false,"showUserIdentifier":false,"signInLabel":null},`+
		`"contentSecurityPolicySetting":{"mode":"report_only","reportUri":null,"srcList":[]}}`, jsonString(html))
}

// ErrorPage is an ErrorPage object as the API returns it, around html.
func ErrorPage(html string) string {
	return fmt.Sprintf(`{"pageContent":%s,"contentSecurityPolicySetting":{"mode":"report_only","reportUri":null,"srcList":[]}}`, jsonString(html))
}

// jsonString quotes s as a JSON string with <, > and & as \u escapes (as
// Go's encoding/json writes them), so that a test can tell whether a file
// keeps the bytes as received or was re-encoded.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == '<' || r == '>' || r == '&':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
