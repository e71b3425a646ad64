// Package corpus generates sign-in page templates and script bundles for
// benchmarks: hosted pages customized the way real ones are (Okta's default
// template plus configuration tweaks, per-app branding, event hooks, extra
// assets), a share of them still written for the Classic Engine, and single
// big or pathological files.
//
// Everything is deterministic: the same arguments give the same bytes on
// every machine and Go version (the generator has its own random source),
// so figures measured on two runs are about the same input.
//
// The customizations follow the patterns collected from Okta's docs, the
// Sign-In Widget README and public templates (tmpllint's rule docs cite
// each source): Okta's default hosted template as served by
// GET /api/v1/brands/{brandId}/pages/sign-in/default (Sep 2025), config
// changes after OktaUtil.getSignInWidgetConfig(), per-application branding
// through OktaUtil.getRequestContext(), afterRender/afterError hooks, the
// Classic success callback with res.session.setCookieAndRedirect, extra
// stylesheets and scripts, and Gen3's afterTransform.
package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// rng is splitmix64: tiny, and its sequence is fixed by its definition,
// unlike math/rand's, which may change between Go versions.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// chance returns true with probability percent/100.
func (r *rng) chance(percent int) bool { return r.intn(100) < percent }

// Page is one generated template.
type Page struct {
	// Name is a relative path, e.g. "brand-0003/signin-0345.html".
	Name    string
	Content []byte
	// Classic is true when the page keeps code written for the Classic
	// Engine that tmpllint reports; the other pages are correct on
	// Identity Engine and must lint clean.
	Classic bool
}

// ClassicShare is the percentage of generated pages that keep Classic-only
// code.
const ClassicShare = 40

// Template returns page i of the corpus.
func Template(i int) Page {
	r := &rng{s: uint64(i)*0x2545f4914f6cdd1d + 1}
	p := Page{Name: fmt.Sprintf("brand-%04d/signin-%05d.html", i/100, i), Classic: r.chance(ClassicShare)}
	var b bytes.Buffer
	brand := brands[r.intn(len(brands))]
	b.WriteString(head)
	if r.chance(50) {
		fmt.Fprintf(&b, "    <link rel=\"stylesheet\" href=\"https://assets.%s.example/css/signin.css?v=%d\" nonce=\"{{nonceValue}}\">\n", brand, i)
	}
	b.WriteString(styleOpen)
	for k := range 3 + r.intn(20) { // the brand's CSS: most of a real page's bytes
		fmt.Fprintf(&b, cssRules[r.intn(len(cssRules))], brand, k, 8+r.intn(40))
	}
	if r.chance(20) {
		b.WriteString(hideWidgetCSS)
	}
	b.WriteString(styleClose)
	b.WriteString(bodyOpen)
	for k := range r.intn(6) {
		fmt.Fprintf(&b, markup[r.intn(len(markup))], brand, k)
	}
	b.WriteString(oktaUtil)
	b.WriteString(scriptOpen)

	// Clean customizations, in any page.
	if r.chance(40) {
		b.WriteString(dualEngineAppID)
	}
	b.WriteString(configLine)
	for _, t := range configTweaks {
		if r.chance(35) {
			fmt.Fprintf(&b, t, brand, i)
		}
	}
	b.WriteString(newWidget)
	if r.chance(50) {
		b.WriteString(afterRender)
	}
	if r.chance(25) {
		b.WriteString(afterError)
	}
	if r.chance(10) {
		b.WriteString(afterTransform)
	}

	if !p.Classic {
		b.WriteString(renderDefault)
	} else {
		// At least one Classic-era breaker, often several.
		switch r.intn(3) {
		case 0:
			fmt.Fprintf(&b, renderRedirect, brand)
		case 1:
			fmt.Fprintf(&b, renderSessionToken, brand)
		default:
			b.WriteString(renderDefault)
			b.WriteString(classicAppID)
		}
		if r.chance(30) {
			b.WriteString(classicFeatures)
		}
	}
	b.WriteString(scriptClose)
	if r.chance(15) {
		fmt.Fprintf(&b, "    <script src=\"https://cdn.%s.example/analytics.js\" nonce=\"{{nonceValue}}\"></script>\n", brand)
	}
	b.WriteString(tail)
	p.Content = b.Bytes()
	return p
}

