// Who is logged in, as the server last told us. One object, replaced whole.
import { setCsrf } from './api.js';
import { setTimeZone } from './ui.js';

let current = null;

/* s: {me, partner, space, csrf, zone} from the server, or null when logged
 * out. zone: the person's time zone setting (null: the browser's). */
export function setSession(s) {
  current = s ? { me: s.me, partner: s.partner || null, space: s.space || null, zone: s.zone || null } : null;
  setTimeZone(current ? current.zone : null);
  setCsrf(s ? s.csrf : '');
  showColours();
}

/* The palette (the server's names, in its order), and each one's name to
 * show; the core keeps the partners' colours apart. */
export const COLOURS = ['teal', 'rose', 'blue', 'amber', 'violet', 'green'];

/* Mine and theirs on the page (app.css html[data-mine], [data-theirs]);
 * with no partner yet, theirs is the first colour that is not mine. */
function showColours() {
  const root = document.documentElement;
  const mine = current && current.me && current.me.colour;
  if (!mine) {
    delete root.dataset.mine;
    delete root.dataset.theirs;
    return;
  }
  root.dataset.mine = mine;
  root.dataset.theirs = (current.partner && current.partner.colour) || COLOURS.find((c) => c !== mine);
}

/* My colour changed (Settings). */
export function setMyColour(colour) {
  if (current && current.me) current.me = { ...current.me, colour };
  showColours();
}

/* The person's time zone setting changed (Settings). */
export function setZone(zone) {
  if (current) current.zone = zone || null;
  setTimeZone(zone || null);
}

export function session() {
  return current;
}

export function me() {
  return current ? current.me : null;
}

export function partner() {
  return current ? current.partner : null;
}

/* The space: {id, label, members, people, partner_left?}, or null. */
export function space() {
  return current ? current.space : null;
}

/* The space as the server answered a change to it. */
export function setSpace(sp) {
  if (current) current.space = sp;
}

/* The partner's name, or "your partner" when nobody has joined yet. */
export function partnerName(fallback) {
  return current && current.partner ? current.partner.name : fallback;
}
