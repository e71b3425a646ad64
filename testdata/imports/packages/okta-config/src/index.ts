// The entry of the workspace package @acme/okta-config (its exports, '.',
// import condition): src/pages/Monorepo.tsx imports it by that name.
export const sharedWidget = {
  issuer: 'https://example.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: 'https://app.example.com/login/callback',
  useInteractionCodeFlow: true, // want OIE004:3 "Monorepo.tsx:6"
};
