// fixture-widget-version: 7.20
import { useEffect, useRef } from 'react';
import type { Tokens } from '@okta/okta-auth-js';
import OktaSignIn from '@okta/okta-signin-widget';
import type { WidgetOptions } from '@okta/okta-signin-widget';

interface SignInProps {
  issuer: string;
  clientId: string;
  onSuccess: (tokens: Tokens) => void;
}

export function SignIn({ issuer, clientId, onSuccess }: SignInProps): JSX.Element {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const options: WidgetOptions = {
      issuer,
      clientId,
      redirectUri: `${window.location.origin}/login/callback`,
      useInteractionCodeFlow: true, // want OIE004:7 "removed in widget 7.0.*widget 7.20.0"
      useClassicEngine: true, // want OIE004:7 "opts this widget out of Identity Engine"
      features: { rememberMe: true, securityImage: true }, // want OIE006:19 "features.rememberMe" OIE006:37 "security image"
    };
    const widget = new OktaSignIn(options);
    widget
      .showSignInToGetTokens({ el: container.current as HTMLElement })
      .then(onSuccess)
      .catch((err: Error) => console.error(err));
    return () => widget.remove();
  }, [issuer, clientId, onSuccess]);

  return (
    <section className="sign-in">
      <h2>Welcome back</h2>
      <div ref={container} aria-label="Okta sign-in" />
    </section>
  );
}
