// fixture-widget-version: 6.9
// Mentions of the widget's API that are not code: no findings.
// new OktaSignIn({ processCreds: fn }).renderEl({ el: '#x' })
/* config.features.router = true; res.type === 'SESSION_SSO' */
import { useEffect, useRef } from 'react';
import OktaSignIn from '@okta/okta-signin-widget';

const HELP = 'Old code called new OktaSignIn(config).renderEl(...) with processCreds: fn';
const SNIPPET = `<script>
  var w = new OktaSignIn({ features: { router: true }, processCreds: fn });
  w.renderEl({ el: '#x' }, function (res) { if (res.type === 'SESSION_SSO') res.next(); });
</script>`;

export function Help(): JSX.Element {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const widget = new OktaSignIn({ issuer: '/oauth2/default', useInteractionCodeFlow: true });
    widget.showSignIn({ el: el.current as HTMLElement }).catch(console.error);
    return () => widget.remove();
  }, []);
  return (
    <article title={HELP}>
      <p>Replace new OktaSignIn(config).renderEl(options, success) with showSignIn.</p>
      <p>Remove processCreds: function () {'{}'} and features.router: true.</p>
      <pre>{SNIPPET}</pre>
      <div ref={el} />
    </article>
  );
}
