// The once-only recovery code step, shared by setup and join. The person
// must tick "I have written it down" before they can go on.
import { t } from '../strings.js';
import { el, nextId, copyText, pageHeading } from '../ui.js';

/* Render into container; onDone() runs when the person continues. */
export function recoveryStep(container, code, onDone) {
  const codeId = nextId('recovery');
  const checkId = nextId('written');
  const note = el('p', { class: 'copy-note', role: 'status', 'aria-live': 'polite' });
  const copy = el('button', { type: 'button', class: 'btn btn--quiet' }, t.recovery.copy);
  copy.addEventListener('click', async () => {
    note.textContent = (await copyText(code)) ? t.recovery.copied : t.recovery.copyFailed;
  });
  const check = el('input', { type: 'checkbox', id: checkId, name: 'written' });
  const go = el('button', { type: 'submit', class: 'btn btn--primary', disabled: true }, t.recovery.continue);
  check.addEventListener('change', () => { go.disabled = !check.checked; });
  const form = el('form', { class: 'stack', novalidate: true },
    el('div', { class: 'check' }, check, el('label', { for: checkId }, t.recovery.check)),
    el('div', { class: 'actions' }, go));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (check.checked) onDone();
  });
  container.replaceChildren(
    el('section', { class: 'card card--focus stack' },
      pageHeading(t.recovery.title),
      el('p', {}, t.recovery.lead),
      el('p', { class: 'strong' }, t.recovery.once),
      el('p', { class: 'label', id: `${codeId}-label` }, t.recovery.codeLabel),
      el('p', { class: 'recovery-code', id: codeId, 'data-testid': 'recovery-code' }, code),
      el('div', { class: 'inline' }, copy, note),
      form));
  container.querySelector('h1').focus();
  document.title = t.pageTitle(t.recovery.title);
}
