// The one registry of the app's pages: each page's address, module,
// navigation entry, title and icon. Adding a page is one row here and its
// module under pages/; the router, the navigation and the document title
// all read this list.
import { t } from './strings.js';
import { s } from './strings-selfcare.js';
import { b } from './strings-self.js';
import { c } from './strings-checkin.js';
import { a } from './strings-assess.js';

/*
 * name     the page's name: ctx.page, and the class page--NAME on <main>
 * route    the addresses it answers; capture groups become ctx.params
 * module   its module, loaded the first time the page shows
 * nav      where its navigation entry goes: 'main' (the bar), 'extra'
 *          (under "More"), or absent for pages reached some other way
 * href     the address its navigation entry links to
 * label    its navigation entry's text
 * icon     its navigation icon, web/icons/ICON.svg
 * navKey   which navigation entry is current while it shows (default:
 *          its own, when it has one)
 * title    the document title; absent: the page's own h1
 * public   shown to people who are not logged in (login, setup, join)
 */
export const PAGES = [
  { name: 'today', route: /^\/(?:today)?$/, module: './pages/today.js', nav: 'main', href: '/today', label: t.nav.today, icon: 'today', title: t.today.title },
  { name: 'journal', route: /^\/journal$/, module: './pages/journal.js', nav: 'main', href: '/journal', label: t.nav.journal, icon: 'journal' },
  { name: 'entry', route: /^\/journal\/([^/]+)$/, module: './pages/entry.js', navKey: 'journal' },
  { name: 'practice', route: /^\/practice$/, module: './pages/practice.js', nav: 'main', href: '/practice', label: t.nav.practice, icon: 'practice' },
  { name: 'balance', route: /^\/balance$/, module: './pages/balance.js', nav: 'main', href: '/balance', label: t.nav.balance, icon: 'balance' },
  { name: 'settings', route: /^\/settings$/, module: './pages/settings.js', nav: 'main', href: '/settings', label: t.nav.settings, icon: 'settings' },
  { name: 'reactions', route: /^\/reactions$/, module: './pages/reactions.js', nav: 'extra', href: '/reactions', label: s.react.title, icon: 'reactions' },
  { name: 'self', route: /^\/boundaries$/, module: './pages/self.js', nav: 'extra', href: '/boundaries', label: b.title, icon: 'boundaries' },
  { name: 'check', route: /^\/check$/, module: './pages/check.js', nav: 'extra', href: '/check', label: a.title, icon: 'balance' },
  { name: 'check-take', route: /^\/check\/take$/, module: './pages/check.js', navKey: 'check', title: a.title },
  { name: 'pause', route: /^\/pause$/, module: './pages/pause.js' },
  { name: 'checkins', route: /^\/(?:checkins|more)$/, module: './pages/checkin.js', nav: 'extra', href: '/checkins', label: c.title, icon: 'checkins' },
  { name: 'recovery', route: /^\/recovery-code$/, module: './pages/recovery-code.js', navKey: 'settings' },
  { name: 'login', route: /^\/login$/, module: './pages/login.js', public: true },
  { name: 'recover', route: /^\/recover$/, module: './pages/recover.js', public: true },
  { name: 'setup', route: /^\/setup$/, module: './pages/setup.js', public: true },
  { name: 'join', route: /^\/join$/, module: './pages/join.js', public: true },
];

/* The page for an address nothing else answers. */
export const NOT_FOUND = { name: 'notfound', module: './pages/notfound.js' };

/* The navigation entry that is current on page (a name, or null). */
export function navKeyOf(page) {
  return page.navKey || (page.nav ? page.name : null);
}

/* The page for path, with its params; NOT_FOUND when none answers. */
export function pageFor(path) {
  for (const page of PAGES) {
    const m = page.route.exec(path);
    if (m) return { page, params: m.slice(1) };
  }
  return { page: NOT_FOUND, params: [] };
}

/* The pages with a navigation entry in section ('main' or 'extra'). */
export function navPages(section) {
  return PAGES.filter((p) => p.nav === section);
}
