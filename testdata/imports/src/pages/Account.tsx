import OktaSignIn from '@okta/okta-signin-widget';
import { OktaAuth } from '@okta/okta-auth-js';
import { accountAuth } from '@/auth/account';
import { missing } from '@/config/missing';

// '@/auth/account' resolves to Auth JS options, passed to new OktaAuth:
// not a widget's configuration. '@/config/missing' matches the '@/*'
// pattern but names no file: its options are unknown, so nothing is
// reported missing at new OktaSignIn.
export const authClient = new OktaAuth(accountAuth);
export const widget = new OktaSignIn({ ...missing, el: '#okta-sign-in' });
