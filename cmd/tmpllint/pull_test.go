package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tmpllint/tmpllint/oktaapi"
	"github.com/tmpllint/tmpllint/oktaapi/oktatest"
)

const pullToken = "00pull-SECRET-7d1e9a"

// orgNow is the time on the client's clock and in the server's Date header.
var orgNow = time.Unix(1_800_000_000, 0)

// pullRun runs `tmpllint pull args...` in-process with the environment
// vars and a clock that records waits instead of sleeping.
func pullRun(t *testing.T, vars map[string]string, args ...string) (outcome, []time.Duration) {
	t.Helper()
	var waits []time.Duration
	pullClientHook = func(c *oktaapi.Client) {
		c.Now = func() time.Time { return orgNow }
		c.Sleep = func(_ context.Context, d time.Duration) error {
			waits = append(waits, d)
			return nil
		}
	}
	t.Cleanup(func() { pullClientHook = nil })
	var stdout, stderr bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: fakeEnv(vars)}
	code := env.pull(args)
	return outcome{code, stdout.String(), stderr.String()}, waits
}

// classicPage has a Classic-only call, so that a linter reading the JSON
// export finds something in it.
const classicPage = "<!DOCTYPE html>\n<html>\n<head>{{{SignInWidgetResources}}}</head>\n<body>\n" +
	"<script>res.session.setCookieAndRedirect(u)</script>\n</body>\n</html>\n"

// newOrg serves three brands over two pages of the list: "Acme" and
// "acme" collide on case-insensitive file systems, "Staff: HR/IT" needs
// escaping and has no customized sign-in page (the default is in use);
// acme's preview sign-in page has no HTML (pageContent null, as recorded
// for a page with only widget customizations).
// The first request for Acme's customized sign-in page is rate limited,
// the first for acme's customized error page fails with a 503.
func newOrg(t *testing.T) *oktatest.Server {
	srv := oktatest.New("SSWS " + pullToken)
	t.Cleanup(srv.Close)
	srv.AddBrands(oktatest.Brand("bnd1", "Acme"), oktatest.Brand("bnd2", "Staff: HR/IT"))
	srv.AddBrands(oktatest.Brand("bnd3", "acme"))
	srv.SetPage("bnd1", "sign-in", "customized", oktatest.SignInPage(classicPage))
	srv.SetPage("bnd1", "sign-in", "preview", oktatest.SignInPage(classicPage))
	srv.SetPage("bnd1", "error", "customized", oktatest.ErrorPage("<html>{{errorSummary}}</html>"))
	srv.SetPage("bnd2", "error", "preview", oktatest.ErrorPage("<html>{{{errorDescription}}}</html>"))
	srv.SetPage("bnd3", "sign-in", "customized", oktatest.SignInPage("<html>{{{SignInWidgetResources}}}</html>"))
	srv.SetPage("bnd3", "sign-in", "preview", oktatest.UnsetSignInPage())
	srv.SetPage("bnd3", "error", "customized", oktatest.ErrorPage("<html>{{errorSummary}}</html>"))
	srv.SetPage("bnd1", "sign-in", "default", oktatest.SignInPage("<html>{{{SignInWidgetResources}}}</html>"))
	srv.SetPage("bnd1", "error", "default", oktatest.ErrorPage("<html>{{errorSummary}}</html>"))
	srv.Script(oktatest.PagePath("bnd1", "sign-in", "customized"), oktatest.Response{
		Status: 429, Body: oktatest.BodyRateLimited,
		Header: map[string]string{
			"X-Rate-Limit-Remaining": "0",
			"X-Rate-Limit-Reset":     strconv.FormatInt(orgNow.Unix()+10, 10),
			"Date":                   orgNow.UTC().Format(http.TimeFormat),
		},
	})
	srv.Script(oktatest.PagePath("bnd3", "error", "customized"), oktatest.Response{Status: 503, Body: oktatest.BodyServerError})
	return srv
}

var apiToken = map[string]string{oktaapi.EnvAPIToken: pullToken}

// checkPullHygiene fails unless only GET reached the server and the token
// is nowhere in the output.
func checkPullHygiene(t *testing.T, srv *oktatest.Server, out outcome) {
	t.Helper()
	for _, r := range srv.Requests() {
		if !strings.HasPrefix(r, "GET ") {
			t.Errorf("the server received %s", r)
		}
	}
	if strings.Contains(out.stdout+out.stderr, pullToken) {
		t.Errorf("the output contains the token:\n%s\n%s", out.stdout, out.stderr)
	}
}

