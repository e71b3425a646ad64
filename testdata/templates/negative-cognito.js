// Amazon Cognito: amazon-cognito-identity-js and Amplify.
import { AuthenticationDetails, CognitoUser } from 'amazon-cognito-identity-js';
import { Auth } from 'aws-amplify';

export function login(pool, username, password) {
  const user = new CognitoUser({ Username: username, Pool: pool });
  user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
    onSuccess: function (session) {
      const token = session.getIdToken().getJwtToken();
      localStorage.setItem('token', token);
    },
    onFailure: (err) => console.error(err),
  });
}

export async function amplifyLogin(username, password) {
  const result = await Auth.signIn(username, password);
  const session = result.signInUserSession;
  return { sessionToken: session.accessToken.jwtToken, refresh: result.session.token };
}
