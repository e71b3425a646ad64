package oktaapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tmpllint/tmpllint/oktaapi/oktatest"
)

const token = "00tok-SECRET-4f9c2e"

// fakeClock is a clock that records the waits asked of it instead of
// sleeping.
type fakeClock struct {
	now   time.Time
	waits []time.Duration
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	return nil
}

// newTestClient returns a client of srv with an API token and a fake clock.
func newTestClient(t *testing.T, srv *oktatest.Server) (*Client, *fakeClock) {
	t.Helper()
	c, err := NewClient(srv.URL, Credential{scheme: "SSWS", token: token})
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{now: time.Unix(1_800_000_000, 0)}
	c.Now, c.Sleep = clock.Now, clock.Sleep
	return c, clock
}

func newServer(t *testing.T) *oktatest.Server {
	srv := oktatest.New("SSWS " + token)
	t.Cleanup(srv.Close)
	return srv
}

// onlyGET fails the test if the server saw any method but GET.
func onlyGET(t *testing.T, srv *oktatest.Server) {
	t.Helper()
	for _, r := range srv.Requests() {
		if !strings.HasPrefix(r, "GET ") {
			t.Errorf("the server received %s", r)
		}
	}
}

// noToken fails the test if s holds the token.
func noToken(t *testing.T, what, s string) {
	t.Helper()
	if strings.Contains(s, token) {
		t.Errorf("%s contains the token: %s", what, s)
	}
}

func TestListBrandsFollowsNextLinks(t *testing.T) {
	srv := newServer(t)
	srv.AddBrands(oktatest.Brand("bnd1", "Acme"), oktatest.Brand("bnd2", "Acme Staff"))
	srv.AddBrands(oktatest.Brand("bnd3", "Partners"))
	c, _ := newTestClient(t, srv)
	brands, err := c.ListBrands(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []Brand{{ID: "bnd1", Name: "Acme"}, {ID: "bnd2", Name: "Acme Staff"}, {ID: "bnd3", Name: "Partners"}}
	if !reflect.DeepEqual(brands, want) {
		t.Errorf("brands = %+v, want %+v", brands, want)
	}
	wantReqs := []string{"GET /api/v1/brands", "GET /api/v1/brands?after=1&limit=20"}
	if got := srv.Requests(); !reflect.DeepEqual(got, wantReqs) {
		t.Errorf("requests = %q, want %q", got, wantReqs)
	}
}

func TestListBrandsRefusesLinkToAnotherHost(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a request reached another host, with Authorization %q", r.Header.Get("Authorization"))
	}))
	defer other.Close()
	srv := newServer(t)
	srv.Script("/api/v1/brands", oktatest.Response{
		Status: 200, Body: "[" + oktatest.Brand("bnd1", "Acme") + "]",
		Header: map[string]string{"Link": "<" + other.URL + `/api/v1/brands?after=x>; rel="next"`},
	})
	c, _ := newTestClient(t, srv)
	_, err := c.ListBrands(context.Background())
	if err == nil || !strings.Contains(err.Error(), "refused to follow a link") {
		t.Errorf("err = %v, want a refusal", err)
	}
}

