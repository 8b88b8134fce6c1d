// Requests at or past the edges of HTTP get an answer, in the JSON error
// shape wherever the server (not libmicrohttpd) decides: an over-long
// address, too many parameters, too many header bytes, a body without a
// length, two Content-Length headers, two session cookies. Past the
// connection's own memory (32 KiB) libmicrohttpd answers itself, in HTML;
// that too is an answer, not a dropped connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, couple, isErrorShape, rawConnection } from './helpers.mjs';

let srv;
let port;
let a;

before(async () => {
  srv = await startServer();
  port = Number(new URL(srv.url).port);
  ({ a } = await couple(srv.url));
});

after(async () => {
  await srv.stop();
});

/* Send text on a new connection that closes after the answer; resolves
 * { status, head, json (or null), body }. */
async function ask(text) {
  const conn = await rawConnection(port, text);
  const got = await conn.seen(/\r\n\r\n/);
  const m = /\r\nContent-Length: (\d+)\r\n/i.exec(got);
  const len = m ? Number(m[1]) : 0;
  const all = await conn.seen(new RegExp(`\\r\\n\\r\\n[\\s\\S]{${len}}`));
  conn.close();
  const i = all.indexOf('\r\n\r\n');
  const body = all.slice(i + 4, i + 4 + len);
  let json = null;
  try { json = JSON.parse(body); } catch { /* not JSON */ }
  return { status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(all)[1]), head: all.slice(0, i), json, body };
}

function jsonError(r, status, code, what) {
  assert.equal(r.status, status, `${what}: ${r.head}\n${r.body}`);
  assert.ok(isErrorShape(r.json), `${what}: ${r.body}`);
  assert.equal(r.json.error.code, code, what);
  assert.match(r.head, /\r\nContent-Type: application\/json\r\n/i, what);
}

test('an address over 2 KiB is 414 in the JSON shape; one past the connection memory is 414 from the library', async () => {
  jsonError(await ask(`GET /api/v1/${'a'.repeat(3000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 414, 'too_long', 'long path');
  jsonError(await ask(`GET /api/v1/journal?q=${'b'.repeat(3000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 414, 'too_long', 'long query');
  const huge = await ask(`GET /${'a'.repeat(70000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  assert.equal(huge.status, 414);
  assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
});

test('more than 32 query parameters is 414 in the JSON shape, even thousands', async () => {
  for (const n of [33, 3000]) {
    const q = Array.from({ length: n }, (_, i) => `k${i}=v`).join('&');
    jsonError(await ask(`GET /api/v1/journal?${q} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 414, 'too_long', `${n} parameters`);
  }
  // 32 is fine (the route ignores what it does not know)
  const q = Array.from({ length: 32 }, (_, i) => `k${i}=v`).join('&');
  const r = await a.get(`/api/v1/journal?${q}`);
  assert.equal(r.status, 200, r.text);
});

test('headers over 8 KiB are 431 in the JSON shape; past the connection memory 431 from the library', async () => {
  const some = Array.from({ length: 100 }, (_, i) => `X-Pad-${i}: ${'v'.repeat(100)}\r\n`).join('');
  jsonError(await ask(`GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${some}\r\n`), 431, 'too_big', '10 KiB of headers');
  const many = Array.from({ length: 400 }, (_, i) => `X-Pad-${i}: ${'v'.repeat(100)}\r\n`).join('');
  assert.equal((await ask(`GET /healthz HTTP/1.1\r\nHost: x\r\n${many}\r\n`)).status, 431);
});

test('a chunked body (no Content-Length) is 411 in the JSON shape, before any of it is read', async () => {
  const conn = await rawConnection(port, 'POST /api/v1/journal HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n' +
    `Content-Type: application/json\r\nCookie: ${a.cookie}\r\nX-CSRF-Token: ${a.csrf}\r\nExpect: 100-continue\r\n\r\n`);
  const text = await conn.seen(/\r\n\r\n\{.*\}$/s);
  conn.close();
  assert.doesNotMatch(text, /100 Continue/);
  assert.match(text, /^HTTP\/1\.1 411 /);
  const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
  assert.ok(isErrorShape(body));
  assert.equal(body.error.code, 'length_required');
  // without Expect: the answer comes before any of the body, however long
  // the client would go on (a client that sends a body without waiting
  // may lose the answer to the connection's reset: TCP, not the server)
  const big = await rawConnection(port, 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n' +
    'Content-Type: application/json\r\n\r\n');
  assert.match(await big.seen(/\r\n\r\n\{.*\}$/s), /^HTTP\/1\.1 411 /);
  big.close();
});

test('two Content-Length headers are 400, whether they agree or not', async () => {
  for (const [x, y] of [[13, 13], [13, 5]]) {
    const r = await ask('POST /api/v1/journal HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Cookie: ${a.cookie}\r\nX-CSRF-Token: ${a.csrf}\r\nContent-Length: ${x}\r\nContent-Length: ${y}\r\n\r\n{"text":"hi"}`);
    jsonError(r, 400, 'invalid', `${x}, ${y}`);
  }
  // nothing was written
  assert.equal((await a.get('/api/v1/journal')).json.items.length, 0);
});

test('two session cookies are 400, in one Cookie header or in two, even when one is valid', async () => {
  const forged = 'dyad_session=AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  for (const cookies of [`Cookie: ${forged}; ${a.cookie}\r\n`, `Cookie: ${a.cookie}; ${forged}\r\n`,
    `Cookie: ${a.cookie}\r\nCookie: ${forged}\r\n`, `Cookie: ${a.cookie}; theme=dark; ${a.cookie}\r\n`]) {
    const r = await ask(`GET /api/v1/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${cookies}\r\n`);
    jsonError(r, 400, 'invalid', cookies);
  }
  // one session cookie among others is fine
  const r = await ask(`GET /api/v1/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: theme=dark; ${a.cookie}; x=1\r\n\r\n`);
  assert.equal(r.status, 200, r.body);
});
