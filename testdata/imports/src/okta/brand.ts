// src/pages/Brand.tsx imports this module as '~okta/brand', by the second
// target of its paths entry.
export default {
  issuer: 'https://example.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: 'https://app.example.com/login/callback',
  features: {
    router: true, // want OIE006:5 "Brand.tsx:6"
  },
  i18n: {
    en: {
      remember: 'Keep me signed in', // want OIE011:7 "Brand.tsx:6"
    },
  },
};
