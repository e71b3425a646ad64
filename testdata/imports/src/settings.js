// The default export src/Embedded.jsx creates the widget from.
export default {
  baseUrl: 'https://example.okta.com',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: 'https://app.example.com/callback',
  useClassicEngine: true, // want OIE004:3 "Embedded.jsx:4"
  i18n: {
    en: {
      'primaryauth.submit': 'Sign in', // want OIE011:7 "Embedded.jsx:4"
    },
  },
};