func TestListBrandsStopsOnALoop(t *testing.T) {
	srv := newServer(t)
	loop := oktatest.Response{Status: 200, Body: "[]", Header: map[string]string{"Link": `</api/v1/brands>; rel="next"`}}
	srv.Script("/api/v1/brands", loop, loop, loop)
	c, _ := newTestClient(t, srv)
	if _, err := c.ListBrands(context.Background()); err == nil || !strings.Contains(err.Error(), "do not end") {
		t.Errorf("err = %v, want the loop reported", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want 1 (the link points back at the first page)", n)
	}
}

func TestNextLink(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   string
	}{
		{"okta: a header per relation", []string{`<https://a.okta.com/api/v1/brands>; rel="self"`, `<https://a.okta.com/api/v1/brands?after=b2>; rel="next"`}, "https://a.okta.com/api/v1/brands?after=b2"},
		{"one header, comma list", []string{`<https://a/x>; rel="self", <https://a/y?after=1>; rel="next"`}, "https://a/y?after=1"},
		{"unquoted, upper case", []string{`</y>; REL=NEXT`}, "/y"},
		{"several relations", []string{`</y>; rel="prev next"`}, "/y"},
		{"last page", []string{`<https://a/x>; rel="self"`}, ""},
		{"no header", nil, ""},
		{"garbage", []string{`rel="next"`, `>< ; rel=next`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for _, v := range tt.values {
				h.Add("Link", v)
			}
			if got := nextLink(h); got != tt.want {
				t.Errorf("nextLink = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFetchPageKeepsBytes(t *testing.T) {
	srv := newServer(t)
	body := oktatest.SignInPage("<html>{{{SignInWidgetResources}}}</html>\n")
	srv.SetPage("bnd1", "sign-in", "customized", body)
	c, _ := newTestClient(t, srv)
	got, err := c.FetchPage(context.Background(), "bnd1", Page{"sign-in", "customized"})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != body {
		t.Errorf("page = %s, want the bytes as served: %s", got, body)
	}
	// encoding/json would write < as \u003c: the fixture's raw < shows a
	// page re-encoded on the way.
	if !strings.Contains(string(got), `"pageContent":"<html>`) {
		t.Fatalf("the fixture should carry a raw <: %s", got)
	}
}

func TestFetchPageNotFound(t *testing.T) {
	srv := newServer(t)
	c, _ := newTestClient(t, srv)
	ctx := context.Background()
	_, err := c.FetchPage(ctx, "bnd1", Page{"sign-in", "customized"})
	if !errors.Is(err, ErrNoPage) || err.Error() != "no customized page: the default is in use" {
		t.Errorf("customized: err = %v, want ErrNoPage saying the default is in use", err)
	}
	_, err = c.FetchPage(ctx, "bnd1", Page{"error", "preview"})
	if !errors.Is(err, ErrNoPage) || err.Error() != "no preview page" {
		t.Errorf("preview: err = %v, want ErrNoPage", err)
	}
	// A default page always exists; its 404 is an error.
	_, err = c.FetchPage(ctx, "bnd1", Page{"sign-in", "default"})
	var se *StatusError
	if errors.Is(err, ErrNoPage) || !errors.As(err, &se) || se.Status != 404 {
		t.Errorf("default: err = %v, want a 404 StatusError", err)
	}
}

func TestFetchPageRefusesNonObject(t *testing.T) {
	srv := newServer(t)
	srv.SetPage("bnd1", "error", "customized", "<html>not json</html>")
	c, _ := newTestClient(t, srv)
	if _, err := c.FetchPage(context.Background(), "bnd1", Page{"error", "customized"}); err == nil || !strings.Contains(err.Error(), "not a JSON object") {
		t.Errorf("err = %v", err)
	}
}

func TestRateLimitWaitsUntilReset(t *testing.T) {
	srv := newServer(t)
	c, clock := newTestClient(t, srv)
	serverNow := clock.now.Add(-5 * time.Second) // the local clock runs 5 s ahead
	srv.Script("/api/v1/brands", oktatest.Response{
		Status: 429, Body: oktatest.BodyRateLimited,
		Header: map[string]string{
			"X-Rate-Limit-Limit": "100", "X-Rate-Limit-Remaining": "0",
			"X-Rate-Limit-Reset": strconv.FormatInt(serverNow.Unix()+12, 10),
			"Date":               serverNow.UTC().Format(http.TimeFormat),
		},
	})
	srv.AddBrands(oktatest.Brand("bnd1", "Acme"))
	brands, err := c.ListBrands(context.Background())
	if err != nil || len(brands) != 1 {
		t.Fatalf("brands = %v, err = %v", brands, err)
	}
	// 12 s by the server's clock, and a second for the whole-second reset.
	if want := []time.Duration{13 * time.Second}; !reflect.DeepEqual(clock.waits, want) {
		t.Errorf("waits = %v, want %v", clock.waits, want)
	}
}

func TestRateLimitWaitBounds(t *testing.T) {
	c := &Client{MaxWait: 60 * time.Second, Now: func() time.Time { return time.Unix(1000, 0) }}
	tests := []struct {
		reset string
		want  time.Duration
	}{
		{"1030", 31 * time.Second},
		{"5000", 60 * time.Second}, // capped
		{"900", time.Second},       // already past
		{"", time.Second},          // no header: backoff after the first failure
		{"soon", time.Second},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.reset != "" {
			h.Set("X-Rate-Limit-Reset", tt.reset)
		}
		if got := c.rateLimitWait(h, 0); got != tt.want {
			t.Errorf("reset %q: wait %v, want %v", tt.reset, got, tt.want)
		}
	}
}

func TestServerErrorRetriedWithBackoff(t *testing.T) {
	srv := newServer(t)
	fail := oktatest.Response{Status: 503, Body: oktatest.BodyServerError}
	srv.Script("/api/v1/brands", fail, oktatest.Response{Status: 502})
	srv.AddBrands(oktatest.Brand("bnd1", "Acme"))
	c, clock := newTestClient(t, srv)
	if _, err := c.ListBrands(context.Background()); err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{time.Second, 2 * time.Second}; !reflect.DeepEqual(clock.waits, want) {
		t.Errorf("waits = %v, want %v", clock.waits, want)
	}
}

func TestRetriesAreBounded(t *testing.T) {
	for _, status := range []int{429, 500} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			srv := newServer(t)
			rs := make([]oktatest.Response, 20)
			for i := range rs {
				rs[i] = oktatest.Response{Status: status, Body: oktatest.BodyServerError}
			}
			srv.Script("/api/v1/brands", rs...)
			c, clock := newTestClient(t, srv)
			c.MaxRetries = 3
			_, err := c.ListBrands(context.Background())
			var se *StatusError
			if !errors.As(err, &se) || se.Status != status {
				t.Fatalf("err = %v, want a %d StatusError", err, status)
			}
			if n := len(srv.Requests()); n != 4 {
				t.Errorf("%d requests, want 4 (1 + 3 retries)", n)
			}
			if len(clock.waits) != 3 {
				t.Errorf("waits = %v, want 3", clock.waits)
			}
		})
	}
}

// TestStatusSentences checks that each status an auditor meets is one
// sentence naming the cause, without the token even when the server echoes
// it back.
func TestStatusSentences(t *testing.T) {
	echo := `{"errorCode":"E0000011","errorSummary":"Invalid token provided: ` + token + `"}`
	tests := []struct {
		status int
		body   string
		want   string
	}{
		{401, echo, "Okta rejected the token; it is wrong, expired or revoked"},
		{403, oktatest.BodyForbidden, "it needs the okta.brands.read scope"},
		{400, echo, "400 Bad Request: Invalid token provided: [token]"},
		{500, echo, "(still failing after the retries)"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			srv := newServer(t)
			rs := make([]oktatest.Response, 10)
			for i := range rs {
				rs[i] = oktatest.Response{Status: tt.status, Body: tt.body}
			}
			srv.Script("/api/v1/brands", rs...)
			c, _ := newTestClient(t, srv)
			_, err := c.ListBrands(context.Background())
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) {
				t.Errorf("message %q does not say %q", msg, tt.want)
			}
			if strings.Contains(msg, "\n") || strings.Count(msg, ". ") > 0 {
				t.Errorf("message %q is not one sentence", msg)
			}
			noToken(t, "the error", msg)
		})
	}
}

