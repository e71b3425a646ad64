import OktaSignIn from '@okta/okta-signin-widget';
import { sharedWidget } from '@acme/okta-config';

// '@acme/okta-config' is a package of this repository's workspaces
// (package.json: "workspaces": ["packages/*"]).
const widget = new OktaSignIn({ ...sharedWidget, el: '#okta-sign-in' });
widget.showSignInAndRedirect();
