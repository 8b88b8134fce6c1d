// Small DOM helpers. Text always goes in through text nodes, never through
// innerHTML; the one exception (an entry's server-rendered body) lives in
// pages/entry.js and says why.
import { t } from './strings.js';

/*
 * el('button', {class: 'btn', type: 'button', onclick: fn}, 'Save')
 * Attributes: "class", "for", boolean true/false, on* event handlers
 * (functions), everything else through setAttribute. Children: nodes,
 * strings (as text), arrays (flattened); null, undefined and false are
 * skipped.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      node.className = value;
    } else if (key === 'for') {
      node.htmlFor = value;
    } else if (key === 'value') {
      node.value = value;
    } else if (value === true) {
      node.setAttribute(key, '');
    } else {
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/* Replace all of node's children. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/* A calm note under a list or a statistic: n records were left out
 * because they could not be read (a damaged database file), as the API's
 * "damaged" says, in the words for what they were (what: a key of
 * t.damaged: records, entries, notes, responses, sessions, reactions);
 * null when none were, so el() skips it. */
export function damagedNote(n, what = 'records') {
  if (!(n > 0)) return null;
  return el('p', { class: 'hint damaged-note', 'data-testid': 'damaged-records' }, t.damaged[what](n));
}

let uid = 0;
/* A fresh id for label/for and aria-describedby pairs. */
export function nextId(prefix = 'f') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/*
 * A labelled input with an optional hint and a slot for its own error.
 * Returns {wrap, input, setError}.
 */
export function field({ label, type = 'text', name, hint, required = false,
  autocomplete, value, multiline = false, rows = 8, maxlength, optional = false }) {
  const id = nextId(name || 'f');
  const hintId = hint ? `${id}-hint` : null;
  const errId = `${id}-err`;
  const input = multiline
    ? el('textarea', { id, name, rows, required, maxlength })
    : el('input', { id, name, type, required, autocomplete, maxlength });
  if (value !== undefined && value !== null) input.value = value;
  const err = el('p', { class: 'field-error', id: errId, hidden: true });
  input.setAttribute('aria-describedby', [hintId, errId].filter(Boolean).join(' '));
  const wrap = el('div', { class: 'field' },
    el('label', { for: id }, label,
      optional ? el('span', { class: 'label-note' }, ` ${t.form.optional}`) : null),
    hint ? el('p', { class: 'hint', id: hintId }, hint) : null,
    input,
    err);
  function setError(message) {
    if (message) {
      err.textContent = message;
      err.hidden = false;
      input.setAttribute('aria-invalid', 'true');
    } else {
      err.textContent = '';
      err.hidden = true;
      input.removeAttribute('aria-invalid');
    }
  }
  input.addEventListener('input', () => setError(''));
  return { wrap, input, setError };
}

/* A form-level message slot that screen readers announce. */
export function formMessage() {
  const node = el('p', { class: 'form-message', role: 'alert', hidden: true });
  return {
    node,
    show(message, kind = 'error') {
      node.className = `form-message form-message--${kind}`;
      node.textContent = message;
      node.hidden = !message;
    },
    clear() { node.textContent = ''; node.hidden = true; },
  };
}

/* Disable a form's submit button while a request runs. */
export async function busy(button, fn) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = t.form.working;
  try {
    return await fn();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    // fn may have relabelled the button for what comes next; keep that.
    if (button.textContent === t.form.working) button.textContent = label;
  }
}

let toastTimer = 0;
/* Say something briefly, visibly and to screen readers (aria-live). */
export function announce(message) {
  const node = document.getElementById('status');
  if (!node) return;
  node.textContent = '';
  node.classList.remove('toast--on');
  // A fresh text node after a tick makes screen readers read repeats too.
  window.setTimeout(() => {
    node.textContent = message;
    node.classList.add('toast--on');
  }, 30);
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => node.classList.remove('toast--on'), 4000);
}

/*
 * Ask a yes/no question in a modal <dialog>. Resolves true when the person
 * confirms, false when they cancel or press Escape. Focus starts on the
 * safe choice.
 */
export function confirmDialog({ title, body, confirm, cancel, danger = false }) {
  return new Promise((resolve) => {
    const titleId = nextId('dlg');
    const bodyId = `${titleId}-body`;
    const yes = el('button', { type: 'button', class: danger ? 'btn btn--danger' : 'btn btn--primary' }, confirm);
    const no = el('button', { type: 'button', class: 'btn' }, cancel);
    const dialog = el('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': bodyId },
      el('h2', { id: titleId }, title),
      el('p', { id: bodyId }, body),
      el('div', { class: 'actions' }, no, yes));
    let answer = false;
    yes.addEventListener('click', () => { answer = true; dialog.close(); });
    no.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    no.focus();
  });
}

/* Copy text to the clipboard; resolves true when it worked. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// Dates and times: in the app's language (t.locale) and the person's time
// zone (timeZone(): their setting, else the browser's).
let zone = null;

/* The time zone the app shows times in; null: the browser's. */
export function setTimeZone(tz) {
  zone = tz || null;
}

/* The browser's own IANA zone ("" when it does not say): sent at sign-up
 * and log-in, where the server keeps it as the person's zone when they have
 * none yet. */
export function browserZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    return '';
  }
}

/* The IANA name of the zone in use. */
export function timeZone() {
  return zone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function fmt(opts) {
  return new Intl.DateTimeFormat(t.locale, { timeZone: timeZone(), ...opts });
}

/* The calendar day of d in the zone, as "YYYY-MM-DD" (sortable, comparable). */
export function dayKey(d) {
  const parts = Object.fromEntries(fmt({ year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/* The hour of day (0-23) of d in the zone. */
export function hourOf(d = new Date()) {
  return Number(fmt({ hour: 'numeric', hourCycle: 'h23' }).format(d));
}

/* Is this ISO instant on today's date in the person's own time zone? */
export function isToday(iso) {
  const d = new Date(iso);
  return !Number.isNaN(d.getTime()) && dayKey(d) === dayKey(new Date());
}

/* "today at 09:12", "yesterday at 21:40", "Tue 3 Nov at 08:00". */
export function when(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const time = fmt({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  const now = new Date();
  const day = dayKey(d);
  let label;
  if (day === dayKey(now)) label = t.time.today;
  else if (day === dayKey(new Date(now.getTime() - 86400000))) label = t.time.yesterday;
  else {
    const opts = { weekday: 'short', day: 'numeric', month: 'short' };
    if (day.slice(0, 4) !== dayKey(now).slice(0, 4)) opts.year = 'numeric';
    label = fmt(opts).format(d);
  }
  return t.time.at(label, time);
}

/* A long date for headings: "Sunday 29 November". */
export function longDate(d = new Date()) {
  return fmt({ weekday: 'long', day: 'numeric', month: 'long' }).format(d);
}

/* A calendar day "YYYY-MM-DD" (plus days more) as a long date, "Monday 7
 * December": the day itself, whatever the zone. */
export function dayDate(ymd, days = 0) {
  const [y, m, d] = String(ymd).split('-').map(Number);
  return new Intl.DateTimeFormat(t.locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' })
    .format(new Date(Date.UTC(y, m - 1, d + days)));
}

/* Plain-text excerpt of Markdown source, for lists. Never parsed as HTML. */
export function excerpt(text, max = 160) {
  const plain = String(text || '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}

/* The heading a page opens with; it takes focus after navigation. */
export function pageHeading(text, level = 'h1') {
  return el(level, { class: 'page-title', tabindex: '-1' }, text);
}
