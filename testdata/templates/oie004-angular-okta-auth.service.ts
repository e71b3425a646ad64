// fixture-widget-version: 6.9
import { Injectable } from '@angular/core';
import { Router } from '@angular/router';
import OktaSignIn from '@okta/okta-signin-widget';
import { environment } from '../environments/environment';

@Injectable({
  providedIn: 'root',
})
export class OktaAuthService {
  widget = new OktaSignIn({ // want OIE004:12 "does not set useInteractionCodeFlow.*widget 6.9.0"
    baseUrl: environment.oktaBaseUrl,
    clientId: environment.oktaClientId,
    redirectUri: `${window.location.origin}/login/callback`,
    authParams: {
      issuer: `${environment.oktaBaseUrl}/oauth2/default`,
      pkce: true,
      scopes: ['openid', 'profile', 'email'],
    },
  });

  constructor(private router: Router) {}

  async showSignIn(el: string): Promise<void> {
    const tokens = await this.widget.showSignInToGetTokens({ el });
    this.widget.authClient.tokenManager.setTokens(tokens);
    this.widget.remove();
    await this.router.navigateByUrl('/dashboard');
  }

  signOut(): Promise<boolean> {
    return this.widget.authClient.signOut();
  }
}
