import OktaSignIn from '@okta/okta-signin-widget';
import { orgOnly } from './orgOnly';

// Neither this literal nor the imported one has a clientId.
new OktaSignIn({ ...orgOnly, el: '#okta-sign-in' }); // want OIE004:1 "no clientId"
