// The options of the widgets src/Login.tsx and src/components/SignIn.vue
// create: each finding is reported once and names both.
export const oktaConfig = {
  issuer: 'https://example.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: window.location.origin + '/login/callback',
  useInteractionCodeFlow: true, // want OIE004:3 "widgets created at .*Login.tsx:10 and .*SignIn.vue:12"
  features: {
    router: true, // want OIE006:5 "widgets created at .*Login.tsx:10 and .*SignIn.vue:12"
  },
};
