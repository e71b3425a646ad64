package oktaapi

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Environment variables the credential is read from. A token is never taken
// from the command line, where other users and shell history can read it.
const (
	EnvAPIToken    = "OKTA_API_TOKEN"    // an API token: Authorization: SSWS <token>
	EnvAccessToken = "OKTA_ACCESS_TOKEN" // an OAuth 2.0 access token: Authorization: Bearer <token>
)

// Scope is the OAuth 2.0 scope the audit needs; an API token needs an admin
// role that can read brands.
const Scope = "okta.brands.read"

// Credential is how requests authenticate. Its token is unexported and its
// String method does not print it, so a Credential formatted into a message
// by mistake still hides the secret.
type Credential struct {
	scheme string // "SSWS" or "Bearer"
	token  string
}

// String names the kind of credential, never its value.
func (c Credential) String() string {
	if c.scheme == "SSWS" {
		return "API token from " + EnvAPIToken
	}
	return "access token from " + EnvAccessToken
}

// GoString keeps %#v from printing the token too.
func (c Credential) GoString() string { return c.String() }

// CredentialFromEnv reads the credential from OKTA_API_TOKEN or
// OKTA_ACCESS_TOKEN through getenv. Exactly one must be set: with both, the
// run would depend on a precedence the user may not know.
//
// A value copied with its scheme ("SSWS 00ab...", "Bearer eyJ...") is
// accepted without it; a value with white space or control characters
// inside is refused (it is not a token, and would not fit in a header).
func CredentialFromEnv(getenv func(string) string) (Credential, error) {
	api := tokenValue(getenv(EnvAPIToken), "SSWS")
	access := tokenValue(getenv(EnvAccessToken), "Bearer")
	var c Credential
	switch {
	case api != "" && access != "":
		return Credential{}, fmt.Errorf("both %s and %s are set; unset one of them", EnvAPIToken, EnvAccessToken)
	case api != "":
		c = Credential{scheme: "SSWS", token: api}
	case access != "":
		c = Credential{scheme: "Bearer", token: access}
	default:
		return Credential{}, fmt.Errorf("no token: set %s to an API token, or %s to an access token with scope %s", EnvAPIToken, EnvAccessToken, Scope)
	}
	if strings.IndexFunc(c.token, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return Credential{}, fmt.Errorf("%s has white space or control characters inside; it is not a token", c.envName())
	}
	return c, nil
}

// tokenValue trims v and a leading scheme name.
func tokenValue(v, scheme string) string {
	v = strings.TrimSpace(v)
	if len(v) > len(scheme) && strings.EqualFold(v[:len(scheme)], scheme) && v[len(scheme)] == ' ' {
		v = strings.TrimSpace(v[len(scheme):])
	}
	return v
}

func (c Credential) envName() string {
	if c.scheme == "SSWS" {
		return EnvAPIToken
	}
	return EnvAccessToken
}

// Client reads from one Okta org. The zero value is not usable; call
// NewClient. Fields may be changed before the first request.
type Client struct {
	// Timeout bounds each request, from sending it to reading the last byte.
	Timeout time.Duration
	// MaxRetries is how many times one request is repeated after a 429, a
	// 5xx or a network failure before the error is returned.
	MaxRetries int
	// MaxWait caps each wait: a 429's wait until X-Rate-Limit-Reset, and the
	// backoff after a 5xx.
	MaxWait time.Duration
	// Now and Sleep are the clock; tests replace them so that no test
	// sleeps. Sleep returns early with ctx's error when ctx ends.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	org  *url.URL
	cred Credential
	http *http.Client
}

// Defaults of a new Client.
const (
	DefaultTimeout    = 30 * time.Second
	DefaultMaxRetries = 4
	DefaultMaxWait    = 60 * time.Second
)

// maxBody bounds what one response may hold. A page is a few kilobytes;
// the API caps pageContent far below this.
const maxBody = 16 << 20

