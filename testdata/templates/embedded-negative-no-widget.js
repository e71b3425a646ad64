// fixture-widget-version: 6.9
// A file that creates no Sign-In Widget: renderEl and option-like keys here
// belong to other libraries.
import { createChart } from './charts';

const chart = createChart({
  features: { router: true, securityImage: true },
  processCreds: (creds) => creds,
  useInteractionCodeFlow: false,
});

export function draw(widget, el) {
  widget.renderEl({ el }, (res) => {
    if (res.type === 'SESSION_SSO') {
      res.next();
    }
  });
  chart.renderEl(el);
}
