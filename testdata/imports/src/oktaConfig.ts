// The options of the widget src/Login.tsx creates.
export const oktaConfig = {
  issuer: 'https://example.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: window.location.origin + '/login/callback',
  useInteractionCodeFlow: true, // want OIE004:3 "Login.tsx:10"
  features: {
    router: true, // want OIE006:5 "Login.tsx:10"
  },
};