// Write writes pages 0 to n-1 under dir, a hundred to a directory, and
// returns how many bytes it wrote.
func Write(dir string, n int) (int64, error) {
	var total int64
	for i := range n {
		p := Template(i)
		path := filepath.Join(dir, filepath.FromSlash(p.Name))
		if i%100 == 0 {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return total, err
			}
		}
		if err := os.WriteFile(path, p.Content, 0o644); err != nil {
			return total, err
		}
		total += int64(len(p.Content))
	}
	return total, nil
}

// BigTemplate returns a hosted page of about size bytes: the page shell
// around as many customized blocks (markup and script, a third of them with
// Classic-only code) as fit.
func BigTemplate(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString(head)
	b.WriteString(styleOpen + styleClose + bodyOpen + oktaUtil)
	for k := 0; b.Len() < size; k++ {
		fmt.Fprintf(&b, markup[k%len(markup)], brands[k%len(brands)], k)
		b.WriteString(scriptOpen)
		fmt.Fprintf(&b, bigBlock, k)
		if k%3 == 0 {
			fmt.Fprintf(&b, classicBlock, k)
		}
		b.WriteString(scriptClose)
	}
	b.WriteString(tail)
	return b.Bytes()
}

// Bundle returns an application bundle of about size bytes of JavaScript
// that embeds the widget (new OktaSignIn with its own configuration) among
// a lot of unrelated code, as a build tool emits it unminified.
func Bundle(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString(bundleHead)
	for k := 0; b.Len() < size; k++ {
		fmt.Fprintf(&b, bundleModule, k)
		if k%50 == 0 {
			fmt.Fprintf(&b, bundleWidget, k)
		}
	}
	return b.Bytes()
}

// Decorators returns about size bytes of Angular-style TypeScript: one
// component after another, each with class, property, parameter and method
// decorators, and every fiftieth the sign-in component that creates the
// widget.
func Decorators(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString(decoratorsHead)
	for k := 0; b.Len() < size; k++ {
		fmt.Fprintf(&b, decoratedComponent, k)
		if k%50 == 0 {
			fmt.Fprintf(&b, decoratedSignIn, k)
		}
	}
	return b.Bytes()
}

// OneLineFindings returns a minified hosted page on a single line whose
// script holds n Classic redirects in the renderEl success callback, each a
// finding (OIE001) at a different column of the same line.
func OneLineFindings(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<html><head>{{{SignInWidgetResources}}}</head><body><div id="okta-login-container"></div>{{{OktaUtil}}}<script nonce="{{nonceValue}}">var c=OktaUtil.getSignInWidgetConfig();new OktaSignIn(c).renderEl({el:"#okta-login-container"},go,function(e){console.log(e)});function go(r){`)
	for k := range n {
		fmt.Fprintf(&b, `r.session.setCookieAndRedirect("https://acme.example/%d");`, k)
	}
	b.WriteString(`}</script></body></html>`)
	return b.Bytes()
}

var brands = []string{"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "tyrell", "cyberdyne", "wonka"}

// head is Okta's default hosted sign-in page up to its style element.
const head = `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
<html>
<head>
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="robots" content="noindex,nofollow" />
    <!-- Styles generated from theme -->
    <link href="{{themedStylesUrl}}" rel="stylesheet" type="text/css">
    <!-- Favicon from theme -->
    <link rel="shortcut icon" href="{{faviconUrl}}" type="image/x-icon"/>

    <title>{{pageTitle}}</title>
    {{{SignInWidgetResources}}}
`

const styleOpen = `
    <style nonce="{{nonceValue}}">
        #login-bg-image-id {
            background-image: {{bgImageUrl}}
        }
