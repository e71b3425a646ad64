import { OktaAuth } from '@okta/okta-auth-js';
import { oidc } from './oidc';

export const authClient = new OktaAuth(oidc);
