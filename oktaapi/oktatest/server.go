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

// Brand is a Brand object as the API returns it: the keys, their order and
// the null values of the Terraform provider's recorded responses
// (okta/terraform-provider-okta, test/fixtures/vcr/idaas/
// TestAccResourceOktaCustomizedSignInPage_crud/oie-00.yaml).
func Brand(id, name string) string {
	return fmt.Sprintf(`{"id":%s,"name":%s,"removePoweredByOkta":false,"customPrivacyPolicyUrl":null,`+
		`"agreeToCustomPrivacyPolicy":false,"isDefault":false,"locale":"en",`+
		`"defaultApp":{"appInstanceId":null,"appLinkName":null,"classicApplicationUri":null},`+
		`"_links":{"themes":{"href":"https://example.okta.com/api/v1/brands/%s/themes","hints":{"allow":["GET"]}},`+
		`"self":{"href":"https://example.okta.com/api/v1/brands/%s","hints":{"allow":["GET","PUT","DELETE"]}}}}`,
		jsonString(id), jsonString(name), id, id)
}

// widgetCustomizations is the object as recorded (oie-00.yaml above):
// every key, unset ones null.
const widgetCustomizations = `{"signInLabel":null,"usernameLabel":null,"usernameInfoTip":null,` +
	`"passwordLabel":null,"passwordInfoTip":null,"showPasswordVisibilityToggle":false,"showUserIdentifier":false,` +
	`"forgotPasswordLabel":null,"forgotPasswordUrl":null,"unlockAccountLabel":null,"unlockAccountUrl":null,` +
	`"helpLabel":null,"helpUrl":null,"customLink1Label":null,"customLink1Url":null,"customLink2Label":null,` +
	`"customLink2Url":null,"authenticatorPageCustomLinkLabel":null,"authenticatorPageCustomLinkUrl":null,` +
	`"classicRecoveryFlowEmailOrUsernameLabel":null,"widgetGeneration":"G2",` +
	`"postAuthKeepMeSignedInPrompt":{"title":null,"subtitle":null,"acceptButtonText":null,"rejectButtonText":null}}`

// SignInPage is a SignInPage object as a GET of a customized page returns
// it (oie-00.yaml above), around html, with widgetVersion "^6".
func SignInPage(html string) string {
	return `{"pageContent":` + jsonString(html) + `,"widgetVersion":"^6","widgetCustomizations":` + widgetCustomizations + `}`
}

// UnsetSignInPage is what the same GET returned for a brand whose page
// had only widget customizations set: no HTML, no version.
func UnsetSignInPage() string {
	return `{"pageContent":null,"widgetVersion":null,"widgetCustomizations":` + widgetCustomizations + `}`
}

// ErrorPage is an ErrorPage object (no recorded response; the spec's
// schema: pageContent and contentSecurityPolicySetting), around html.
func ErrorPage(html string) string {
	return `{"pageContent":` + jsonString(html) +
		`,"contentSecurityPolicySetting":{"mode":"report_only","reportUri":null,"srcList":[]}}`
}

// jsonString quotes s as the recorded responses do: quotes, backslashes and
// control characters escaped, "<", ">", "&" and non-ASCII as they are (Go's
// encoding/json would write \u003c: a file re-encoded on the way shows).
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
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
