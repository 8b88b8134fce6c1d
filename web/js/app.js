// The app shell and router. History routing: the server answers every app
// path with index.html, and this module picks the page from the registry
// in pages.js. Each page is its own module with render(ctx), loaded when
// first needed.
import { api, onUnauthorized } from './api.js';
import { loadLimits } from './limits.js';
import { PAGES, navKeyOf, navPages, pageFor } from './pages.js';
import { setSession, session } from './session.js';
import { recoveryPending } from './parts/recovery.js';
import { t } from './strings.js';
import { s as selfcare } from './strings-selfcare.js';
import { el, replace, announce, confirmDialog } from './ui.js';

// The navigation entries under "More".
const EXTRA_KEYS = new Set(navPages('extra').map((p) => p.name));

let setupState = null; // {space, members} from GET /api/v1/setup
let renderToken = 0;
let shell = null;
let firstRenderDone = false;
// A page with unsaved writing sets this to a function that says whether
// leaving would lose something; navigating away asks first.
let leaveGuard = null;
// Where the writing's history entry points once the writing is given up
// (the composer's: the journal), so that Back or Forward to it later
// brings no empty form in the text's place; null: it stays as it is.
let leaveTo = null;
// Each history entry the app makes carries its position (state.idx), so
// that on Back or Forward (or Android's back gesture) the app knows how far
// the browser moved and can move it back while it asks.
let historyIdx = 0;
// Set while the app itself moves through history to undo a step: the
// popstate that follows is its own, not the person's.
let undoingPop = false;

function idxOf(state) {
  return state && Number.isInteger(state.idx) ? state.idx : null;
}

async function askToLeave() {
  return confirmDialog({
    title: t.unsaved.title, body: t.unsaved.body, confirm: t.unsaved.leave, cancel: t.unsaved.stay, danger: true,
  });
}

function buildShell() {
  const main = el('main', { id: 'main', tabindex: '-1' });
  const moreBtn = el('button', {
    type: 'button', class: 'nav-more', 'aria-expanded': 'false', 'aria-controls': 'nav-extra',
  }, el('span', { class: 'nav-icon nav-icon--more', 'aria-hidden': 'true' }), el('span', { class: 'nav-text' }, t.nav.more));
  const links = {};
  const item = (page) => {
    const icon = el('span', { class: 'nav-icon', 'aria-hidden': 'true' });
    // Through the CSSOM: the CSP (style-src 'self') refuses style attributes.
    icon.style.setProperty('--icon', `url("/icons/${page.icon}.svg")`);
    links[page.name] = el('a', { href: page.href, class: `nav-link nav-link--${page.name}` },
      icon, el('span', { class: 'nav-text' }, page.label));
    return el('li', {}, links[page.name]);
  };
  const extra = el('ul', { class: 'nav-extra', id: 'nav-extra' }, navPages('extra').map(item));
  // "More" opens the pages under it, when there are any
  const hasExtra = navPages('extra').length > 0;
  const nav = el('nav', { class: 'nav', 'aria-label': t.nav.label },
    el('ul', { class: 'nav-main' }, navPages('main').map(item), hasExtra ? el('li', { class: 'nav-more-item' }, moreBtn) : null),
    hasExtra ? extra : null);
  const who = el('p', { class: 'who' });
  const header = el('header', { class: 'topbar' },
    el('a', { href: '/today', class: 'brand' },
      el('img', { src: '/favicon.svg', alt: '', width: '28', height: '28' }),
      el('span', { class: 'brand-name' }, t.app)),
    // The guided pause, one tap from every page (issue #9).
    el('a', { href: '/pause', class: 'pause-link' }, selfcare.pause.button),
    who);
  const status = el('div', { id: 'status', class: 'toast', role: 'status', 'aria-live': 'polite' });
  const skip = el('a', { class: 'skip', href: '#main' }, t.skip);

  function setMore(open) {
    nav.classList.toggle('nav--open', open);
    moreBtn.setAttribute('aria-expanded', String(open));
  }
  moreBtn.addEventListener('click', () => setMore(moreBtn.getAttribute('aria-expanded') !== 'true'));
  nav.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && nav.classList.contains('nav--open')) {
      setMore(false);
      moreBtn.focus();
    }
  });
  document.addEventListener('click', (e) => {
    if (nav.classList.contains('nav--open') && !nav.contains(e.target)) setMore(false);
  });
  skip.addEventListener('click', (e) => {
    e.preventDefault();
    main.focus();
  });

  const app = document.getElementById('app');
  replace(app, skip, header, nav, main);
  document.body.appendChild(status);
  return { main, nav, who, links, moreBtn, setMore };
}

