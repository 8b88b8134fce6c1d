// Sessions and their guards: no session, forged, revoked and expired
// sessions, CSRF tokens, cookie attributes, login throttling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, Client, couple, isErrorShape, PASS_A, PASS_B } from './helpers.mjs';

const ANY_ID = '01938a4e-0000-7000-8000-000000000000';

// Every route that needs a session, with a body it would accept.
const SESSION_ROUTES = [
  ['GET', '/api/v1/session'],
  ['DELETE', '/api/v1/session'],
  ['POST', '/api/v1/invites'],
  ['GET', '/api/v1/journal'],
  ['POST', '/api/v1/journal', { text: 'hello' }],
  ['GET', `/api/v1/journal/${ANY_ID}`],
  ['PUT', `/api/v1/journal/${ANY_ID}`, { text: 'hello' }],
  ['DELETE', `/api/v1/journal/${ANY_ID}`],
  ['POST', `/api/v1/journal/${ANY_ID}/share`],
  ['POST', `/api/v1/journal/${ANY_ID}/unshare`],
  ['POST', '/api/v1/me/passphrase', { current: PASS_A, new: 'another passphrase' }],
  ['GET', '/api/v1/me/export'],
  ['POST', '/api/v1/me/leave', { passphrase: PASS_A }],
  ['PUT', '/api/v1/space', { label: 'Renamed' }],
  ['DELETE', '/api/v1/space/notice'],
];
const STATE_CHANGING = SESSION_ROUTES.filter(([m]) => m !== 'GET');

let srv;
let a;
let b;

before(async () => {
  srv = await startServer();
  ({ a, b } = await couple(srv.url));
});

after(async () => {
  await srv.stop();
});

test('every session endpoint answers 401 without a session cookie', async () => {
  const anon = new Client(srv.url);
  for (const [method, path, body] of SESSION_ROUTES) {
    const r = await anon.req(method, path, { body });
    assert.equal(r.status, 401, `${method} ${path}`);
    assert.ok(isErrorShape(r.json), `${method} ${path}: ${r.text}`);
    assert.equal(r.json.error.code, 'unauthorized');
  }
});

test('a forged session cookie is 401 on every session endpoint', async () => {
  const [id] = a.cookie.replace('dyad_session=', '').split('.');
  const forged = [
    'dyad_session=AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    `dyad_session=${id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, // a real id, a wrong secret
    'dyad_session=garbage',
    `dyad_session=${'x'.repeat(500)}`,
  ];
  for (const cookie of forged) {
    const c = new Client(srv.url);
    c.cookie = cookie;
    c.csrf = a.csrf;
    for (const [method, path, body] of SESSION_ROUTES) {
      const r = await c.req(method, path, { body });
      assert.equal(r.status, 401, `${cookie.slice(0, 40)} ${method} ${path}`);
      assert.ok(isErrorShape(r.json));
    }
  }
});

