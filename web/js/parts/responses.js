// Quiet responses under a shared entry: both partners see them; on my
// partner's shared entry I can say "I read this", "Thank you" or leave a
// short note, and take my own response back. A response never changes the
// entry, and goes when its author stops sharing the entry or deletes it.
import { api } from '../api.js';
import { partnerName } from '../session.js';
import { t } from '../strings.js';
import { r } from '../strings-reflect.js';
import { el, announce, field, formMessage, when, damagedNote, replace } from '../ui.js';

export function responseWords(item) {
  if (item.say === 'read') return r.responses.read;
  if (item.say === 'thanks') return r.responses.thanks;
  return `“${item.note || ''}”`;
}

/* The section, or null for a private entry (no one else can answer it). */
export function responsesSection(entry) {
  if (!entry.shared) return null;
  const list = el('ul', { class: 'responses', 'data-testid': 'responses' });
  const damaged = el('div');
  const section = el('section', { class: 'stack responses-section', 'aria-labelledby': 'responses-h' },
    el('h2', { id: 'responses-h' }, r.responses.title), list, damaged);
  const base = `/api/v1/journal/${encodeURIComponent(entry.id)}/responses`;

  async function refresh() {
    let page;
    try {
      page = await api('GET', base);
    } catch {
      return;
    }
    list.replaceChildren(...page.items.map((it) => {
      const li = el('li', { class: `response ${it.mine ? 'response--mine' : 'response--theirs'}` },
        el('span', { class: 'response-who' }, it.mine ? r.responses.you : it.author), ': ',
        el('span', { class: 'response-what' }, responseWords(it)), ' ',
        el('time', { class: 'hint', datetime: it.created_at }, when(it.created_at)));
      if (it.mine) {
        const undo = el('button', { type: 'button', class: 'btn btn--quiet btn--small' }, r.responses.remove);
        undo.addEventListener('click', async () => {
          undo.disabled = true;
          try {
            await api('DELETE', `/api/v1/responses/${encodeURIComponent(it.id)}`);
            announce(r.responses.removed);
            await refresh();
          } catch (err) {
            undo.disabled = false;
            announce(err.message);
          }
        });
        li.append(' ', undo);
      }
      return li;
    }));
    replace(damaged, damagedNote(page.damaged, 'responses'));
    section.hidden = page.items.length === 0 && !(page.damaged > 0) && entry.mine;
  }

  if (!entry.mine) {
    const other = entry.author || partnerName(t.yourPartner);
    const msg = formMessage();
    const send = async (body) => {
      msg.clear();
      try {
        await api('POST', base, body);
      } catch (err) {
        msg.show(err.message);
        return false;
      }
      announce(r.responses.sent(other));
      await refresh();
      return true;
    };
    const read = el('button', { type: 'button', class: 'btn' }, r.responses.read);
    const thanks = el('button', { type: 'button', class: 'btn' }, r.responses.thanks);
    read.addEventListener('click', () => send({ say: 'read' }));
    thanks.addEventListener('click', () => send({ say: 'thanks' }));
    const note = field({ label: r.responses.noteLabel, name: 'note', hint: r.responses.noteHint, multiline: true, rows: 2, maxlength: 1000 });
    const form = el('form', { class: 'stack respond-form', novalidate: true },
      el('h3', {}, r.responses.respondTitle(other)),
      el('div', { class: 'actions actions--start' }, read, thanks),
      note.wrap, msg.node,
      el('div', { class: 'actions actions--start' }, el('button', { type: 'submit', class: 'btn btn--primary' }, r.responses.send)));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = note.input.value.trim();
      if (!text) {
        note.setError(r.responses.noteEmpty);
        note.input.focus();
        return;
      }
      if (await send({ say: 'note', note: text })) note.input.value = '';
    });
    section.append(form);
  }
  refresh();
  return section;
}
