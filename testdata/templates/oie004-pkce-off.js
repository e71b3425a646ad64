// fixture-widget-version: 7.20
// authParams.pkce: false makes new OktaSignIn throw a ConfigError on 7.x
// when the configuration has a clientId.
import OktaSignIn from '@okta/okta-signin-widget';

export const signIn = new OktaSignIn({
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: window.location.origin + '/login/callback',
  authParams: { pkce: false, scopes: ['openid'] }, // want OIE004:17 "ConfigError"
});

export const classic = new OktaSignIn({
  baseUrl: 'https://acme.okta.com',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  useClassicEngine: true, // want OIE004:3
  authParams: { pkce: false },
});

// The widget throws unless useClassicEngine is true: false changes nothing.
export const notClassic = new OktaSignIn({
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  useClassicEngine: false,
  authParams: { pkce: false }, // want OIE004:17 "ConfigError"
});
