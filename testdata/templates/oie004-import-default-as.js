// fixture-widget-version: 6.9
import { default as Signin } from '@okta/okta-signin-widget';
import { getIssuer } from './env';

export function mountSignIn(el) {
  const signIn = new Signin({ issuer: getIssuer(), clientId: '0oa1b2c3d4e5f6g7h8i9', el }); // want OIE004:18 "does not set useInteractionCodeFlow"
  return signIn.showSignInToGetTokens().then((tokens) => {
    signIn.authClient.tokenManager.setTokens(tokens);
    signIn.remove();
  });
}
