// A NextAuth provider: an OAuth client of the server, not the widget's
// configuration, although it names clientId, issuer and redirectUri.
import NextAuth from 'next-auth';
import OktaProvider from 'next-auth/providers/okta';

export const oktaProvider = {
  clientId: process.env.OKTA_CLIENT_ID!,
  clientSecret: process.env.OKTA_CLIENT_SECRET!,
  issuer: process.env.OKTA_ISSUER,
  redirectUri: process.env.NEXTAUTH_URL + '/api/auth/callback/okta',
};

export default NextAuth({ providers: [OktaProvider(oktaProvider)] });
