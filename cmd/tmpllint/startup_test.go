package main

// Start-up cost, counted rather than timed: what the packages of the
// project do before main, what a check of one template builds of the values
// kept for later (internal/lazy), and what it allocates. BENCHMARKS.md
// ("Start-up") has the process-level figures and what stands in the way of
// a faster start.

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tmpllint/tmpllint/internal/lazy"
)

const module = "github.com/tmpllint/tmpllint/"

// maxInitAllocs bounds the heap allocations of the project's package
// initialisation. It was about 1,100 when regular expressions, OIE011's
// key list and pull's name table were built at start; one regular
// expression is about 100.
const maxInitAllocs = 250

// TestInitAllocations builds the command and runs `tmpllint version` with
// GODEBUG=inittrace=1, which makes the runtime print each package's
// initialisation with its allocations, and adds up those of the project.
// (This test binary would count its own test variables too.)
func TestInitAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "tmpllint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd, err, stderr.String())
	}
	total := 0
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(stderr.Bytes()))
	for sc.Scan() {
		// init github.com/tmpllint/tmpllint/rules @15 ms, 0.31 ms clock, 15872 bytes, 58 allocs
		f := strings.Fields(sc.Text())
		if len(f) != 11 || f[0] != "init" || !strings.HasPrefix(f[1], module) || f[10] != "allocs" {
			continue
		}
		n, err := strconv.Atoi(f[9])
		if err != nil {
			t.Fatalf("inittrace line %q: %v", sc.Text(), err)
		}
		total += n
		lines = append(lines, sc.Text())
	}
	if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, "init "+module+"rules ") }) {
		t.Fatalf("no inittrace line for the rules package; stderr:\n%s", stderr.String())
	}
	if total > maxInitAllocs {
		t.Errorf("the project's packages allocate %d times before main, want at most %d; build new package-level values with internal/lazy:\n%s",
			total, maxInitAllocs, strings.Join(lines, "\n"))
	}
}

// TestCheckBuildsNoLazyValue checks each of Okta's default templates in a
// process of its own and lists the values of internal/lazy that were built:
// none is needed to lint a correct template.
func TestCheckBuildsNoLazyValue(t *testing.T) {
	for _, name := range []string{"default-oie.html", "default-classic.html", "default-legacy.html", "default-theme-builder.html"} {
		t.Run(name, func(t *testing.T) {
			built, code := checkInChild(t, fixture(name))
			if code != exitOK {
				t.Errorf("exit code %d, want %d", code, exitOK)
			}
			if len(built) > 0 {
				t.Errorf("checking %s built %v; want nothing built", name, built)
			}
		})
	}
}

// TestCheckBuildsWhatItUses is the counterpart: a template whose widget
// script URL names a version builds the one regular expression that reads
// it, and nothing else.
func TestCheckBuildsWhatItUses(t *testing.T) {
	path := t.TempDir() + "/signin.html"
	// The widget it creates makes OIE004 ask the version (a page that only
	// loads the widget runs no rule that needs it).
	page := `<script src="https://global.oktacdn.com/okta-signin-widget/7.20.0/js/okta-sign-in.min.js"></script>` + "\n" +
		`<script>var w = new OktaSignIn({ baseUrl: 'https://acme.okta.com', clientId: 'c', redirectUri: 'r' });</script>` + "\n"
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	built, _ := checkInChild(t, path)
	if want := []string{"rules.widgetSrcVersion"}; !slices.Equal(built, want) {
		t.Errorf("built %v, want %v", built, want)
	}
}

const childEnv = "TMPLLINT_STARTUP_CHILD"

// checkInChild runs `tmpllint check --no-config path` in a new process of
// this test binary (TestStartupChild), where no other test has built
// anything yet, and returns what it built and its exit code.
func checkInChild(t *testing.T, path string) (built []string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestStartupChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+path, "GITHUB_STEP_SUMMARY=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %v\n%s", cmd, err, out)
	}
	var codeLine, builtLine string
	found := 0
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "exit code: "); ok {
			codeLine = v
			found++
		}
		if v, ok := strings.CutPrefix(l, "built: "); ok {
			builtLine = v
			found++
		}
	}
	if found != 2 {
		t.Fatalf("the child printed no result:\n%s", out)
	}
	code, err = strconv.Atoi(codeLine)
	if err != nil {
		t.Fatalf("exit code %q: %v", codeLine, err)
	}
	return strings.Fields(builtLine), code
}

// TestStartupChild is the child process of checkInChild; it does nothing
// in a normal test run.
func TestStartupChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("run by checkInChild")
	}
	code := run([]string{"check", "--no-config", path}, strings.NewReader(""), io.Discard, io.Discard)
	os.Stdout.WriteString("exit code: " + strconv.Itoa(code) + "\nbuilt: " + strings.Join(lazy.Built(), " ") + "\n")
}

// maxCheckAllocs bounds the allocations of `tmpllint check` of one default
// template after its first run: flags, settings, reading, linting, text
// output. It was 432 when the bound was set.
const maxCheckAllocs = 600

func TestCheckOneTemplateAllocations(t *testing.T) {
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	args := []string{"check", "--no-config", fixture("default-oie.html")}
	var stderr bytes.Buffer
	if code := run(args, strings.NewReader(""), io.Discard, &stderr); code != exitOK {
		t.Fatalf("exit code %d:\n%s", code, stderr.String())
	}
	allocs := testing.AllocsPerRun(20, func() {
		run(args, strings.NewReader(""), io.Discard, io.Discard)
	})
	if allocs > maxCheckAllocs {
		t.Errorf("check of one template: %.0f allocations, want at most %d", allocs, maxCheckAllocs)
	}
}

// BenchmarkCheckOneTemplate is `tmpllint check` of one of Okta's default
// templates in text, through run as main calls it: what a single-file check
// costs after process start.
func BenchmarkCheckOneTemplate(b *testing.B) {
	b.Setenv("GITHUB_STEP_SUMMARY", "")
	path := fixture("default-oie.html")
	b.ReportAllocs()
	for b.Loop() {
		benchCLI(b, io.Discard, []int{exitOK}, "check", "--no-config", path)
	}
}
