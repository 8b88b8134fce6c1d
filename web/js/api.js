// The one way the app talks to the server. JSON in and out; the CSRF token
// on every state-changing request; errors turned into ApiError with a
// message fit to show; a 401 on an ordinary call means the session ended,
// and the app is told so it can show the login page.
import { t } from './strings.js';

const UNSAFE = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

let csrfToken = '';
let unauthorizedHandler = null;

export function setCsrf(token) {
  csrfToken = token || '';
}

/* fn(error) runs when a call that expected a session gets 401. */
export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

function messageFor(status, serverMessage) {
  if (status === 429) return t.errors.throttled;
  if (status === 413) return t.errors.tooBig;
  if (status === 503) return t.errors.busy;
  if (status >= 500 || !serverMessage) return t.errors.generic;
  return serverMessage;
}

async function send(method, path, body, opts, retried) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', t.errors.network);
  }
  // The server rotates the token with the session (a passphrase change).
  const rotated = res.headers.get('X-CSRF-Token');
  if (rotated) setCsrf(rotated);
  if (res.ok) return res;

  let code = `http_${res.status}`;
  let serverMessage = '';
  try {
    const data = await res.json();
    if (data && data.error) {
      code = data.error.code || code;
      serverMessage = data.error.message || '';
    }
  } catch {
    // not JSON: keep the status-based code
  }

  // A stale CSRF token (another tab logged in again): fetch the current
  // one and try once more.
  if (res.status === 403 && code === 'csrf' && !retried) {
    try {
      const s = await fetch('/api/v1/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      if (s.ok) {
        setCsrf((await s.json()).csrf);
        return send(method, path, body, opts, true);
      }
    } catch {
      // fall through to the original error
    }
  }

  const err = new ApiError(res.status, code, messageFor(res.status, serverMessage));
  // 401 "auth" is a wrong name, passphrase or code: an answer for the
  // caller. Any other 401 means the session is gone.
  if (res.status === 401 && code !== 'auth' && !opts.quiet401 && unauthorizedHandler) unauthorizedHandler(err);
  throw err;
}

/*
 * api('POST', '/api/v1/journal', {text}) → parsed JSON body, or null for 204.
 * opts.quiet401: a 401 is expected here (asking whether anyone is logged
 * in); do not treat it as the session ending.
 */
export async function api(method, path, body, opts = {}) {
  const res = await send(method, path, body, opts, false);
  if (res.status === 204) return null;
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/* GET a file; resolves {blob, filename}. */
export async function apiDownload(path, fallbackName) {
  const res = await send('GET', path, undefined, {}, false);
  const disposition = res.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/i.exec(disposition);
  return { blob: await res.blob(), filename: match ? match[1] : fallbackName };
}
