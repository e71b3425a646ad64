// Re-exported by ./index.ts; src/Register.tsx creates the widget from it.
const widgetConfig = {
  issuer: 'https://example.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: 'https://app.example.com/login/callback',
  authParams: {
    pkce: false, // want OIE004:5 "Register.tsx:6"
  },
};

export { widgetConfig };
