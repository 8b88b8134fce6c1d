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
  document.documentElement.classList.toggle('me-c1', Boolean(current && current.me && current.me.color === 1));
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