func TestRedirectNotFollowed(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the redirect was followed, with Authorization %q", r.Header.Get("Authorization"))
	}))
	defer other.Close()
	srv := newServer(t)
	srv.Script("/api/v1/brands", oktatest.Response{Status: 302, Header: map[string]string{"Location": other.URL + "/steal"}})
	c, _ := newTestClient(t, srv)
	_, err := c.ListBrands(context.Background())
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 302 {
		t.Errorf("err = %v, want a 302 StatusError", err)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer slow.Close()
	defer close(release)
	c, err := NewClient(slow.URL, Credential{scheme: "Bearer", token: token})
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{}
	c.Now, c.Sleep = clock.Now, clock.Sleep
	c.Timeout = 50 * time.Millisecond
	c.MaxRetries = 1
	_, err = c.ListBrands(context.Background())
	if err == nil || !strings.Contains(err.Error(), "no response within 50ms") {
		t.Errorf("err = %v, want a timeout", err)
	}
	if len(clock.waits) != 1 {
		t.Errorf("waits = %v, want one retry after the first timeout", clock.waits)
	}
}

// TestOnlyGETLeavesTheClient sends every method through the client's
// transport: all but GET must be refused before reaching the server.
func TestOnlyGETLeavesTheClient(t *testing.T) {
	srv := newServer(t)
	c, _ := newTestClient(t, srv)
	for _, method := range []string{"PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"} {
		req, err := http.NewRequest(method, srv.URL+"/api/v1/brands/bnd1/pages/sign-in/customized", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := c.http.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		if !errors.Is(err, ErrNotGet) {
			t.Errorf("%s: err = %v, want ErrNotGet", method, err)
		}
	}
	if got := srv.Requests(); len(got) != 0 {
		t.Errorf("requests reached the server: %q", got)
	}
	// SetTransport keeps the guard.
	c.SetTransport(http.DefaultTransport)
	req, _ := http.NewRequest("DELETE", srv.URL+"/api/v1/brands/bnd1", nil)
	if _, err := c.http.Do(req); !errors.Is(err, ErrNotGet) {
		t.Errorf("after SetTransport: err = %v, want ErrNotGet", err)
	}
	onlyGET(t, srv)
}

func TestAuthorizationHeader(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{EnvAPIToken: token}, "SSWS " + token},
		{map[string]string{EnvAccessToken: token}, "Bearer " + token},
	} {
		srv := oktatest.New(tt.want)
		srv.AddBrands(oktatest.Brand("bnd1", "Acme"))
		cred, err := CredentialFromEnv(func(k string) string { return tt.env[k] })
		if err != nil {
			t.Fatal(err)
		}
		noToken(t, "the credential's String", cred.String())
		c, err := NewClient(srv.URL, cred)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.ListBrands(context.Background()); err != nil {
			t.Errorf("%s: %v", tt.want[:4], err)
		}
		srv.Close()
	}
}

func TestCredentialFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string // error text, "" for none
	}{
		{map[string]string{}, "no token: set OKTA_API_TOKEN"},
		{map[string]string{EnvAPIToken: "  "}, "no token"},
		{map[string]string{EnvAPIToken: token, EnvAccessToken: token}, "both OKTA_API_TOKEN and OKTA_ACCESS_TOKEN are set"},
		{map[string]string{EnvAPIToken: token}, ""},
		{map[string]string{EnvAPIToken: "SSWS " + token}, ""},
		{map[string]string{EnvAccessToken: " bearer " + token + "\n"}, ""},
		{map[string]string{EnvAPIToken: token + "\n" + token}, "OKTA_API_TOKEN has white space or control characters inside"},
		{map[string]string{EnvAccessToken: "Bearer " + token + " x"}, "OKTA_ACCESS_TOKEN has white space"},
	}
	for _, tt := range tests {
		c, err := CredentialFromEnv(func(k string) string { return tt.env[k] })
		if err == nil && c.token != token {
			t.Errorf("%q: token %q, want %q", tt.env, c.token, token)
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			noToken(t, "the credential printed with "+verb, fmt.Sprintf(verb, c))
		}
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%v: %v", tt.env, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%v: err = %v, want %q", tt.env, err, tt.want)
		}
		if err != nil {
			noToken(t, "the error", err.Error())
		}
	}
}

