import OktaSignIn from '@okta/okta-signin-widget';
import brand from '~okta/brand';

// '~okta/brand' has two targets: src/generated/okta/brand (no such file)
// and src/okta/brand.ts, which it is.
const widget = new OktaSignIn({ ...brand, el: '#okta-sign-in' });
widget.showSignInAndRedirect();
