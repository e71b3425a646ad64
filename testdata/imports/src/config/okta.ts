// src/pages/AliasLogin.tsx imports this module as '@/config/okta'.
export const aliasConfig = {
  issuer: 'https://example.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  redirectUri: 'https://app.example.com/login/callback',
  useClassicEngine: true, // want OIE004:3 "AliasLogin.tsx:6"
};
