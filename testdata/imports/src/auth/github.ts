// Another provider's OAuth settings: clientId and redirectUri, no issuer.
export const githubOAuth = {
  clientId: process.env.GITHUB_CLIENT_ID,
  redirectUri: 'https://app.example.com/auth/github/callback',
  authorizeUrl: 'https://github.com/login/oauth/authorize',
};
