import { useEffect, useRef } from 'react';
import OktaSignIn from '@okta/okta-signin-widget';
import { oktaConfig } from './oktaConfig';

// The options come from ./oktaConfig, and what they say is reported there.
// Nothing here is missing: the import supplies clientId.
export default function Login() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const widget = new OktaSignIn({ ...oktaConfig, el: ref.current! });
    widget.showSignInAndRedirect();
    return () => widget.remove();
  }, []);
  return <div ref={ref} />;
}