`

const styleClose = `    </style>
</head>
`

var cssRules = []string{
	`        .%[1]s-banner-%[2]d { margin: 0 auto; padding: %[3]dpx 16px; color: #1d1d21; font-family: "Helvetica Neue", Arial, sans-serif; }
`,
	`        #okta-sign-in.auth-container .o-form-button-bar .button-primary.%[1]s-%[2]d { background: linear-gradient(#007dc1, #0073b2); border-radius: %[3]dpx; }
`,
	`        @media only screen and (max-width: %[3]d0px) { .%[1]s-footer-%[2]d { display: none; } #okta-login-container { margin-top: %[3]dpx; } }
`,
	`        .auth-org-logo.%[1]s-%[2]d { max-height: %[3]dpx; max-width: 200px; } /* the %[1]s logo is wider than Okta's */
`,
}

const hideWidgetCSS = `        #okta-login-container { opacity: 0; transition: opacity 0.2s; }
`

const bodyOpen = `<body>
    <div id="login-bg-image-id" class="login-bg-image tb--background"></div>
    <div id="okta-login-container"></div>
`

var markup = []string{
	`    <footer class="%[1]s-footer" id="footer-%[2]d">
        <a href="https://www.%[1]s.example/privacy" rel="noopener">Privacy</a> &middot; <a href="https://www.%[1]s.example/terms">Terms</a>
        <p>&copy; %[1]s. Need help signing in? Call the service desk.</p>
    </footer>
`,
	`    <div class="%[1]s-banner-%[2]d" role="note">
        <h2>Welcome to {{pageTitle}}</h2>
        <p>Use your %[1]s account. <a href="https://help.%[1]s.example/sign-in?ref=%[2]d">Trouble signing in?</a></p>
    </div>
`,
	`    <!-- %[1]s: maintenance notice %[2]d, shown by the script below when enabled -->
    <div id="notice-%[2]d" class="%[1]s-notice" style="display:none">Scheduled maintenance on Sunday.</div>
`,
}

const oktaUtil = `
    <!--
        "OktaUtil" defines a global OktaUtil object
        that contains methods used to complete the Okta login flow.
     -->
    {{{OktaUtil}}}
`

const scriptOpen = `
    <script type="text/javascript" nonce="{{nonceValue}}">
`

const scriptClose = `    </script>
`

const tail = `</body>
</html>
`

// dualEngineAppID reads the application on both engines, as Okta's docs
// and public helpers do.
const dualEngineAppID = `        function getAppId() {
            var requestContext = OktaUtil.getRequestContext();
            return requestContext && (requestContext.target?.clientId || requestContext.app?.value?.id);
        }
        var appId = getAppId();
        if (appId) {
            var link = document.createElement('link');
            link.rel = 'stylesheet';
            link.href = 'https://assets.example.com/styles/' + appId + '.css';
            document.head.appendChild(link);
        }
`

const configLine = `        // "config" object contains default widget configuration
        // with any custom overrides defined in your admin settings.
        var config = OktaUtil.getSignInWidgetConfig();
`

var configTweaks = []string{
	`        config.logo = 'https://assets.%[1]s.example/logo-%[2]d.svg';
`,
	`        config.i18n = {
            en: { 'primaryauth.title': 'Sign in to %[1]s', 'primaryauth.username.placeholder': '%[1]s ID' },
            fr: { 'primaryauth.title': 'Connexion à %[1]s' }
        };
`,
	`        config.helpLinks = { help: 'https://help.%[1]s.example/sign-in', custom: [{ text: 'Contact us', href: 'https://www.%[1]s.example/contact' }] };
`,
	`        config.features = config.features || {};
        config.features.autoFocus = false;
`,
	`        config.idpDisplay = 'PRIMARY';
`,
}

const newWidget = `
        // Render the Okta Sign-In Widget
        var oktaSignIn = new OktaSignIn(config);
`

const afterRender = `        oktaSignIn.on('afterRender', function (context) {
            if (context.formName === 'identify') {
                var notice = document.getElementById('notice-0');
                if (notice && /maintenance=1/.test(window.location.search)) { notice.style.display = 'block'; }
            }
        });
`

const afterError = `        oktaSignIn.on('afterError', function (context, error) {
            console.warn('sign-in error on ' + context.formName + ': ' + error.errorSummary);
        });
`

const afterTransform = `        if (oktaSignIn.afterTransform) {
            oktaSignIn.afterTransform('identify', function ({ formBag }) {
                formBag.uischema.elements = formBag.uischema.elements.filter(function (e) { return e.name !== 'rememberMe'; });
            });
        }
`

const renderDefault = `        oktaSignIn.renderEl({ el: '#okta-login-container' },
            OktaUtil.completeLogin,
            function(error) {
                // Logs errors that occur when configuring the widget.
                // Remove or replace this with your own custom error handler.
                console.log(error.message, error);
            }
        );
`

// renderRedirect is the Classic success callback of the widget README's
// 4.0.0 sample.
const renderRedirect = `        oktaSignIn.renderEl({ el: '#okta-login-container' },
            function (res) {
                if (res.status === 'SUCCESS') {
                    res.session.setCookieAndRedirect('https://www.%[1]s.example/app');
                }
            },
            function (error) {
                console.log(error.message, error);
            }
        );
`

const renderSessionToken = `        oktaSignIn.renderEl({ el: '#okta-login-container' },
            function (res) {
                if (res.status === 'SUCCESS') {
                    window.location = '/login/sessionCookieRedirect?token=' + res.session.token + '&redirectUrl=' + encodeURIComponent('https://www.%[1]s.example/app');
                }
            },
            function (error) {
                console.log(error.message, error);
            }
        );
`

// classicAppID reads the application the Classic way only.
const classicAppID = `        var requestContext = OktaUtil.getRequestContext();
        if (requestContext && requestContext.target && requestContext.target.clientId === '0oa1b2c3d4e5f6g7h8i9') {
            document.body.className += ' portal';
        }
`

const classicFeatures = `        config.features.router = true;
`

// bigBlock is one block of a big page: configuration, validation with
// regular expressions and template literals, and a correct render call.
const bigBlock = `        // Block %[1]d: customizations for one brand's sign-in page.
        var config%[1]d = OktaUtil.getSignInWidgetConfig();
        config%[1]d.i18n = { en: { 'primaryauth.title': 'Sign in to {{pageTitle}}', 'help': "Need help? Call 555-0100 (ext. %[1]d)" } };
        var emailPattern%[1]d = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i, ratio%[1]d = window.innerWidth / 2 / 3;
        function validate%[1]d(value) {
            if (!emailPattern%[1]d.test(value) || value.length > 254) {
                return false;
            }
            return value.split('@')[1] !== 'example.com' && value.indexOf("/") < 0;
        }
        var title%[1]d = ` + "`${document.title} (${ratio%[1]d.toFixed(2)})`" + `;
`

const classicBlock = `        new OktaSignIn(config%[1]d).renderEl({ el: '#okta-login-container' }, function (res) {
            if (res.status === 'SUCCESS') {
                res.session.setCookieAndRedirect('https://acme.example/app?b=%[1]d');
            }
        });
`

const bundleHead = `"use strict";
import OktaSignIn from '@okta/okta-signin-widget';
`

const bundleModule = `/* module %[1]d */
export function format%[1]d(items, opts = {}) {
  const out = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it == null || /^\s*$/.test(String(it.label))) continue;
    out.push(` + "`${it.label}: ${(it.value * 100 / (opts.total || 1)).toFixed(1)}%%`" + `);
  }
  return opts.sorted ? out.sort((a, b) => a.localeCompare(b)) : out;
}
`

const bundleWidget = `export function mountSignIn%[1]d(el) {
  const widget = new OktaSignIn({ baseUrl: 'https://acme.okta.com', clientId: '0oa%[1]d', redirectUri: window.location.origin + '/callback' });
  return widget.showSignInToGetTokens({ el }).then((tokens) => widget.authClient.tokenManager.setTokens(tokens));
}
`

const decoratorsHead = `import { Component, ElementRef, EventEmitter, HostListener, Inject, Input, OnInit, Output, ViewChild } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import OktaSignIn from '@okta/okta-signin-widget';
import { APP_CONFIG, AppConfig, Item } from './app.config';

