// The sizes the server accepts, read once from GET /api/v1/limits when the
// app starts. Forms set their fields' maxlength from them and check what
// was typed against them, so the app and the server never disagree.
import { api } from './api.js';

let current = null;

/* Ask the server for its limits; the app does this once, at start. */
export async function loadLimits() {
  current = await api('GET', '/api/v1/limits');
  return current;
}

/*
 * The limits: {name, label, passphrase, page, journal: {title, text}},
 * each {min, max}. Strings are measured in bytes of UTF-8, as the server
 * measures them; "page" counts the items of a list page.
 */
export function limits() {
  if (!current) throw new Error('limits() before loadLimits()');
  return current;
}

const encoder = new TextEncoder();

/* The length of s in bytes of UTF-8. */
export function byteLength(s) {
  return encoder.encode(s).length;
}

/* Whether s is longer than range allows. */
export function tooLong(s, range) {
  return byteLength(s) > range.max;
}

/* Whether s is shorter than range allows. */
export function tooShort(s, range) {
  return byteLength(s) < range.min;
}