// NewClient returns a client for the org at orgURL, such as
// https://acme.okta.com. The URL must use HTTPS, except http://localhost
// and http://127.0.0.1 (a local test server): the token must not cross a
// network in clear text.
func NewClient(orgURL string, cred Credential) (*Client, error) {
	org, err := parseOrg(orgURL)
	if err != nil {
		return nil, err
	}
	if cred.token == "" {
		return nil, errors.New("no token")
	}
	c := &Client{
		Timeout:    DefaultTimeout,
		MaxRetries: DefaultMaxRetries,
		MaxWait:    DefaultMaxWait,
		Now:        time.Now,
		Sleep:      sleep,
		org:        org,
		cred:       cred,
	}
	c.http = &http.Client{
		Transport: getOnly{http.DefaultTransport},
		// A redirect is refused, not followed: following one could carry
		// the token to another host, and the API does not redirect.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c, nil
}

// SetTransport replaces the HTTP transport (a test server's, or one with a
// proxy). Whatever it is, only GET requests reach it.
func (c *Client) SetTransport(rt http.RoundTripper) {
	c.http.Transport = getOnly{rt}
}

// Org is the org's URL as the client uses it: scheme and host only.
func (c *Client) Org() string { return c.org.String() }

func parseOrg(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.Opaque != "" {
		return nil, fmt.Errorf("--org %q is not a URL such as https://acme.okta.com", raw)
	}
	if u.User != nil {
		return nil, errors.New("--org must not contain a user name or password; the token is read from the environment")
	}
	if u.RawQuery != "" || u.Fragment != "" || strings.Trim(u.Path, "/") != "" {
		return nil, fmt.Errorf("--org %q must be the org's address alone, such as https://acme.okta.com", raw)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	default:
		return nil, fmt.Errorf("--org %q must use https:// (plain http is allowed only for localhost and 127.0.0.1)", raw)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

func isLoopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1"
}

// getOnly is a transport that lets GET requests through and refuses every
// other method, so the client cannot change the org whatever calls it.
type getOnly struct{ next http.RoundTripper }

// ErrNotGet is returned for any request other than GET.
var ErrNotGet = errors.New("refused: the audit sends GET requests only")

func (t getOnly) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, ErrNotGet
	}
	return t.next.RoundTrip(req)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// StatusError is a response the audit cannot use. Its message is one
// sentence naming the request and what to do; it holds nothing the server
// echoed back except Okta's error summary, with the token removed.
type StatusError struct {
	Path    string // the request path, without query
	Status  int
	Summary string // Okta's errorSummary, when the body had one
}

func (e *StatusError) Error() string {
	switch e.Status {
	case http.StatusUnauthorized:
		return fmt.Sprintf("GET %s: 401 Unauthorized: Okta rejected the token; it is wrong, expired or revoked, or belongs to another org", e.Path)
	case http.StatusForbidden:
		return fmt.Sprintf("GET %s: 403 Forbidden: the token may not read brands; it needs the %s scope (access token) or an admin role that can read customizations (API token)", e.Path, Scope)
	case http.StatusNotFound:
		return fmt.Sprintf("GET %s: 404 Not Found: no such brand or page in this org", e.Path)
	case http.StatusTooManyRequests:
		return fmt.Sprintf("GET %s: 429 Too Many Requests: still rate limited after the retries; run again after a minute", e.Path)
	}
	msg := fmt.Sprintf("GET %s: %d %s", e.Path, e.Status, http.StatusText(e.Status))
	if e.Summary != "" {
		msg += ": " + e.Summary
	}
	switch {
	case transient(e.Status):
		msg += " (still failing after the retries)"
	case e.Status >= 300 && e.Status < 400:
		msg += " (redirects are not followed: the token goes to the org only)"
	}
	return msg
}

// get fetches the org path (or an absolute URL on the org's origin) and
// returns the body of a 200 response with the response headers. It waits
// out 429s and retries 5xx responses and network failures within the
// client's bounds; any other status is a *StatusError.
func (c *Client) get(ctx context.Context, target string) ([]byte, http.Header, error) {
	u, err := c.resolve(target)
	if err != nil {
		return nil, nil, err
	}
	path := u.EscapedPath()
	for attempt := 0; ; attempt++ {
		body, header, status, err := c.once(ctx, u)
		if err == nil && status == http.StatusOK {
			return body, header, nil
		}
		retry := attempt < c.MaxRetries && ctx.Err() == nil
		var wait time.Duration
		switch {
		case err != nil:
			var pe permanentError
			if !retry || errors.As(err, &pe) {
				return nil, nil, fmt.Errorf("GET %s: %w", path, err)
			}
			wait = c.backoff(attempt)
		case status == http.StatusTooManyRequests:
			if !retry {
				return nil, nil, &StatusError{Path: path, Status: status}
			}
			wait = c.rateLimitWait(header, attempt)
		case transient(status):
			if !retry {
				return nil, nil, &StatusError{Path: path, Status: status, Summary: c.summary(body)}
			}
			wait = c.backoff(attempt)
		default:
			return nil, nil, &StatusError{Path: path, Status: status, Summary: c.summary(body)}
		}
		if err := c.Sleep(ctx, wait); err != nil {
			return nil, nil, fmt.Errorf("GET %s: %w", path, err)
		}
	}
}

// transient reports whether a status may go away by asking again: a
// gateway or server failure, not 501 Not Implemented or 505.
func transient(status int) bool {
	switch status {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// once sends one request. err is a network failure, described without the
// URL's host or the request's headers.
func (c *Client) once(ctx context.Context, u *url.URL) (body []byte, header http.Header, status int, err error) {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, 0, err
	}
	req.Header.Set("Authorization", c.cred.scheme+" "+c.cred.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "tmpllint-pull")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, 0, c.networkError(ctx, err)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, nil, 0, c.networkError(ctx, err)
	}
	if len(body) > maxBody {
		return nil, nil, 0, permanentError{fmt.Errorf("response larger than %d MiB", maxBody>>20)}
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		// Not retried: a redirect will not go away by asking again.
		return nil, nil, resp.StatusCode, nil
	}
	return body, resp.Header, resp.StatusCode, nil
}

// permanentError is a failure that asking again will not mend: get
// returns it at once instead of retrying.
type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// networkError describes a failed round trip in a few words. The
// *url.Error around it would repeat the URL; the cause is what matters. An
// unknown host and a certificate the system does not trust are permanent.
func (c *Client) networkError(ctx context.Context, err error) error {
	var (
		ne   net.Error
		dns  *net.DNSError
		cert *tls.CertificateVerificationError
	)
	switch {
	case errors.Is(err, ErrNotGet):
		return permanentError{ErrNotGet}
	case errors.Is(err, context.Canceled):
		return context.Canceled
	case ctx.Err() == context.DeadlineExceeded || (errors.As(err, &ne) && ne.Timeout()):
		return fmt.Errorf("no response within %v", c.Timeout)
	case errors.As(err, &dns) && dns.IsNotFound:
		return permanentError{fmt.Errorf("no such host %s", dns.Name)}
	case errors.As(err, &cert):
		return permanentError{errors.New(redact(cert.Error(), c.cred.token))}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return errors.New(redact(err.Error(), c.cred.token))
}

// rateLimitWait is how long to wait after a 429: until X-Rate-Limit-Reset,
// measured against the response's Date header when it has one (the
// server's clock, so a skewed local clock does not matter), plus a second
// because the reset is given in whole seconds; at most MaxWait. Without a
// usable header it backs off as for a 5xx.
func (c *Client) rateLimitWait(h http.Header, attempt int) time.Duration {
	reset, err := strconv.ParseInt(strings.TrimSpace(h.Get("X-Rate-Limit-Reset")), 10, 64)
	if err != nil || reset <= 0 {
		return c.backoff(attempt)
	}
	now := c.Now()
	if date, err := http.ParseTime(h.Get("Date")); err == nil {
		now = date
	}
	wait := time.Unix(reset, 0).Sub(now) + time.Second
	return min(max(wait, time.Second), c.MaxWait)
}

// backoff is 1 s, 2 s, 4 s, ... after the attempt-th failure, at most
// MaxWait.
func (c *Client) backoff(attempt int) time.Duration {
	d := time.Second << min(attempt, 10)
	return min(d, c.MaxWait)
}

// summary is Okta's errorSummary from an error body, made safe to print:
// one line, bounded, and without the token should the server echo it.
func (c *Client) summary(body []byte) string {
	var e struct {
		ErrorSummary string `json:"errorSummary"`
	}
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	s := strings.Join(strings.FieldsFunc(e.ErrorSummary, func(r rune) bool { return r < ' ' || r == 0x7f }), " ")
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "") + "..."
	}
	return redact(s, c.cred.token)
}

func redact(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "[token]")
}

// resolve turns a path or a next link into a URL on the org's origin. A
// link to any other origin is refused: the token must go to the org only.
func (c *Client) resolve(target string) (*url.URL, error) {
	u, err := c.org.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("bad URL %q from the server", redact(target, c.cred.token))
	}
	if u.Scheme != c.org.Scheme || u.Host != c.org.Host {
		return nil, fmt.Errorf("refused to follow a link to %s://%s: it is not the org %s", u.Scheme, u.Host, c.org)
	}
	u.Fragment = ""
	return u, nil
}
