// An embedded widget styled through its Classic markup.
// fixture-widget-version: 7.20
import OktaSignIn from '@okta/okta-signin-widget';

const signIn = new OktaSignIn({
  baseUrl: 'https://acme.okta.com',
  clientId: '0oa1abcdEFGHijkl5d7',
  redirectUri: 'https://app.acme.example/callback',
});

signIn.on('afterRender', () => {
  const button = document.querySelector("form.primary-auth-form #okta-signin-submit"); // want OIE010:65
  button.value = 'Continue';
  $(signIn.el).find('.js-help-link').attr('href', '/help'); // want OIE010:22 "'.js-help-link' is the Classic Help link"
});

signIn.showSignIn({ el: '#widget' });
