// src/components/OktaLogin.vue imports this module as '@/okta/options'.
export const widgetOptions = {
  issuer: 'https://example.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: 'https://app.example.com/login/callback',
  useInteractionCodeFlow: false, // want OIE004:3 "OktaLogin.vue:15"
};
