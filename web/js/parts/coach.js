// The I-statement coach beside a textarea where someone writes to their
// partner (a boundary or need, a journal entry about to be shared, an
// agenda item): gentle advice, never a gate. It never disables a button
// or stops a form; it only reads what is written and says what it notices.
//
// One call attaches it:
//
//   import { attachCoach } from '../parts/coach.js';
//   const coach = attachCoach(textarea);                   // below the textarea
//   const coach = attachCoach(textarea, { container });    // or in container
//   const coach = attachCoach(textarea, { active: () => box.checked });
//   coach.refresh();   // after what active() says has changed
//
// A short pause after typing (debounced), it asks POST /api/v1/coach and
// lists each finding with its advice; a clean I-statement gets a word of
// encouragement, a partial one a hint of what would complete it. While
// active() is false (say, a journal entry that stays private) it shows
// nothing and asks nothing. The "I-statement helper" builds "I feel ...
// when ..., because I need .... Would you be willing to ...?" from four
// parts (POST /api/v1/coach/statement), with the journal's feeling words
// (GET /api/v1/feelings) offered for the first, and puts it into the
// textarea. Returns { node, refresh }.
import { api } from '../api.js';
import { c } from '../strings-coach.js';
import { el, field, formMessage, busy, nextId, replace } from '../ui.js';

const TEXT_MAX = 20 * 1024;  // bytes the coach reads (DY_COACH_TEXT_MAX)
const PART_MAX = 500;        // bytes of one part (DY_COACH_PART_MAX)
const PAUSE_MS = 700;

let feelingsCache = null;
function feelingWords() {
  if (!feelingsCache) {
    feelingsCache = api('GET', '/api/v1/feelings')
      .then((v) => (v && Array.isArray(v.groups) ? v.groups.flatMap((g) => g.words || []) : []))
      .catch(() => {
        feelingsCache = null;
        return [];
      });
  }
  return feelingsCache;
}

function bytes(s) {
  return new TextEncoder().encode(s).length;
}

function listWords(words) {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function helperPanel(textarea, onFilled) {
  const id = nextId('coach-help');
  const listId = `${id}-words`;
  const feel = field({ label: c.feel, name: 'coach-feel', hint: c.feelHint, maxlength: PART_MAX });
  feel.input.setAttribute('list', listId);
  feel.input.setAttribute('autocomplete', 'off');
  const words = el('datalist', { id: listId });
  const when = field({ label: c.when, name: 'coach-when', hint: c.whenHint, maxlength: PART_MAX });
  const need = field({ label: c.need, name: 'coach-need', hint: c.needHint, maxlength: PART_MAX });
  const ask = field({ label: c.ask, name: 'coach-ask', hint: c.askHint, maxlength: PART_MAX });
  const msg = formMessage();
  const use = el('button', { type: 'button', class: 'btn btn--small' }, c.use);
  const panel = el('div', { class: 'coach-helper stack', id, role: 'group', 'aria-label': c.helper, hidden: true },
    el('p', { class: 'hint' }, c.helperLead),
    feel.wrap, words, when.wrap, need.wrap, ask.wrap, msg.node,
    el('div', { class: 'actions actions--start' }, use));
  const toggle = el('button', { type: 'button', class: 'btn btn--small btn--quiet coach-toggle', 'aria-expanded': 'false', 'aria-controls': id }, c.helper);

  toggle.addEventListener('click', async () => {
    const open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (!open) return;
    feel.input.focus();
    if (!words.childElementCount) {
      replace(words, (await feelingWords()).map((w) => el('option', { value: w })));
    }
  });
  // Enter in a part builds the statement rather than sending the form
  // the textarea belongs to.
  for (const f of [feel, when, need, ask]) {
    f.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        use.click();
      }
    });
  }
  use.addEventListener('click', () => {
    msg.clear();
    const parts = [[feel, 'feel'], [when, 'when'], [need, 'need'], [ask, 'ask']];
    for (const [f] of parts) f.setError('');
    const empty = parts.find(([f]) => !f.input.value.trim());
    if (empty) {
      empty[0].setError(c.partNeeded);
      empty[0].input.focus();
      return;
    }
    busy(use, async () => {
      let r;
      try {
        r = await api('POST', '/api/v1/coach/statement',
          Object.fromEntries(parts.map(([f, key]) => [key, f.input.value.trim()])));
      } catch (err) {
        msg.show(err.message);
        return;
      }
      const before = textarea.value.replace(/\s+$/, '');
      textarea.value = before ? `${before}\n\n${r.statement}` : r.statement;
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
      for (const [f] of parts) f.input.value = '';
      panel.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      textarea.focus();
      onFilled();
    });
  });
  return { toggle, panel };
}

export function attachCoach(textarea, { container = null, active = () => true } = {}) {
  // The status line is always in the page (a live region that appears
  // with its text may not be read); it is empty when there is nothing to say.
  const status = el('p', { class: 'coach-status', role: 'status' });
  const list = el('ul', { class: 'coach-findings', 'aria-label': c.title, hidden: true });
  const node = el('div', { class: 'coach', 'data-testid': 'coach' }, status, list);
  let timer = 0;
  let asked = 0;   // the number of the latest request; older answers are dropped
  let shown = '';  // what the status says, so a screen reader hears changes only

  function say(text) {
    if (text !== shown) {
      shown = text;
      status.textContent = text;
    }
  }

  function state(name) {
    node.className = name ? `coach coach--${name}` : 'coach';
  }

  function clear() {
    asked += 1;
    state('');
    list.hidden = true;
    list.replaceChildren();
    say('');
  }

  function render(r) {
    const findings = r.findings || [];
    list.replaceChildren(...findings.map((f) => el('li', { class: 'coach-finding' },
      el('span', { class: 'coach-kind' }, c.kinds[f.kind] || f.kind), ' ',
      el('q', { class: 'coach-words' }, f.text),
      el('p', { class: 'coach-tip' }, f.advice))));
    list.hidden = !findings.length;
    if (findings.length) {
      state('found');
      say(c.noticed(findings.length));
    } else if (r.clean) {
      state('clean');
      say(r.note || c.clean);
    } else if (r.parts && r.parts.length) {
      state('partial');
      const missing = ['feeling', 'situation', 'need', 'request'].filter((p) => !r.parts.includes(p));
      say(c.partial(listWords(r.parts.map((p) => c.parts[p])), listWords(missing.map((p) => c.parts[p]))));
    } else {
      clear();
    }
  }

  async function check() {
    window.clearTimeout(timer);
    const text = textarea.value;
    if (!active() || !text.trim() || bytes(text) > TEXT_MAX) {
      clear();
      return;
    }
    asked += 1;
    const mine = asked;
    let r;
    try {
      r = await api('POST', '/api/v1/coach', { text });
    } catch {
      // Advice only: when the coach cannot answer, it says nothing.
      if (mine === asked) clear();
      return;
    }
    if (mine === asked && textarea.value === text) render(r);
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, PAUSE_MS);
  }

  const helper = helperPanel(textarea, check);
  const wrap = el('div', { class: 'coach-wrap' }, node, helper.toggle, helper.panel);
  textarea.addEventListener('input', later);
  // A form reset empties the textarea without an input event.
  function onReset(e) {
    if (!textarea.isConnected && !wrap.isConnected) {
      document.removeEventListener('reset', onReset, true);
      return;
    }
    if (e.target.contains(textarea)) window.setTimeout(check, 0);
  }
  document.addEventListener('reset', onReset, true);
  (container || textarea.parentNode).appendChild(wrap);
  if (textarea.value.trim()) later();
  return { node: wrap, refresh: check };
}
