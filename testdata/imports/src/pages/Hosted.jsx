import OktaSignIn from '@okta/okta-signin-widget';
import { hosted } from 'src/okta/hosted';

// 'src/okta/hosted' is no paths pattern: baseUrl ('.', from
// tsconfig.base.json) finds src/okta/hosted.js.
new OktaSignIn(hosted).showSignInToGetTokens({ el: '#okta-sign-in' });