`

const decoratedComponent = `/* component %[1]d */
@Component({
  selector: 'app-panel-%[1]d',
  templateUrl: './panel-%[1]d.component.html',
  styleUrls: ['./panel-%[1]d.component.css'],
})
export class Panel%[1]dComponent implements OnInit {
  @Input() title!: string;
  @Input() items: Item[] = [];
  @Output() selected = new EventEmitter<Item>();
  @ViewChild('list', { static: true }) list!: ElementRef<HTMLUListElement>;
  columns = 1;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private http: HttpClient) {}

  @HostListener('window:resize', ['$event'])
  onResize(event: UIEvent): void {
    this.columns = Math.max(1, Math.floor((event.target as Window).innerWidth / 320));
  }

  ngOnInit(): void {
    this.http.get<Item[]>(` + "`${this.config.api}/panels/%[1]d`" + `).subscribe((items) => (this.items = items!));
  }
}

`

const decoratedSignIn = `@Component({ selector: 'app-sign-in-%[1]d', template: '<div id="okta-sign-in-%[1]d"></div>' })
export class SignIn%[1]dComponent implements OnInit {
  private widget = new OktaSignIn({ baseUrl: 'https://acme.okta.com', clientId: '0oa%[1]d', redirectUri: window.location.origin + '/callback' });

  ngOnInit(): void {
    this.widget.showSignInToGetTokens({ el: '#okta-sign-in-%[1]d' }).then((tokens) => this.widget.authClient.tokenManager.setTokens(tokens));
  }
}

`
