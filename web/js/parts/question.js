// A question for two (issue #11): today's question on the Boundaries &
// goals page, with the answer form, both answers once both are open, and the
// earlier questions; and its Today card. Answers are held by the server
// until both partners have answered: this only shows what the API hands
// out. Skipping today's question ("Not today") is remembered in this
// browser only, so it leaves no trace on the server.
import { api } from '../api.js';
import { b } from '../strings-self.js';
import { el, field, formMessage, busy, announce, when, timeZone, replace } from '../ui.js';

const q = b.question;
const TEXT_MAX = 2000;

function todayPath() {
  return `/api/v1/questions/today?tz=${encodeURIComponent(timeZone())}`;
}

function skipKey(st) {
  return `dyad.question.skip.${st.question.id}`;
}

export function skippedToday(st) {
  try {
    const v = localStorage.getItem(skipKey(st));
    return v !== null && v === new Date().toDateString();
  } catch {
    return false;
  }
}

function stateLine(st) {
  const name = st.partner || 'your partner';
  if (st.alone && !st.mine) return q.alone;
  switch (st.state) {
    case 'unanswered': return q.unanswered(name);
    case 'partner_answered': return q.theirsWaits(name);
    case 'waiting_for_partner': return q.mineWaits(name);
    case 'opening': return st.theirs ? q.open : q.opening(name);
    default: return q.open;
  }
}

function answers(st) {
  const out = [];
  if (st.mine) {
    out.push(el('div', { class: 'answer answer--mine' },
      el('p', { class: 'item-meta' }, `${q.you} · ${when(st.mine.created_at)}`),
      el('p', { class: 'answer-text' }, st.mine.answer)));
  }
  if (st.theirs) {
    out.push(el('div', { class: 'answer answer--theirs' },
      el('p', { class: 'item-meta' }, `${st.theirs.author} · ${when(st.theirs.created_at)}`),
      el('p', { class: 'answer-text' }, st.theirs.answer)));
  }
  return out;
}

/* One question with where it stands and, when I can answer, the form.
 * onChange(status) is called after answering. */
function questionBlock(st, onChange) {
  const canAnswer = !st.mine && !st.alone;
  const parts = [
    el('p', { class: 'item-meta' }, st.question.theme_label),
    el('p', { class: 'question-text' }, st.question.text),
    el('p', { class: `status${st.state === 'open' ? ' status--ok' : ''}`, 'data-testid': 'question-state' }, stateLine(st)),
    ...answers(st),
  ];
  if (st.mine && (st.state === 'open' || st.state === 'opening')) {
    const note = el('p', { class: 'hint', hidden: true }, q.discussed, ' ', el('a', { href: '/checkins' }, q.agenda));
    const button = el('button', { type: 'button', class: 'btn btn--small' }, q.discuss);
    button.addEventListener('click', () => busy(button, async () => {
      try {
        await api('POST', `/api/v1/questions/${encodeURIComponent(st.question.id)}/discuss`, {});
      } catch (err) {
        announce(err.message);
        return;
      }
      button.hidden = true;
      note.hidden = false;
      announce(q.discussed);
    }));
    parts.push(el('div', { class: 'actions' }, button), note);
  }
  if (canAnswer) {
    const text = field({ label: q.label, name: 'answer', multiline: true, rows: 3, hint: q.hint, maxlength: TEXT_MAX * 4 });
    const save = el('button', { type: 'submit', class: 'btn btn--primary' }, q.save);
    const msg = formMessage();
    const form = el('form', { class: 'stack', novalidate: true }, text.wrap, msg.node, el('div', { class: 'actions' }, save));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      msg.clear();
      const v = text.input.value.trim();
      if (!v) {
        text.setError(q.empty);
        text.input.focus();
        return;
      }
      busy(save, async () => {
        let next;
        try {
          next = await api('POST', `/api/v1/questions/${encodeURIComponent(st.question.id)}/answer`, { answer: v });
        } catch (err) {
          msg.show(err.message);
          return;
        }
        announce(q.answered);
        await onChange(next);
      });
    });
    parts.push(form);
  }
  return el('div', { class: 'question stack', 'data-question': st.question.id }, ...parts);
}

/* The section of the Boundaries & goals page. */
export async function questionSection(stale) {
  const body = el('div', { class: 'stack' });
  const earlier = el('details', { class: 'history' }, el('summary', {}, q.earlier));

  async function showToday(st) {
    replace(body, questionBlock(st, showToday));
    earlier.dataset.loaded = '';
    if (earlier.open) await loadEarlier();
  }

  async function loadEarlier() {
    const r = await api('GET', '/api/v1/answers?limit=50');
    earlier.dataset.loaded = '1';
    const list = r.answers.filter((st) => st.question.id !== body.firstChild?.dataset.question);
    replace(earlier, el('summary', {}, q.earlier),
      list.length ? el('ul', { class: 'item-list' }, list.map((st) => el('li', { class: 'item' }, questionBlock(st, () => {}))))
        : el('p', { class: 'empty' }, q.noneEarlier));
  }
  earlier.addEventListener('toggle', () => {
    if (earlier.open && !earlier.dataset.loaded) loadEarlier().catch((err) => announce(err.message));
  });

  const st = await api('GET', todayPath());
  if (stale()) return null;
  await showToday(st);
  return el('section', { class: 'card stack', id: 'question', 'aria-labelledby': 'self-q' },
    el('h2', { id: 'self-q' }, q.title),
    el('p', { class: 'hint' }, q.lead),
    body, earlier);
}

/* Today's card: today's question when there is something for me to do
 * (answer it, or read both answers given today); nothing otherwise, or
 * when I said "Not today". */
export async function questionCard(other) {
  if (!other) return null;
  const st = await api('GET', todayPath());
  const readable = st.state === 'open' && st.answered_at && new Date(st.answered_at).toDateString() === new Date().toDateString();
  if (skippedToday(st) || !(st.state === 'unanswered' || st.state === 'partner_answered' || readable)) return null;
  const card = el('li', { class: 'due', 'data-testid': 'question-card' },
    el('p', { class: 'due-title' }, q.cardTitle),
    el('p', { class: 'question-text' }, st.question.text),
    el('p', { class: 'hint' }, stateLine(st)),
    el('div', { class: 'actions' },
      el('a', { href: '/boundaries#question', class: 'btn btn--primary' }, readable ? q.cardRead : q.cardAnswer),
      readable ? null : el('button', {
        type: 'button', class: 'btn',
        onclick: () => {
          try {
            localStorage.setItem(skipKey(st), new Date().toDateString());
          } catch { /* private mode: the card comes back next time */ }
          card.remove();
          announce(q.skipped);
        },
      }, q.skip)));
  return card;
}
