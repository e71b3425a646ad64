// Auth JS: the transaction of signInWithCredentials carries the Classic
// session token (error); a name alone in a file that imports Okta is info.
import { OktaAuth } from '@okta/okta-auth-js';

const authClient = new OktaAuth({ issuer: 'https://acme.okta.com/oauth2/default', clientId: '0oa1b2c3d4e5f6g7h8i9' });

export async function login(username, password) {
  const transaction = await authClient.signInWithCredentials({ username, password });
  return authClient.token.getWithRedirect({ sessionToken: transaction.sessionToken }); // want OIE002:45 "passes a Classic session token: the session token belongs to the Classic authentication" OIE002:71 "^transaction.sessionToken reads"
}

export function later(tx) {
  authClient.signIn({ username: 'a', password: 'b' }).then((t) => t.sessionToken); // want OIE002:69 "^t.sessionToken reads"
  return tx.session.token; // want OIE002:13 "^tx.session.token reads .*only the name ties this to Okta"
}

// Destructuring reads the token from the transaction; passing it on in a
// shorthand key passes it.
export async function destructured(username, password) {
  const { sessionToken } = await authClient.signInWithCredentials({ username, password }); // want OIE002:11 "^sessionToken reads a Classic session token: the session token belongs"
  return authClient.token.getWithRedirect({ sessionToken }); // want OIE002:45 "^sessionToken passes a Classic session token"
}
