// fixture-widget-version: 7.20
import { useEffect, useRef } from 'react';
import OktaSignIn from '@okta/okta-signin-widget';

export function Login() {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const widget = new OktaSignIn({
      issuer: 'https://acme.okta.com/oauth2/default',
      clientId: '0oa1abcdEFGHijkl5d7',
      redirectUri: window.location.origin + '/login/callback',
      i18n: {
        en: { 'registration.form.submit': 'Create my account', 'oie.registration.form.title': 'Join Acme' }, // want OIE011:15 "override oie.registration.form.submit"
      },
    });
    widget.showSignIn({ el: el.current! });
    return () => widget.remove();
  }, []);
  return <div ref={el} />;
}
