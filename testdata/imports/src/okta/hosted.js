// src/pages/Hosted.jsx imports this module as 'src/okta/hosted', by
// baseUrl.
export const hosted = {
  baseUrl: 'https://example.okta.com',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: 'https://app.example.com/callback',
  authParams: {
    pkce: false, // want OIE004:5 "Hosted.jsx:6"
  },
};