test('a session cookie sets HttpOnly, SameSite=Strict and Path=/, and behind HTTPS Secure, the __Host- prefix and HSTS', async () => {
  const c = new Client(srv.url);
  const r = await c.post('/api/v1/session', { name: 'Ben', passphrase: PASS_B });
  assert.equal(r.status, 200);
  const sc = r.headers.get('set-cookie');
  assert.match(sc, /^dyad_session=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+;/);
  assert.match(sc, /HttpOnly/);
  assert.match(sc, /SameSite=Strict/);
  assert.match(sc, /Path=\//);
  assert.doesNotMatch(sc, /Secure/);
  assert.equal(r.headers.get('strict-transport-security'), null, 'no HSTS over plain HTTP');
  assert.equal(typeof r.json.csrf, 'string');
  assert.equal(r.json.me.name, 'Ben');
  assert.equal(r.json.partner.name, 'Ana');
  assert.equal(r.json.space.members, 2);

  const behind = await startServer({ args: ['--behind-https'] });
  try {
    const d = new Client(behind.url);
    const s = await d.post('/api/v1/space', { name: 'Solo', passphrase: 'solo passphrase' });
    assert.equal(s.status, 201);
    // Secure, and so with the __Host- prefix (Path=/, no Domain)
    assert.match(s.headers.get('set-cookie'), /^__Host-dyad_session=[^;]+; Path=\/; .*; Secure$/);
    assert.equal(s.headers.get('strict-transport-security'), 'max-age=31536000');
    // the app keeps working with it: the client keeps the prefixed name
    assert.match(d.cookie, /^__Host-dyad_session=/);
    const add = await d.post('/api/v1/journal', { text: 'behind a proxy' });
    assert.equal(add.status, 201, add.text);
  } finally {
    await behind.stop();
  }
});

test('GET /api/v1/session says who I am and gives the CSRF token of my session', async () => {
  const r = await a.get('/api/v1/session');
  assert.equal(r.status, 200);
  assert.equal(r.json.me.name, 'Ana');
  assert.equal(r.json.partner.name, 'Ben');
  assert.equal(r.json.csrf, a.csrf);
  // the core's one presentation of a space, as the CLI's whoami --json gives it
  assert.deepEqual(Object.keys(r.json.space).sort(), ['created_at', 'id', 'label', 'members', 'people']);
  assert.deepEqual(r.json.space.people.map((p) => [p.name, p.me]), [['Ana', true], ['Ben', false]]);
  // colour: the one they chose (color stays the slot the space gave them)
  assert.deepEqual(Object.keys(r.json.me).sort(), ['color', 'colour', 'created_at', 'id', 'me', 'name']);
});

test('a state-changing request without the CSRF token is 403 and changes nothing', async () => {
  const entries = async () => {
    const r = await a.get('/api/v1/journal');
    assert.equal(r.status, 200);
    return r.json.items.map((e) => [e.id, e.text, e.shared]);
  };
  assert.equal((await a.post('/api/v1/journal', { text: 'before the CSRF probes' })).status, 201);
  const before = await entries();
  for (const [method, path, body] of STATE_CHANGING) {
    const r = await a.req(method, path, { body, csrf: false });
    assert.equal(r.status, 403, `${method} ${path}`);
    assert.equal(r.json.error.code, 'csrf');
  }
  assert.deepEqual(await entries(), before, 'no entry added, edited, shared or deleted');
  const who = await a.get('/api/v1/session');
  assert.equal(who.status, 200, 'the session survived (no logout)');
  assert.equal(who.json.space.members, 2, 'nobody left');
  const fresh = new Client(srv.url);
  assert.equal((await fresh.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })).status, 200,
    'the passphrase is unchanged');
});

test('a wrong CSRF token, or the partner\'s, is 403', async () => {
  for (const wrong of ['x', a.csrf.slice(0, -1) + (a.csrf.endsWith('A') ? 'B' : 'A'), b.csrf, '']) {
    const r = await a.req('POST', '/api/v1/journal', { body: { text: 'no' }, csrfValue: wrong || undefined, csrf: wrong ? undefined : false });
    assert.equal(r.status, 403, `csrf "${wrong}"`);
    assert.ok(isErrorShape(r.json));
  }
});

test('logging out revokes the session on the server, not just the cookie', async () => {
  const c = new Client(srv.url);
  assert.equal((await c.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })).status, 200);
  const old = c.cookie;
  const csrf = c.csrf;
  const r = await c.del('/api/v1/session');
  assert.equal(r.status, 204);
  assert.match(r.headers.get('set-cookie'), /dyad_session=;.*Max-Age=0/);
  const replay = new Client(srv.url);
  replay.cookie = old;
  replay.csrf = csrf;
  assert.equal((await replay.get('/api/v1/session')).status, 401);
  assert.equal((await replay.get('/api/v1/journal')).status, 401);
  // Ana's other session (a) is untouched
  assert.equal((await a.get('/api/v1/session')).status, 200);
});

// The tests below run their own server on a test clock (DYAD_TEST_CLOCK):
// time moves only when the test moves it.

test('a session ends once it has been idle longer than --session-ttl, and each use within it keeps it open', async () => {
  const s = await startServer({ args: ['--session-ttl', '1h'], clock: true });
  try {
    const c = new Client(s.url);
    assert.equal((await c.post('/api/v1/space', { name: 'Idle', passphrase: 'idle passphrase' })).status, 201);
    assert.equal((await c.get('/api/v1/session')).status, 200);
    s.clock.advance(3000);
    assert.equal((await c.get('/api/v1/session')).status, 200, '50 minutes idle');
    s.clock.advance(3000);
    assert.equal((await c.get('/api/v1/session')).status, 200, '100 minutes after login, 50 idle');
    s.clock.advance(3601);
    for (const path of ['/api/v1/session', '/api/v1/journal']) {
      const r = await c.get(path);
      assert.equal(r.status, 401, `${path} after an hour and a second idle`);
      assert.equal(r.json.error.code, 'unauthorized');
    }
  } finally {
    await s.stop();
  }
});

/* n wrong passphrases for name from client c; each must be a 401 "auth". */
async function failLogins(c, name, n) {
  for (let i = 0; i < n; i++) {
    const r = await c.post('/api/v1/session', { name, passphrase: 'not the passphrase' });
    assert.equal(r.status, 401, `wrong passphrase ${i + 1} for ${name}`);
    assert.equal(r.json.error.code, 'auth');
  }
}

