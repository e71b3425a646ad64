import OktaSignIn from '@okta/okta-signin-widget';
import { widgetConfig } from './config';

// widgetConfig reaches this file through src/config/index.ts.
export function mountRegistration(el: HTMLElement) {
  return new OktaSignIn({ ...widgetConfig, el, flow: 'signup' });
}