func TestPullWritesEveryPageAndChecksThem(t *testing.T) {
	srv := newOrg(t)
	dir := filepath.Join(t.TempDir(), "okta-pages")
	got, waits := pullRun(t, apiToken, "--org", srv.URL, "--out", dir)
	checkPullHygiene(t, srv, got)

	want := map[string]string{
		"Acme-bnd1/sign-in.customized.json": oktatest.SignInPage(classicPage),
		"Acme-bnd1/sign-in.preview.json":    oktatest.SignInPage(classicPage),
		"Acme-bnd1/error.customized.json":   oktatest.ErrorPage("<html>{{errorSummary}}</html>"),
		"Staff_ HR_IT/error.preview.json":   oktatest.ErrorPage("<html>{{{errorDescription}}}</html>"),
		"acme-bnd3/sign-in.customized.json": oktatest.SignInPage("<html>{{{SignInWidgetResources}}}</html>"),
		"acme-bnd3/sign-in.preview.json":    oktatest.UnsetSignInPage(),
		"acme-bnd3/error.customized.json":   oktatest.ErrorPage("<html>{{errorSummary}}</html>"),
	}
	if files := readTree(t, dir); !reflect.DeepEqual(files, want) {
		t.Errorf("files written:\n%v\nwant:\n%v", files, want)
	}
	// Until the reset (and a second) for the 429, one backoff for the 503.
	if want := []time.Duration{11 * time.Second, time.Second}; !reflect.DeepEqual(waits, want) {
		t.Errorf("waits = %v, want %v", waits, want)
	}
	for _, line := range []string{
		`tmpllint: pull: brand "Staff: HR/IT": sign-in page (customized): no customized page: the default is in use`,
		"tmpllint: pull: wrote 7 pages of 3 brands to " + dir,
	} {
		if !strings.Contains(got.stderr, line+"\n") {
			t.Errorf("stderr lacks %q:\n%s", line, got.stderr)
		}
	}
	if slices.ContainsFunc(srv.Requests(), func(r string) bool { return strings.HasSuffix(r, "/default") }) {
		t.Error("default pages were fetched without --include-default")
	}

	// The lint is `tmpllint check DIR`: same output, same exit code.
	check := tmpllint(t, "", "check", dir)
	if got.code != check.code || got.stdout != check.stdout {
		t.Errorf("pull: code %d, stdout:\n%s\ncheck DIR: code %d, stdout:\n%s", got.code, got.stdout, check.code, check.stdout)
	}
	if got.stdout == "" {
		t.Error("pull printed no check output")
	}
}

func TestPullIncludeDefault(t *testing.T) {
	srv := newOrg(t)
	dir := t.TempDir()
	got, _ := pullRun(t, apiToken, "--org", srv.URL, "--out", dir, "--include-default")
	checkPullHygiene(t, srv, got)
	for _, name := range []string{"sign-in.default.json", "error.default.json"} {
		if _, err := os.Stat(filepath.Join(dir, "Acme-bnd1", name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The other brands have no default in this fake org: a default page
	// that is missing is an error, and the run says so with code 2.
	if got.code != exitError || !strings.Contains(got.stderr, "/pages/sign-in/default: 404 Not Found") {
		t.Errorf("code %d, stderr:\n%s", got.code, got.stderr)
	}
}

func TestPullRemovesAPageTheOrgNoLongerHas(t *testing.T) {
	srv := newOrg(t)
	dir := t.TempDir()
	stale := filepath.Join(dir, "Staff_ HR_IT", "sign-in.customized.json")
	writeTree(t, dir, map[string]string{"Staff_ HR_IT/sign-in.customized.json": oktatest.SignInPage(classicPage)})
	got, _ := pullRun(t, apiToken, "--org", srv.URL, "--out", dir)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale page is still there (%v)", err)
	}
	if !strings.Contains(got.stderr, stale+": removed, the copy from an earlier pull\n") {
		t.Errorf("stderr:\n%s", got.stderr)
	}
}

func TestPullNamesFoldersOfNoBrand(t *testing.T) {
	srv := newOrg(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"Old Brand/sign-in.customized.json": oktatest.SignInPage(classicPage),
		"notes/readme.txt":                  "not a page",
	})
	got, _ := pullRun(t, apiToken, "--org", srv.URL, "--out", dir)
	want := filepath.Join(dir, "Old Brand") + ": no brand of the org has this folder now"
	if !strings.Contains(got.stderr, want) || strings.Contains(got.stderr, "notes") {
		t.Errorf("stderr should name Old Brand and only it:\n%s", got.stderr)
	}
}

func TestPullGoesOnAfterAFailedPage(t *testing.T) {
	srv := newOrg(t)
	var always []oktatest.Response
	for range 10 {
		always = append(always, oktatest.Response{Status: 500, Body: oktatest.BodyServerError})
	}
	srv.Script(oktatest.PagePath("bnd1", "error", "customized"), always...)
	dir := t.TempDir()
	kept := filepath.Join(dir, "Acme-bnd1", "error.customized.json")
	writeTree(t, dir, map[string]string{"Acme-bnd1/error.customized.json": "{}"})
	got, _ := pullRun(t, apiToken, "--org", srv.URL, "--out", dir)
	checkPullHygiene(t, srv, got)
	if !strings.Contains(got.stderr, kept+": the copy from an earlier pull is kept, and checked\n") {
		t.Errorf("stderr does not say the old copy is kept:\n%s", got.stderr)
	}
	if got.code != exitError {
		t.Errorf("code %d, want %d", got.code, exitError)
	}
	want := `tmpllint: pull: brand "Acme": error page (customized): GET /api/v1/brands/bnd1/pages/error/customized: 500 Internal Server Error: Internal Server Error (still failing after the retries)` + "\n"
	if !strings.Contains(got.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, got.stderr)
	}
	if !strings.Contains(got.stderr, "wrote 6 pages of 3 brands") || got.stdout == "" {
		t.Errorf("the other pages were not written and checked:\n%s\n%s", got.stdout, got.stderr)
	}
}