function updateShell(page) {
  const s = session();
  const signedIn = Boolean(s) && !page.public;
  const current = navKeyOf(page);
  document.body.classList.toggle('signed-in', signedIn);
  shell.nav.hidden = !signedIn;
  shell.setMore(false);
  for (const [key, link] of Object.entries(shell.links)) {
    if (key === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // "More" looks current when one of its pages is.
  shell.moreBtn.classList.toggle('is-current', EXTRA_KEYS.has(current));
  if (signedIn) {
    // each dot stays with its name when the line wraps
    const person = (who, name) => el('span', { class: 'person' }, el('span', { class: `dot dot--${who}`, 'aria-hidden': 'true' }), name);
    const people = [person('mine', s.me.name)];
    if (s.partner) people.push(el('span', { class: 'amp' }, ' & '), person('theirs', s.partner.name));
    const label = s.space && s.space.label ? el('span', { class: 'space-label' }, s.space.label) : null;
    replace(shell.who, label, el('span', { class: 'people' }, people));
  } else {
    replace(shell.who);
  }
}

/* Where a person may be, given what the server says. Returns a path to go
 * to instead, or null when the page is fine. */
function redirectFor(page) {
  const s = session();
  if (!setupState || !PAGES.includes(page)) return null;
  if (!setupState.space) return page.name === 'setup' ? null : '/setup';
  if (!s) return page.public && page.name !== 'setup' ? null : '/login';
  return page.public ? '/today' : null;
}

export async function navigate(path, { replace: replaceEntry = false, state = null, force = false } = {}) {
  if (!force && leaveGuard && leaveGuard()) {
    if (!(await askToLeave())) return;
    if (leaveTo) history.replaceState(history.state, '', leaveTo);
  }
  leaveGuard = null;
  leaveTo = null;
  if (replaceEntry) {
    history.replaceState({ ...(state || {}), idx: historyIdx }, '', path);
  } else {
    historyIdx += 1;
    history.pushState({ ...(state || {}), idx: historyIdx }, '', path);
  }
  render();
}

/*
 * Back, Forward, the back gesture. With unsaved writing the browser has
 * already moved; move it back to the writing (nothing was rendered yet, so
 * the text is still there), ask, and go on only when the person says so.
 */
async function onPopState(e) {
  const idx = idxOf(e.state);
  if (undoingPop) {
    undoingPop = false;
    return;
  }
  if (leaveGuard && leaveGuard()) {
    // an entry without a position (an in-page anchor) counts as one step back
    const delta = idx === null ? -1 : idx - historyIdx;
    if (delta !== 0) {
      undoingPop = true;
      history.go(-delta);
      if (!(await askToLeave())) return;
      if (leaveTo) history.replaceState(history.state, '', leaveTo);
      leaveGuard = null;
      leaveTo = null;
      history.go(delta);
      return;
    }
  }
  if (idx !== null) historyIdx = idx;
  render();
}

/* Render the page for location; main carries aria-busy until it is done. */
async function render() {
  const token = ++renderToken;
  shell.main.setAttribute('aria-busy', 'true');
  try {
    await renderPage(token);
  } finally {
    if (token === renderToken) shell.main.removeAttribute('aria-busy');
  }
}

async function renderPage(token) {
  leaveGuard = null;
  leaveTo = null;
  let route = pageFor(location.pathname);
  const to = redirectFor(route.page);
  if (to) {
    history.replaceState(history.state, '', to);
    route = pageFor(to);
  }
  // A recovery code shown in this tab was never confirmed (a reload on
  // that step): make a new one before anything else.
  if (session() && !route.page.public && route.page.name !== 'recovery' && recoveryPending()) {
    history.replaceState(history.state, '', '/recovery-code');
    route = pageFor('/recovery-code');
  }
  // While alone, ask again on each page whether the partner has joined.
  const s = session();
  if (s && !s.partner && !route.page.public) {
    await refreshSession().catch(() => null);
    if (token !== renderToken) return;
    if (!session()) {
      history.replaceState(history.state, '', '/login');
      route = pageFor('/login');
    }
  }
  const { page } = route;
  updateShell(page);
  let mod;
  try {
    mod = await import(page.module);
  } catch {
    replace(shell.main, el('p', { class: 'form-message form-message--error' }, t.errors.network));
    return;
  }
  if (token !== renderToken) return;
  const main = shell.main;
  main.className = `page page--${page.name}`;
  // Keep the old page up for a moment; say "Loading…" only when slow.
  const slow = window.setTimeout(() => {
    if (token === renderToken) replace(main, el('p', { class: 'loading' }, t.loading));
  }, 400);
  const ctx = {
    main,
    params: route.params,
    page: page.name,
    navigate,
    stale: () => token !== renderToken,
    refreshSession,
    setupState: () => setupState,
    setSetupState: (v) => { setupState = v; },
    guardLeaving: (fn, leftUrl = null) => { leaveGuard = fn; leaveTo = leftUrl; },
  };
  try {
    await mod.render(ctx);
  } catch (err) {
    window.clearTimeout(slow);
    if (token !== renderToken) return;
    if (err && err.status === 401) return; // the unauthorized handler moved us on
    replace(main, el('p', { class: 'form-message form-message--error', role: 'alert' }, (err && err.message) || t.errors.generic));
  }
  window.clearTimeout(slow);
  if (token !== renderToken) return;
  const heading = main.querySelector('h1');
  const name = page.title || (heading && heading.textContent);
  document.title = t.pageTitle(name || t.app);
  // Move focus to the new page's heading so keyboard and screen reader
  // users start at the top, except on the first load.
  if (heading && firstRenderDone) heading.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  firstRenderDone = true;
}

/* Ask the server who is logged in; updates the session and returns it. */
async function refreshSession() {
  try {
    const s = await api('GET', '/api/v1/session', undefined, { quiet401: true });
    setSession(s);
  } catch (err) {
    if (err.status !== 401) throw err;
    setSession(null);
  }
  return session();
}

function onLinkClick(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname === location.pathname && url.hash) return; // in-page anchor
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

/* Phones: a control that gets focus is moved clear of the fixed tab bar.
 * scroll-padding does this when the browser scrolls a hidden control into
 * view, but a control that is partly visible behind the bar is left where
 * it is; this covers that case. */
function keepFocusClearOfBar(e) {
  const bar = document.querySelector('body.signed-in .nav');
  // main itself takes focus when a click lands on no control (a label's
  // mousedown): scrolling then would move the page between mousedown and
  // mouseup, and the click would be lost
  if (!bar || !(e.target instanceof Element) || e.target === shell.main || !shell.main.contains(e.target)) return;
  const barBox = bar.getBoundingClientRect();
  if (getComputedStyle(bar).position !== 'fixed' || barBox.height === 0) return;
  const box = e.target.getBoundingClientRect();
  const overlap = box.bottom - barBox.top;
  if (overlap > 0) window.scrollBy({ top: overlap + 16, behavior: 'instant' });
}

async function boot() {
  shell = buildShell();
  document.addEventListener('focusin', keepFocusClearOfBar);
  onUnauthorized(() => {
    if (!session()) return;
    setSession(null);
    navigate('/login', { replace: true, force: true });
    announce(t.errors.sessionEnded);
  });
  document.addEventListener('click', onLinkClick);
  // the entry the app starts on gets a position too (kept across reloads)
  historyIdx = idxOf(history.state) ?? 0;
  history.replaceState({ ...(history.state || {}), idx: historyIdx }, '', location.href);
  window.addEventListener('popstate', onPopState);
  window.addEventListener('beforeunload', (e) => {
    if (leaveGuard && leaveGuard()) e.preventDefault();
  });
  try {
    [setupState] = await Promise.all([api('GET', '/api/v1/setup'), loadLimits()]);
    if (setupState.space) await refreshSession();
  } catch (err) {
    replace(shell.main, el('p', { class: 'form-message form-message--error', role: 'alert' }, err.message));
    return;
  }
  render();
}

boot();
