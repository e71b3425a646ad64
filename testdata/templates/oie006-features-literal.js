// fixture-widget-version: 7.20
import OktaSignIn from '@okta/okta-signin-widget';

const defaultFeatures = {
  autoPush: true, // want OIE006:3 "features.autoPush.*authenticator"
  smsRecovery: true, // want OIE006:3 "features.smsRecovery.*password policy"
  callRecovery: false,
  webauthn: true, // want OIE006:3 "features.webauthn.*still reads it"
  scrollOnError: !1,
  hideSignOutLinkInMFA: true,
};

export const signIn = new OktaSignIn({
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  features: {
    ...defaultFeatures,
    router: true, // want OIE006:5 "features.router"
    securityImage: true, // want OIE006:5 "security image"
    showPasswordToggleOnSignInPage: true, // read on Identity Engine, where true is the default: not reported
    skipIdpFactorVerificationBtn: true, // want OIE006:5 "still reads it"
    prefillUsernameFromIdpDiscovery: true, // want OIE006:5 "Classic IdP Discovery"
    showSessionRevocation: true, // want OIE006:5 "Classic-only"
    idpDiscovery: false,
    'showPasswordToggleOnSignInPage': false, // want OIE006:5 "hides the password toggle on Identity Engine"
    registration: null,
    rememberMe: undefined,
  },
  'features.selfServiceUnlock': true, // want OIE006:3 "features.selfServiceUnlock"
  registration: {
    preSubmit(postData, onSuccess) { // want OIE006:5 "registration.preSubmit"
      onSuccess({ ...postData, locale: navigator.language });
    },
    postSubmit: (response, onSuccess) => onSuccess(response), // want OIE006:5 "registration.postSubmit"
    click: () => window.location.assign('/sign-up'),
  },
});

signIn.showSignInToGetTokens({ el: '#sign-in' });
