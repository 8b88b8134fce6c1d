// The app shell and router. History routing: the server answers every app
// path with index.html, and this module picks the page. Each page is its
// own module with render(ctx), loaded when first needed.
import { api, onUnauthorized } from './api.js';
import { setSession, session } from './session.js';
import { t } from './strings.js';
import { el, replace, announce, confirmDialog } from './ui.js';

const PUBLIC = new Set(['login', 'setup', 'join']);

// [pattern, page name, module, nav key]
const ROUTES = [
  [/^\/(today)?$/, 'today', './pages/today.js', 'today'],
  [/^\/journal$/, 'journal', './pages/journal.js', 'journal'],
  [/^\/journal\/([^/]+)$/, 'entry', './pages/entry.js', 'journal'],
  [/^\/practice$/, 'practice', './pages/soon.js', 'practice'],
  [/^\/balance$/, 'balance', './pages/soon.js', 'balance'],
  [/^\/checkins$/, 'checkins', './pages/soon.js', 'checkins'],
  [/^\/boundaries$/, 'boundaries', './pages/soon.js', 'boundaries'],
  [/^\/settings$/, 'settings', './pages/settings.js', 'settings'],
  [/^\/login$/, 'login', './pages/login.js', null],
  [/^\/setup$/, 'setup', './pages/setup.js', null],
  [/^\/join$/, 'join', './pages/join.js', null],
];

const NAV_MAIN = ['today', 'journal', 'practice', 'balance'];
const NAV_EXTRA = ['checkins', 'boundaries', 'settings'];
const NAV_PATH = {
  today: '/today', journal: '/journal', practice: '/practice', balance: '/balance',
  checkins: '/checkins', boundaries: '/boundaries', settings: '/settings',
};

let setupState = null; // {space, members} from GET /api/v1/setup
let renderToken = 0;
let shell = null;
let firstRenderDone = false;
// A page with unsaved writing sets this to a function that says whether
// leaving would lose something; navigating away asks first.
let leaveGuard = null;

function match(path) {
  for (const [re, name, mod, navKey] of ROUTES) {
    const m = re.exec(path);
    if (m) return { name, mod, navKey, params: m.slice(1) };
  }
  return null;
}

function buildShell() {
  const main = el('main', { id: 'main', tabindex: '-1' });
  const moreBtn = el('button', {
    type: 'button', class: 'nav-more', 'aria-expanded': 'false', 'aria-controls': 'nav-extra',
  }, el('span', { class: 'nav-icon nav-icon--more', 'aria-hidden': 'true' }), el('span', { class: 'nav-text' }, t.nav.more));
  const links = {};
  const item = (key) => {
    links[key] = el('a', { href: NAV_PATH[key], class: `nav-link nav-link--${key}` },
      el('span', { class: `nav-icon nav-icon--${key}`, 'aria-hidden': 'true' }),
      el('span', { class: 'nav-text' }, t.nav[key]));
    return el('li', {}, links[key]);
  };
  const extra = el('ul', { class: 'nav-extra', id: 'nav-extra' }, NAV_EXTRA.map(item));
  const nav = el('nav', { class: 'nav', 'aria-label': t.nav.label },
    el('ul', { class: 'nav-main' }, NAV_MAIN.map(item), el('li', { class: 'nav-more-item' }, moreBtn)),
    extra);
  const who = el('p', { class: 'who' });
  const header = el('header', { class: 'topbar' },
    el('a', { href: '/today', class: 'brand' },
      el('img', { src: '/favicon.svg', alt: '', width: '28', height: '28' }),
      el('span', {}, t.app)),
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

function updateShell(route) {
  const s = session();
  const signedIn = Boolean(s) && !PUBLIC.has(route.name);
  document.body.classList.toggle('signed-in', signedIn);
  shell.nav.hidden = !signedIn;
  shell.setMore(false);
  for (const [key, link] of Object.entries(shell.links)) {
    if (key === route.navKey) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // "More" looks current when one of its pages is.
  shell.moreBtn.classList.toggle('is-current', NAV_EXTRA.includes(route.navKey));
  if (signedIn) {
    const people = [el('span', { class: 'dot dot--mine', 'aria-hidden': 'true' }), s.me.name];
    if (s.partner) people.push(el('span', { class: 'amp' }, ' & '), el('span', { class: 'dot dot--theirs', 'aria-hidden': 'true' }), s.partner.name);
    const label = s.space && s.space.label ? el('span', { class: 'space-label' }, s.space.label) : null;
    replace(shell.who, label, el('span', { class: 'people' }, people));
  } else {
    replace(shell.who);
  }
}

/* Where a person may be, given what the server says. Returns a path to go
 * to instead, or null when the route is fine. */
function redirectFor(route) {
  const s = session();
  if (!setupState || route.name === 'notfound') return null;
  if (!setupState.space) return route.name === 'setup' ? null : '/setup';
  if (!s) return PUBLIC.has(route.name) && route.name !== 'setup' ? null : '/login';
  return PUBLIC.has(route.name) ? '/today' : null;
}

export async function navigate(path, { replace: replaceEntry = false, state = null, force = false } = {}) {
  if (!force && leaveGuard && leaveGuard()) {
    const leave = await confirmDialog({
      title: t.unsaved.title, body: t.unsaved.body, confirm: t.unsaved.leave, cancel: t.unsaved.stay, danger: true,
    });
    if (!leave) return;
  }
  leaveGuard = null;
  if (replaceEntry) history.replaceState(state, '', path);
  else history.pushState(state, '', path);
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
  let route = match(location.pathname) || { name: 'notfound', mod: './pages/notfound.js', navKey: null, params: [] };
  const to = redirectFor(route);
  if (to) {
    history.replaceState(null, '', to);
    route = match(to);
  }
  // While alone, ask again on each page whether the partner has joined.
  const s = session();
  if (s && !s.partner && !PUBLIC.has(route.name)) {
    await refreshSession().catch(() => null);
    if (token !== renderToken) return;
    if (!session()) {
      history.replaceState(null, '', '/login');
      route = match('/login');
    }
  }
  updateShell(route);
  let mod;
  try {
    mod = await import(route.mod);
  } catch {
    replace(shell.main, el('p', { class: 'form-message form-message--error' }, t.errors.network));
    return;
  }
  if (token !== renderToken) return;
  const main = shell.main;
  main.className = `page page--${route.name}`;
  // Keep the old page up for a moment; say "Loading…" only when slow.
  const slow = window.setTimeout(() => {
    if (token === renderToken) replace(main, el('p', { class: 'loading' }, t.loading));
  }, 400);
  const ctx = {
    main,
    params: route.params,
    page: route.name,
    navigate,
    stale: () => token !== renderToken,
    refreshSession,
    setupState: () => setupState,
    setSetupState: (v) => { setupState = v; },
    guardLeaving: (fn) => { leaveGuard = fn; },
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
  const name = route.name === 'today' ? t.today.title : heading && heading.textContent;
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

async function boot() {
  shell = buildShell();
  onUnauthorized(() => {
    if (!session()) return;
    setSession(null);
    navigate('/login', { replace: true, force: true });
    announce(t.errors.sessionEnded);
  });
  document.addEventListener('click', onLinkClick);
  window.addEventListener('popstate', render);
  window.addEventListener('beforeunload', (e) => {
    if (leaveGuard && leaveGuard()) e.preventDefault();
  });
  try {
    setupState = await api('GET', '/api/v1/setup');
    if (setupState.space) await refreshSession();
  } catch (err) {
    replace(shell.main, el('p', { class: 'form-message form-message--error', role: 'alert' }, err.message));
    return;
  }
  render();
}

boot();