func TestNewClientOrg(t *testing.T) {
	cred := Credential{scheme: "SSWS", token: token}
	tests := []struct {
		org, want, err string
	}{
		{"https://acme.okta.com", "https://acme.okta.com", ""},
		{"https://acme.okta.com/", "https://acme.okta.com", ""},
		{" https://acme.oktapreview.com ", "https://acme.oktapreview.com", ""},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080", ""},
		{"http://localhost:1234", "http://localhost:1234", ""},
		{"http://acme.okta.com", "", "must use https://"},
		{"http://127.0.0.1.evil.com", "", "must use https://"},
		{"ftp://acme.okta.com", "", "must use https://"},
		{"acme.okta.com", "", "is not a URL"},
		{"https://acme.okta.com/api/v1", "", "the org's address alone"},
		{"https://acme.okta.com?x=1", "", "the org's address alone"},
		{"https://admin:" + token + "@acme.okta.com", "", "must not contain a user name or password"},
	}
	for _, tt := range tests {
		c, err := NewClient(tt.org, cred)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: err = %v, want %q", tt.org, err, tt.err)
			}
			if err != nil {
				noToken(t, "the error", err.Error())
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.org, err)
			continue
		}
		if c.Org() != tt.want {
			t.Errorf("%q: org %q, want %q", tt.org, c.Org(), tt.want)
		}
	}
	if _, err := NewClient("https://acme.okta.com", Credential{}); err == nil {
		t.Error("a client without a token was made")
	}
}

func TestListBrandsOnceEach(t *testing.T) {
	srv := newServer(t)
	srv.AddBrands(oktatest.Brand("bnd1", "Acme"), oktatest.Brand("bnd2", "Staff"))
	srv.AddBrands(oktatest.Brand("bnd2", "Staff"), oktatest.Brand("bnd3", "Partners"))
	c, _ := newTestClient(t, srv)
	brands, err := c.ListBrands(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, b := range brands {
		ids = append(ids, b.ID)
	}
	if want := []string{"bnd1", "bnd2", "bnd3"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
}

func TestNotTransientNotRetried(t *testing.T) {
	for _, status := range []int{400, 404, 501, 505} {
		srv := newServer(t)
		srv.Script("/api/v1/brands", oktatest.Response{Status: status}, oktatest.Response{Status: status})
		c, clock := newTestClient(t, srv)
		_, err := c.ListBrands(context.Background())
		var se *StatusError
		if !errors.As(err, &se) || se.Status != status {
			t.Errorf("%d: err = %v", status, err)
		}
		if n := len(srv.Requests()); n != 1 || len(clock.waits) != 0 {
			t.Errorf("%d: %d requests and waits %v, want 1 request and no wait", status, n, clock.waits)
		}
	}
}

// TestHTTPS reads from a server over TLS, as from a real org.
func TestHTTPS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Write([]byte(`[` + oktatest.Brand("bnd1", "Acme") + `]`))
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL, Credential{scheme: "Bearer", token: token})
	if err != nil {
		t.Fatal(err)
	}
	c.SetTransport(srv.Client().Transport)
	brands, err := c.ListBrands(context.Background())
	if err != nil || len(brands) != 1 || brands[0].Name != "Acme" {
		t.Errorf("brands = %v, err = %v", brands, err)
	}
	// Without the test server's certificate the connection is refused, and
	// the error says why without the token.
	// It is not retried: asking again does not make the certificate trusted.
	c.SetTransport(http.DefaultTransport)
	clock := &fakeClock{}
	c.Now, c.Sleep = clock.Now, clock.Sleep
	_, err = c.ListBrands(context.Background())
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("err = %v, want a certificate error", err)
	}
	if len(clock.waits) != 0 {
		t.Errorf("waits = %v, want none", clock.waits)
	}
	if err != nil {
		noToken(t, "the error", err.Error())
	}
}
