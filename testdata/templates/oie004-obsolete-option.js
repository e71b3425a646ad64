// fixture-widget-version: 7.20
import OktaSignIn from '@okta/okta-signin-widget';

const issuer = 'https://acme.okta.com/oauth2/default';

export const signIn = new OktaSignIn({
  issuer,
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  useInteractionCodeFlow: true, // want OIE004:3 "removed in widget 7.0"
  redirectUri: `${window.location.origin}/login/callback`,
});

export const compact = new OktaSignIn({ issuer, useInteractionCodeFlow: true, clientId: 'abc' }); // want OIE004:49
export const last = new OktaSignIn({ issuer, clientId: 'abc', useInteractionCodeFlow: true }); // want OIE004:63
export const only = new OktaSignIn({ useInteractionCodeFlow: true }); // want OIE004:21 "loads its Classic router" OIE004:38

const config = { issuer, clientId: 'abc' };
config.useInteractionCodeFlow = true; // want OIE004:8
config.useClassicEngine = true; // want OIE004:8 "useClassicEngine: true opts"
export const assigned = new OktaSignIn(config);