// TestPullStopsWhenTheTokenIsRejected: a 401 after the brand list (the
// token revoked or expired during the run) ends the run at once, without
// a check of half the pages.
func TestPullStopsWhenTheTokenIsRejected(t *testing.T) {
	srv := newOrg(t)
	srv.Script(oktatest.PagePath("bnd1", "sign-in", "preview"), oktatest.Response{Status: 401, Body: oktatest.BodyUnauthorized})
	got, _ := pullRun(t, apiToken, "--org", srv.URL, "--out", t.TempDir())
	checkPullHygiene(t, srv, got)
	want := "tmpllint: pull: GET /api/v1/brands/bnd1/pages/sign-in/preview: 401 Unauthorized: Okta rejected the token; it is wrong, expired or revoked, or belongs to another org\n"
	if got.code != exitError || got.stdout != "" || !strings.HasSuffix(got.stderr, want) {
		t.Errorf("code %d, stdout:\n%s\nstderr:\n%s", got.code, got.stdout, got.stderr)
	}
	reqs := srv.Requests()
	if last := reqs[len(reqs)-1]; last != "GET /api/v1/brands/bnd1/pages/sign-in/preview" {
		t.Errorf("requests went on after the 401: %q", reqs)
	}
}

// TestPullErrors checks that each way the run cannot start or go on is one
// line on stderr, code 2, and never shows the token.
func TestPullErrors(t *testing.T) {
	forbidden := make([]oktatest.Response, 3)
	for i := range forbidden {
		forbidden[i] = oktatest.Response{Status: 403, Body: oktatest.BodyForbidden}
	}
	tests := []struct {
		name     string
		vars     map[string]string
		org      string // "" for the test server
		args     []string
		script   []oktatest.Response
		want     string
		requests int // how many requests the server may see
	}{
		{name: "wrong token", vars: map[string]string{oktaapi.EnvAPIToken: pullToken + "x"},
			want: "GET /api/v1/brands: 401 Unauthorized: Okta rejected the token; it is wrong, expired or revoked, or belongs to another org", requests: 1},
		{name: "bearer token rejected", vars: map[string]string{oktaapi.EnvAccessToken: pullToken},
			want: "401 Unauthorized: Okta rejected the token", requests: 1},
		{name: "missing scope", vars: apiToken, script: forbidden,
			want: "GET /api/v1/brands: 403 Forbidden: the token may not read brands; it needs the okta.brands.read scope", requests: 1},
		{name: "no token", vars: map[string]string{},
			want: "no token: set OKTA_API_TOKEN to an API token, or OKTA_ACCESS_TOKEN to an access token with scope okta.brands.read"},
		{name: "two tokens", vars: map[string]string{oktaapi.EnvAPIToken: pullToken, oktaapi.EnvAccessToken: pullToken},
			want: "both OKTA_API_TOKEN and OKTA_ACCESS_TOKEN are set; unset one of them"},
		{name: "plain http", vars: apiToken, org: "http://acme.okta.com",
			want: `--org "http://acme.okta.com" must use https://`},
		{name: "no org", vars: apiToken, org: "-",
			want: "pull needs --org, such as --org https://acme.okta.com"},
		{name: "token as an argument", vars: apiToken, args: []string{pullToken},
			want: "pull takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newOrg(t)
			srv.Script("/api/v1/brands", tt.script...)
			args := []string{"--out", t.TempDir()}
			switch tt.org {
			case "":
				args = append(args, "--org", srv.URL)
			case "-":
			default:
				args = append(args, "--org", tt.org)
			}
			got, _ := pullRun(t, tt.vars, append(args, tt.args...)...)
			if got.code != exitError {
				t.Errorf("code %d, want %d", got.code, exitError)
			}
			if !strings.Contains(got.stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, got.stderr)
			}
			if strings.Count(got.stderr, "\n") != 1 || got.stdout != "" {
				t.Errorf("want one line on stderr and nothing on stdout, got:\n%s\n%s", got.stderr, got.stdout)
			}
			checkPullHygiene(t, srv, got)
			if n := len(srv.Requests()); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
		})
	}
}

func TestPullDispatch(t *testing.T) {
	got := tmpllint(t, "", "pull", "--help")
	help := got.stdout + got.stderr // the stream --help writes to is the CLI's choice
	if got.code != exitOK || !strings.Contains(help, "Usage: tmpllint pull --org URL") || !strings.Contains(help, "okta.brands.read") {
		t.Errorf("code %d, output:\n%s", got.code, help)
	}
	if got := tmpllint(t, "", "help"); !strings.Contains(got.stdout, "tmpllint pull --org URL") {
		t.Errorf("the usage does not list pull:\n%s", got.stdout)
	}
}

// readTree returns the files under root, by slash path, with contents.
func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
