// NextAuth.js: its own session cookie and callbacks.
import NextAuth, { type NextAuthOptions } from 'next-auth';
import GitHub from 'next-auth/providers/github';

export const authOptions: NextAuthOptions = {
  providers: [GitHub({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })],
  cookies: {
    sessionToken: {
      name: `__Secure-next-auth.session-token`,
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
    },
  },
  callbacks: {
    async session({ session, token }) {
      session.token = token;
      return session;
    },
  },
};

export function readCookie(req: { cookies: Record<string, string> }) {
  const sessionToken = req.cookies['next-auth.session-token'];
  return sessionToken;
}

export default NextAuth(authOptions);
