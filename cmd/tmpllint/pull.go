package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/spf13/pflag"
	"github.com/tmpllint/tmpllint/internal/oserr"
	"github.com/tmpllint/tmpllint/oktaapi"
	"github.com/tmpllint/tmpllint/report"
)

// defaultPullDir is where pull writes when --out is not given: a folder in
// the working directory, named for what it holds.
const defaultPullDir = "okta-pages"

// pullClientHook, when set, adjusts the client before the first request;
// tests use it to replace the clock so that no test sleeps.
var pullClientHook func(*oktaapi.Client)

// pull downloads every brand's sign-in and error pages from a live org,
// writes each as the API's JSON under --out, and then lints that folder
// exactly as `tmpllint check DIR` does. It only reads from the org.
func (env *environment) pull(args []string) int {
	flags := pflag.NewFlagSet("pull", pflag.ContinueOnError)
	flags.SetOutput(env.stderr)
	org := flags.String("org", "", "the org's address, such as https://acme.okta.com (required)")
	out := flags.String("out", defaultPullDir, "folder to write the pages to, one subfolder per brand")
	includeDefault := flags.Bool("include-default", false, "also fetch Okta's default sign-in and error pages")
	flags.Usage = func() {
		fmt.Fprintf(flags.Output(), "Usage: tmpllint pull --org URL [--out DIR] [--include-default]\n\n"+
			"The token is read from %s (an API token) or\n%s (an OAuth 2.0 access token with scope %s).\n"+
			"Only GET requests are sent: nothing in the org changes. Then DIR is checked\n"+
			"as by 'tmpllint check DIR'.\n\nFlags:\n%s",
			oktaapi.EnvAPIToken, oktaapi.EnvAccessToken, oktaapi.Scope, flags.FlagUsages())
	}
	if code, ok := env.parseFlags(flags, args); !ok {
		return code
	}
	if flags.NArg() > 0 {
		// The argument is not quoted back: it may be a token pasted by mistake.
		return env.usageError("pull takes no arguments; the token is read from %s or %s, never from the command line", oktaapi.EnvAPIToken, oktaapi.EnvAccessToken)
	}
	if *org == "" {
		return env.usageError("pull needs --org, such as --org https://acme.okta.com")
	}
	if *out == "" {
		return env.usageError("--out must name a folder")
	}
	cred, err := oktaapi.CredentialFromEnv(env.lookupEnv)
	if err != nil {
		return env.usageError("%v", err)
	}
	client, err := oktaapi.NewClient(*org, cred)
	if err != nil {
		return env.usageError("%v", err)
	}
	if pullClientHook != nil {
		pullClientHook(client)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return env.usageError("--out %s: %v", *out, oserr.Cause(err))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	failed, code := env.pullPages(ctx, client, *out, *includeDefault)
	if code != exitOK {
		return code
	}
	// The same code path as `tmpllint check DIR`; "--" keeps a folder
	// named like a flag a folder.
	code = env.check([]string{"--", *out})
	if failed && code < exitError {
		code = exitError
	}
	return code
}

// pullPages fetches and writes every page. failed reports pages that could
// not be fetched or written; the others are still written and linted. code
// is exitError when the run cannot go on at all (no brand list, a rejected
// token).
func (env *environment) pullPages(ctx context.Context, client *oktaapi.Client, out string, includeDefault bool) (failed bool, code int) {
	brands, err := client.ListBrands(ctx)
	if err != nil {
		fmt.Fprintf(env.stderr, "tmpllint: pull: %v\n", err)
		return true, exitError
	}
	if len(brands) == 0 {
		fmt.Fprintf(env.stderr, "tmpllint: pull: %s lists no brands; nothing to audit\n", client.Org())
		return true, exitError
	}
	names := oktaapi.DirNames(brands)
	written := 0
	for _, b := range brands {
		dir := filepath.Join(out, names[b.ID])
		for _, p := range oktaapi.Pages(includeDefault) {
			file := filepath.Join(dir, p.FileName())
			data, err := client.FetchPage(ctx, b.ID, p)
			var se *oktaapi.StatusError
			switch {
			case errors.Is(err, oktaapi.ErrNoPage):
				fmt.Fprintf(env.stderr, "tmpllint: pull: brand %q: %s: %v\n", b.Name, p, err)
				if removed, err := oktaapi.RemoveFile(dir, p.FileName()); err != nil {
					fmt.Fprintf(env.stderr, "%s: cannot remove the copy from an earlier pull: %v\n", file, err)
					failed = true
				} else if removed {
					fmt.Fprintf(env.stderr, "%s: removed, the copy from an earlier pull\n", file)
				}
			case errors.As(err, &se) && (se.Status == http.StatusUnauthorized || se.Status == http.StatusForbidden),
				errors.Is(err, context.Canceled):
				// Every further request would fail the same way.
				fmt.Fprintf(env.stderr, "tmpllint: pull: %v\n", err)
				return true, exitError
			case err != nil:
				fmt.Fprintf(env.stderr, "tmpllint: pull: brand %q: %s: %v\n", b.Name, p, err)
				if _, err := os.Stat(file); err == nil {
					fmt.Fprintf(env.stderr, "%s: the copy from an earlier pull is kept, and checked\n", file)
				}
				failed = true
			default:
				if err := oktaapi.WriteFile(dir, p.FileName(), data); err != nil {
					fmt.Fprintf(env.stderr, "%s: %v\n", file, err)
					failed = true
					continue
				}
				written++
			}
		}
	}
	for _, dir := range staleFolders(out, names) {
		fmt.Fprintf(env.stderr, "%s: no brand of the org has this folder now (renamed or deleted since an earlier pull?); its pages are still checked\n", dir)
	}
	fmt.Fprintf(env.stderr, "tmpllint: pull: wrote %s of %s to %s\n", report.Plural(written, "page"), report.Plural(len(brands), "brand"), out)
	return failed, exitOK
}

// staleFolders lists the folders in out that hold page files but belong to
// no brand of this pull: left by an earlier pull of a brand since renamed
// or deleted. They are named, not removed: deleting folders is not an
// audit's business.
func staleFolders(out string, names map[string]string) []string {
	current := map[string]bool{}
	for _, name := range names {
		current[name] = true
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil
	}
	var stale []string
	for _, e := range entries {
		if !e.IsDir() || current[e.Name()] {
			continue
		}
		for _, p := range oktaapi.Pages(true) {
			if _, err := os.Stat(filepath.Join(out, e.Name(), p.FileName())); err == nil {
				stale = append(stale, filepath.Join(out, e.Name()))
				break
			}
		}
	}
	return stale
}
