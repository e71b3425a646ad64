import OktaSignIn from '@okta/okta-signin-widget';
import settings from './settings';

const signIn = new OktaSignIn(settings);
signIn.showSignInToGetTokens({ el: '#okta-sign-in' });
