import React, { useEffect, useRef } from 'react';
import OktaSignIn from '@okta/okta-signin-widget';
import '@okta/okta-signin-widget/css/okta-sign-in.min.css';
import config from './config';

// Renders the widget into the page and hands the response to the app.
const Login = ({ onSuccess, onError }) => {
  const widgetRef = useRef();

  useEffect(() => {
    if (!widgetRef.current) {
      return false;
    }
    const widget = new OktaSignIn({
      baseUrl: config.oidc.issuer.split('/oauth2')[0],
      clientId: config.oidc.clientId,
      redirectUri: config.oidc.redirectUri,
      useInteractionCodeFlow: true,
      authParams: { issuer: config.oidc.issuer, scopes: config.oidc.scopes },
    });
    widget.renderEl({ el: widgetRef.current }, onSuccess, onError); // want OIE005:12 "showSignInToGetTokens"
    return () => widget.remove();
  }, [onSuccess, onError]);

  return (
    <div className="login">
      <h1>Sign in</h1>
      <div ref={widgetRef} />
    </div>
  );
};

export default Login;
