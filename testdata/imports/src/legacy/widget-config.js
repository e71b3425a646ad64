// No linted file imports this module any more, but it has the option shape
// of a widget configuration (baseUrl, clientId, redirectUri).
module.exports = {
  baseUrl: 'https://example.okta.com',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: 'https://app.example.com/callback',
  useInteractionCodeFlow: true, // want OIE004:3 "no linted file that uses the widget or an Okta SDK imports"
};
