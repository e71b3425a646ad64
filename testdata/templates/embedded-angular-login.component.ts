// fixture-widget-version: 5.16
import { Component, ElementRef, OnDestroy, OnInit, ViewChild } from '@angular/core';
import { Router } from '@angular/router';
import OktaSignIn from '@okta/okta-signin-widget';

interface WidgetOptions {
  baseUrl: string;
  clientId: string;
  useInteractionCodeFlow?: boolean;
  features?: { registration?: boolean };
}

@Component({
  selector: 'app-login',
  template: `<div #container id="okta-signin-container">Loading new OktaSignIn(...)</div>`,
})
export class LoginComponent implements OnInit, OnDestroy {
  @ViewChild('container', { static: true }) container!: ElementRef<HTMLDivElement>;

  private readonly config: WidgetOptions = {
    baseUrl: 'https://acme.okta.com',
    clientId: '0oa1b2c3d4e5f6g7h8i9',
    features: { registration: true }, // want OIE006:17 "features.registration"
  };
  private widget?: OktaSignIn;

  constructor(private router: Router) {}

  ngOnInit(): void {
    this.widget = new OktaSignIn(this.config); // want OIE004:19 "widget 5.16.0"
    this.widget.renderEl( // want OIE005:17
      { el: this.container.nativeElement },
      (res: { status: string }) => {
        if (res.status === 'SUCCESS') {
          this.router.navigate(['/home']);
        }
      },
      (err: Error) => console.error(err),
    );
  }

  ngOnDestroy(): void {
    this.widget?.remove();
  }
}
