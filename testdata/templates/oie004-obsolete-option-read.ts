// fixture-widget-version: 7.20
import OktaSignIn from '@okta/okta-signin-widget';
import type { WidgetOptions } from '@okta/okta-signin-widget';

const options: WidgetOptions = {
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  useInteractionCodeFlow: true, // want OIE004:3 "removed in widget 7.0"
};

// Other code reads the option, so removing it is not safe.
if (options.useInteractionCodeFlow) {
  console.info('Sign-in uses the interaction code flow');
}

export const signIn = new OktaSignIn(options);
