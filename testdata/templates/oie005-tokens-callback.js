// renderEl whose success callback reads res.tokens works on Identity
// Engine (info); one that reads the Classic session breaks (warning).
import OktaSignIn from '@okta/okta-signin-widget';

const signIn = new OktaSignIn({ baseUrl: 'https://acme.okta.com', clientId: '0oa1b2c3d4e5f6g7h8i9', redirectUri: '/cb', useInteractionCodeFlow: true });
signIn.renderEl({ el: '#a' }, (res) => signIn.authClient.handleLoginRedirect(res.tokens)); // want OIE005:8 "reads res.tokens, which Identity Engine's response carries"

signIn.renderEl({ el: '#b' }, function done(res) { // want OIE005:8 "^signIn.renderEl is the Classic way"
  window.location = '/exchange?t=' + res.session.token; // want OIE002:42 "^res.session.token reads"
});

this.widget.renderEl({ el: '#c' }); // want OIE005:13 "^this.widget.renderEl: renderEl is the Classic way"