/* A login that must be throttled; resolves its Retry-After in seconds. */
async function throttledLogin(c, name, passphrase) {
  const r = await c.post('/api/v1/session', { name, passphrase });
  assert.equal(r.status, 429, `${name}: ${r.status} ${r.text}`);
  assert.ok(isErrorShape(r.json));
  assert.equal(r.json.error.code, 'throttled');
  assert.equal(r.headers.get('set-cookie'), null);
  const wait = Number(r.headers.get('retry-after'));
  assert.ok(Number.isInteger(wait) && wait >= 1, `Retry-After: ${r.headers.get('retry-after')}`);
  return wait;
}

test('after five wrong passphrases an account must wait, even with the right one, while the partner still logs in', async () => {
  const s = await startServer({ clock: true });
  try {
    await couple(s.url);
    const c = new Client(s.url);
    await failLogins(c, 'Ana', 5);
    assert.equal(await throttledLogin(c, 'Ana', PASS_A), 1);
    // the partner, from the same address, at the same moment
    const d = new Client(s.url);
    assert.equal((await d.post('/api/v1/session', { name: 'Ben', passphrase: PASS_B })).status, 200);
  } finally {
    await s.stop();
  }
});

test('each further wrong passphrase doubles the wait', async () => {
  const s = await startServer({ clock: true });
  try {
    await couple(s.url);
    const c = new Client(s.url);
    await failLogins(c, 'Ana', 5);
    const waits = [];
    for (let i = 0; i < 4; i++) {
      const wait = await throttledLogin(c, 'Ana', 'not the passphrase');
      waits.push(wait);
      s.clock.advance(wait);
      await failLogins(c, 'Ana', 1);
    }
    assert.deepEqual(waits, [1, 2, 4, 8]);
  } finally {
    await s.stop();
  }
});

test('once Retry-After has passed the right passphrase logs in, and that clears the count', async () => {
  const s = await startServer({ clock: true });
  try {
    await couple(s.url);
    const c = new Client(s.url);
    await failLogins(c, 'Ana', 5);
    s.clock.advance(1);
    await failLogins(c, 'Ana', 1); // the sixth, after the first wait: now two seconds
    const wait = await throttledLogin(c, 'Ana', PASS_A);
    assert.equal(wait, 2);
    s.clock.advance(wait - 1);
    assert.equal(await throttledLogin(c, 'Ana', PASS_A), 1, 'one second before the end of the wait');
    s.clock.advance(1);
    assert.equal((await c.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })).status, 200);
    // counting starts over: four wrong passphrases and still no wait
    await failLogins(c, 'Ana', 4);
    assert.equal((await c.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })).status, 200);
  } finally {
    await s.stop();
  }
});

test('failed logins are also throttled per client address, across names', async () => {
  const s = await startServer({ clock: true });
  try {
    const c = new Client(s.url);
    assert.equal((await c.post('/api/v1/space', { name: 'Host', passphrase: 'host passphrase' })).status, 201);
    // 20 failures spread over names that never reach their own limit of 5
    for (let i = 0; i < 20; i++) {
      const r = await c.post('/api/v1/session', { name: `guess${i % 5}-${Math.floor(i / 5)}`, passphrase: 'nope nope' });
      assert.equal(r.status, 401, `attempt ${i}`);
    }
    const r = await c.post('/api/v1/session', { name: 'Host', passphrase: 'host passphrase' });
    assert.equal(r.status, 429);
    assert.ok(Number(r.headers.get('retry-after')) >= 1);
  } finally {
    await s.stop();
  }
});

/* A POST with header lines of our own, on a socket: fetch would fold two
 * X-Forwarded-For lines into one. Resolves to the status code. */
function rawPost(url, path, body, lines) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname);
    let data = '';
    sock.on('data', (d) => { data += d; });
    sock.on('end', () => resolve(Number((/^HTTP\/1\.1 (\d+)/.exec(data) || [])[1])));
    sock.on('error', reject);
    const b = JSON.stringify(body);
    sock.write(`POST ${path} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\n`
      + `${lines.map((l) => `${l}\r\n`).join('')}Content-Length: ${Buffer.byteLength(b)}\r\nConnection: close\r\n\r\n${b}`);
  });
}

