import OktaSignIn from '@okta/okta-signin-widget';
import { aliasConfig } from '@/config/okta';

// '@/config/okta' is src/config/okta.ts by the paths of tsconfig.app.json.
export function mountLogin(el: HTMLElement) {
  return new OktaSignIn({ ...aliasConfig, el });
}
