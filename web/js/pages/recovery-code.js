// A recovery code that was shown but never confirmed as written down (the
// page was reloaded on that step): ask for the passphrase and make a new
// one. parts/recovery.js says why the code itself is not kept.
import { t } from '../strings.js';
import { el, pageHeading } from '../ui.js';
import { recoveryStep, renewForm } from '../parts/recovery.js';

export async function render(ctx) {
  const form = renewForm({
    submitClass: 'btn btn--primary',
    onCode: (code) => recoveryStep(ctx.main, code, () => ctx.navigate('/today', { replace: true }), { renewed: true }),
  });
  ctx.main.replaceChildren(
    el('section', { class: 'card card--focus stack' },
      pageHeading(t.renew.pendingTitle),
      el('p', {}, t.renew.pendingLead),
      form));
}