test('behind a proxy, the client address is the last X-Forwarded-For line\'s last value, not one the client sent', async () => {
  const s = await startServer({ clock: true, args: ['--behind-https'] });
  try {
    const c = new Client(s.url);
    assert.equal((await c.post('/api/v1/space', { name: 'Host', passphrase: 'host passphrase' })).status, 201);
    // a client that makes up a new first line each time is still one address
    for (let i = 0; i < 20; i++) {
      const status = await rawPost(s.url, '/api/v1/session', { name: `guess${i % 5}-${Math.floor(i / 5)}`, passphrase: 'nope nope' },
        [`X-Forwarded-For: 198.51.100.${i + 1}`, 'X-Forwarded-For: 10.1.1.1, 203.0.113.9']);
      assert.equal(status, 401, `attempt ${i}`);
    }
    assert.equal(await rawPost(s.url, '/api/v1/session', { name: 'Host', passphrase: 'host passphrase' },
      ['X-Forwarded-For: 198.51.100.99', 'X-Forwarded-For: 203.0.113.9']), 429);
    // another client behind the same proxy is not held back
    assert.equal(await rawPost(s.url, '/api/v1/session', { name: 'Host', passphrase: 'host passphrase' },
      ['X-Forwarded-For: 203.0.113.9', 'X-Forwarded-For: 203.0.113.10']), 200);
  } finally {
    await s.stop();
  }
});

test('a wrong passphrase for a real name is 401 "auth", the same as an unknown name', async () => {
  const c = new Client(srv.url);
  const wrong = await c.post('/api/v1/session', { name: 'Ana', passphrase: 'not it at all' });
  const unknown = await c.post('/api/v1/session', { name: 'Zed', passphrase: 'not it at all' });
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.json.error.code, 'auth');
  assert.deepEqual(wrong.json, unknown.json);
  assert.equal(wrong.headers.get('set-cookie'), null);
});

test('changing the passphrase ends my other sessions and keeps this one with a new CSRF token', async () => {
  const other = new Client(srv.url);
  assert.equal((await other.post('/api/v1/session', { name: 'Ben', passphrase: PASS_B })).status, 200);
  const oldCsrf = b.csrf;
  let r = await b.post('/api/v1/me/passphrase', { current: 'not my passphrase', new: 'ben new passphrase' });
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'auth');
  r = await b.post('/api/v1/me/passphrase', { current: PASS_B, new: 'ben new passphrase' });
  assert.equal(r.status, 204, r.text);
  assert.notEqual(b.csrf, oldCsrf);
  assert.equal((await b.get('/api/v1/session')).status, 200);
  assert.equal((await other.get('/api/v1/session')).status, 401);
  assert.equal((await new Client(srv.url).post('/api/v1/session', { name: 'Ben', passphrase: PASS_B })).status, 401);
  assert.equal((await new Client(srv.url).post('/api/v1/session', { name: 'Ben', passphrase: 'ben new passphrase' })).status, 200);
});

test('five logins at the same moment all succeed, and each session works', async () => {
  const clients = Array.from({ length: 5 }, () => new Client(srv.url));
  const results = await Promise.all(clients.map((c) => c.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })));
  assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200]);
  for (const c of clients) assert.equal((await c.get('/api/v1/journal')).status, 200);
});

test('two servers on one database serve the same session, and a logout on one ends it on the other at once', async () => {
  const other = await startServer({ data: srv.data });
  try {
    const c = new Client(srv.url);
    assert.equal((await c.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })).status, 200);
    // warm the first server's session caches
    for (let i = 0; i < 8; i++) assert.equal((await c.get('/api/v1/journal')).status, 200);
    const d = new Client(other.url);
    d.cookie = c.cookie;
    d.csrf = c.csrf;
    assert.equal((await d.get('/api/v1/session')).status, 200, 'the other server opens it');
    assert.equal((await d.del('/api/v1/session')).status, 204);
    for (let i = 0; i < 8; i++) assert.equal((await c.get('/api/v1/journal')).status, 401, `request ${i}`);
  } finally {
    await other.stop();
  }
});

test('a restarted server keeps sessions working', async () => {
  const s1 = await startServer({ keep: true });
  const c = new Client(s1.url);
  assert.equal((await c.post('/api/v1/space', { name: 'Kay', passphrase: 'kay passphrase' })).status, 201);
  assert.equal((await c.post('/api/v1/journal', { text: 'before restart' })).status, 201);
  assert.equal((await s1.stop()).code, 0);
  const s2 = await startServer({ data: s1.data });
  try {
    c.url = s2.url;
    const r = await c.get('/api/v1/journal');
    assert.equal(r.status, 200);
    assert.equal(r.json.items[0].text, 'before restart');
  } finally {
    await s2.stop();
  }
});
