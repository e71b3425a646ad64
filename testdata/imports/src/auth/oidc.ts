// Auth JS options: imported by ./authClient.ts for new OktaAuth, so not a
// widget's configuration, whatever its shape.
export const oidc = {
  issuer: 'https://example.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: 'https://app.example.com/login/callback',
  pkce: false,
};
