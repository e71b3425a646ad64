// Options handed to new OktaAuth: src/pages/Account.tsx imports them as
// '@/auth/account', so not a widget's configuration, whatever its shape.
export const accountAuth = {
  issuer: 'https://example.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: 'https://app.example.com/login/callback',
  useInteractionCodeFlow: true,
  pkce: false,
};
