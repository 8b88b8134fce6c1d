// What one stranger can hold of the server (issue #7, "a server strangers
// cannot wear down"): connections per address and idle ones, bodies before
// they are read (route, session, size, a shared memory budget), and places
// for key derivations. Several client addresses come from 127.0.0.0/8,
// all loopback on Linux: a connection binds its own source address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { startServer, Client, couple, isErrorShape, rawConnection } from './helpers.mjs';

const KIB = 1024;

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

function rssKiB(pid) {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
}

/* GET /healthz on a new connection from localAddress; resolves ms. */
function healthz(localAddress) {
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false, localAddress }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? ok(performance.now() - t0) : fail(new Error(`/healthz ${res.statusCode}`))));
    });
    req.setTimeout(5000, () => req.destroy(new Error('/healthz: no answer in 5 s')));
    req.on('error', fail);
    req.end();
  });
}

/* The head of a request with a JSON body of length bytes, announced with
 * Expect: 100-continue: the server answers "100 Continue" when it will
 * read the body, or its refusal instead. */
function head(method, path, length, headers = '') {
  return `${method} ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${length}\r\nExpect: 100-continue\r\n${headers}\r\n`;
}

function session(c) {
  return `Cookie: ${c.cookie}\r\nX-CSRF-Token: ${c.csrf}\r\n`;
}

/* The status line and JSON body of the first answer in text. */
function answer(text) {
  const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(text)[1]);
  const i = text.indexOf('\r\n\r\n');
  const body = text.slice(i + 4);
  return { status, head: text.slice(0, i), json: body ? JSON.parse(body) : null };
}

test('one client holding 2,100 idle connections keeps no one else from /healthz, and the server closes them when they stay silent', async () => {
  const socks = [];
  let closed = 0;
  await Promise.all(Array.from({ length: 2100 }, () => new Promise((ok) => {
    const s = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.3' });
    socks.push(s);
    s.on('connect', ok);
    s.on('error', ok); // a reset by the server counts as turned away
    s.on('close', () => { closed++; ok(); });
  })));
  try {
    // the server turns away all but 32 of them as they come ...
    const t1 = Date.now();
    while (closed < 2100 - 32 && Date.now() - t1 < 10000) await new Promise((ok) => setTimeout(ok, 50));
    assert.ok(closed >= 2100 - 32, `the server holds ${2100 - closed} connections of one address`);
    // ... and everyone else still gets in, at once
    for (let i = 0; i < 5; i++) {
      const ms = await healthz('127.0.0.4');
      assert.ok(ms < 1000, `/healthz took ${ms} ms`);
    }
    // and it closes those that send nothing within its idle timeout (10 s)
    const t0 = Date.now();
    while (closed < 2100 && Date.now() - t0 < 25000) await new Promise((ok) => setTimeout(ok, 200));
    assert.equal(closed, 2100, `${2100 - closed} connections still open after ${Date.now() - t0} ms`);
  } finally {
    for (const s of socks) s.destroy();
  }
  assert.ok((await healthz('127.0.0.3')) < 1000, 'the address may connect again');
});

test('serve --connections-per-address 64 lets one address hold 64 connections, not 32, and closes the rest as they come', async () => {
  const own = await startServer({ args: ['--connections-per-address', '64'] });
  const ownPort = Number(new URL(own.url).port);
  const socks = [];
  let closed = 0;
  try {
    await Promise.all(Array.from({ length: 100 }, () => new Promise((ok) => {
      const s = connect({ port: ownPort, host: '127.0.0.1', localAddress: '127.0.0.5' });
      socks.push(s);
      s.on('connect', ok);
      s.on('error', ok); // a reset by the server counts as turned away
      s.on('close', () => { closed++; ok(); });
    })));
    const t1 = Date.now();
    while (closed < 100 - 64 && Date.now() - t1 < 5000) await new Promise((ok) => setTimeout(ok, 50));
    assert.equal(closed, 100 - 64, `the server turned away ${closed} connections of one address`);
    // and each of the 64 it holds is served
    const open = socks.filter((s) => !s.destroyed && s.readyState === 'open');
    assert.equal(open.length, 64);
    const answers = await Promise.all(open.map((s) => new Promise((ok) => {
      let text = '';
      s.on('data', (d) => { text += d; if (text.includes('\r\n\r\n')) ok(text.slice(0, 15)); });
      s.on('close', () => ok(`closed: ${text.slice(0, 15)}`));
      s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    })));
    assert.deepEqual(answers, Array(64).fill('HTTP/1.1 200 OK'), answers.join(' | '));
  } finally {
    for (const s of socks) s.destroy();
    await own.stop();
  }
});

test('a body is refused before it is read: no session 401, a wrong CSRF token 403, over the limit 413, unknown route 404', async () => {
  const cases = [
    ['no session', head('POST', '/api/v1/journal', 1000 * KIB), 401, 'unauthorized'],
    ['wrong CSRF token', head('POST', '/api/v1/journal', 1000 * KIB, `Cookie: ${a.cookie}\r\nX-CSRF-Token: nope\r\n`), 403, 'csrf'],
    ['over 1 MiB signed in', head('POST', '/api/v1/journal', 1025 * KIB, session(a)), 413, 'too_big'],
    ['over 8 KiB before sign-in', head('POST', '/api/v1/session', 8 * KIB + 1), 413, 'too_big'],
    ['over 8 KiB with a passphrase', head('POST', '/api/v1/me/passphrase', 8 * KIB + 1, session(a)), 413, 'too_big'],
    ['no such route', head('POST', '/api/v1/nothing', 1000 * KIB), 404, 'not_found'],
  ];
  for (const [what, h, status, code] of cases) {
    const conn = await rawConnection(port, h);
    const text = await conn.seen(/\r\n\r\n\{.*\}$/s);
    conn.close();
    assert.doesNotMatch(text, /100 Continue/, what);
    const r = answer(text);
    assert.equal(r.status, status, `${what}: ${text}`);
    assert.ok(isErrorShape(r.json), what);
    assert.equal(r.json.error.code, code, what);
  }
  // 8 KiB exactly is read
  const conn = await rawConnection(port, head('POST', '/api/v1/session', 8 * KIB));
  await conn.seen(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
  conn.close();
});

test('bodies being received share one budget of 32 MiB: past it the next is turned away at once with 503 and Retry-After, and memory stays bounded', async () => {
  const base = rssKiB(srv.proc.pid);
  const conns = [];
  const verdicts = [];
  try {
    // 40 uploads of 1000 KiB from 40 addresses, each stopped one byte short
    for (let i = 0; i < 40; i++) {
      const conn = await rawConnection(port, head('POST', '/api/v1/journal', 1000 * KIB, session(a)), `127.0.3.${i + 1}`);
      conns.push(conn);
      const text = await conn.seen(/^HTTP\/1\.1 100 Continue\r\n\r\n|\r\n\r\n\{.*\}$/s);
      if (/^HTTP\/1\.1 100 /.test(text)) {
        verdicts.push(100);
        conn.send(Buffer.alloc(1000 * KIB - 1, 0x20));
      } else {
        const r = answer(text);
        verdicts.push(r.status);
        assert.equal(r.status, 503, text);
        assert.ok(isErrorShape(r.json));
        assert.match(r.head, /\r\nRetry-After: 1\r\n/i);
      }
    }
    assert.equal(verdicts.filter((v) => v === 100).length, 32, verdicts.join(' '));
    assert.equal(verdicts.filter((v) => v === 503).length, 8, verdicts.join(' '));
    // the accepted bodies are held (all but their last byte) ...
    const t0 = Date.now();
    let rss = rssKiB(srv.proc.pid);
    while (rss - base < 30 * KIB && Date.now() - t0 < 10000) {
      await new Promise((ok) => setTimeout(ok, 100));
      rss = rssKiB(srv.proc.pid);
    }
    // ... and nothing past the budget (and the connections' own buffers)
    assert.ok(rss - base < 48 * KIB, `RSS grew by ${((rss - base) / KIB).toFixed(1)} MiB`);
  } finally {
    for (const c of conns) c.close();
  }
  // once they are gone the budget is free again
  const t0 = Date.now();
  let r;
  do {
    r = await a.post('/api/v1/journal', { text: 'x'.repeat(900 * KIB) });
  } while (r.status === 503 && Date.now() - t0 < 5000);
  assert.equal(r.status, 201, r.text.slice(0, 200));
  assert.equal((await a.del(`/api/v1/journal/${r.json.id}`)).status, 204);
});

/* POST /api/v1/session from localAddress; resolves { status, headers, json, ms }. */
function login(localAddress, body) {
  return new Promise((ok, fail) => {
    const data = JSON.stringify(body);
    const t0 = performance.now();
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/session', agent: false, localAddress,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, json: JSON.parse(text), ms: performance.now() - t0 }));
    });
    req.on('error', fail);
    req.end(data);
  });
}

test('a login that finds every key-derivation place taken gets 503 with Retry-After at once, without waiting for one', async () => {
  const rs = await Promise.all(Array.from({ length: 24 }, (_, i) =>
    login(`127.0.4.${i + 1}`, { name: `nobody ${i}`, passphrase: 'not a passphrase' })));
  const busy = rs.filter((r) => r.status === 503);
  const tried = rs.filter((r) => r.status === 401);
  assert.equal(busy.length + tried.length, rs.length, rs.map((r) => r.status).join(' '));
  // 2 derivations run and 4 wait: of 24 at once, most are turned away
  assert.ok(busy.length >= 12, rs.map((r) => r.status).join(' '));
  for (const r of busy) {
    assert.ok(isErrorShape(r.json));
    assert.equal(r.json.error.code, 'busy');
    assert.equal(r.headers['retry-after'], '1');
  }
  // "at once": every refusal came back before the quickest derivation did
  const slowestBusy = Math.max(...busy.map((r) => r.ms));
  const fastestTried = Math.min(...tried.map((r) => r.ms));
  assert.ok(slowestBusy < fastestTried, `slowest 503 ${slowestBusy} ms, fastest 401 ${fastestTried} ms`);
  // and a login goes through once the burst is over
  const c = new Client(srv.url);
  assert.equal((await c.post('/api/v1/session', { name: 'Ana', passphrase: 'ana passphrase 1' })).status, 200);
});

/* A raw connection to port; resolves { sock, closed (a promise of the
 * close time), isClosed() }. */
async function openRaw(port) {
  const sock = connect({ port, host: '127.0.0.1' });
  let closedAt = null;
  const closed = new Promise((ok) => sock.on('close', () => { closedAt = Date.now(); ok(closedAt); }));
  sock.on('error', () => {}); // a reset by the server is a close too
  await new Promise((ok, fail) => { sock.once('connect', ok); sock.once('error', fail); });
  return { sock, closed, isClosed: () => closedAt !== null };
}

/* The status of GET /healthz at url, on a connection of its own. */
function healthzStatus(url) {
  return new Promise((ok, fail) => {
    const req = request(`${url}/healthz`, { agent: false }, (res) => { res.resume(); ok(res.statusCode); });
    req.on('error', fail);
    req.end();
  });
}

/* Resolves true once c is closed, false when ms pass first. */
function closesWithin(c, ms) {
  let timer;
  return Promise.race([
    c.closed.then(() => true),
    new Promise((ok) => { timer = setTimeout(() => ok(false), ms); }),
  ]).finally(() => clearTimeout(timer));
}

test('a client that trickles its headers a byte at a time is cut off at the header deadline (10 s by the server clock), though it never goes quiet', async () => {
  const s = await startServer({ clock: true });
  const c = await openRaw(Number(new URL(s.url).port));
  const text = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(4000)}`;
  let i = 0;
  const send = () => { if (!c.sock.destroyed) c.sock.write(text[i++ % text.length]); };
  send();
  // a byte every 300 ms: the idle timeout (10 s since the last byte) never comes
  const trickle = setInterval(send, 300);
  try {
    // the server takes connections in the order they came, and the
    // deadline runs from the taking: once a later connection is answered,
    // this one's deadline was set by the clock before it is moved on (on
    // a loaded machine the taking could otherwise come after the advance)
    assert.equal(await healthzStatus(s.url), 200);
    s.clock.advance(9);
    // before the deadline it stays open (the server looks once a second)
    assert.equal(await closesWithin(c, 2500), false, 'closed before its header deadline');
    s.clock.advance(2);
    assert.equal(await closesWithin(c, 8000), true, 'still open 8 s after its header deadline');
    // a new connection is served as before
    assert.equal(await healthzStatus(s.url), 200);
  } finally {
    clearInterval(trickle);
    c.sock.destroy();
    await s.stop();
  }
});

test('a client that trickles a body it declared is cut off at the body deadline (60 s after its headers by the server clock), though it never goes quiet', async () => {
  const s = await startServer({ clock: true });
  const c = await openRaw(Number(new URL(s.url).port));
  // headers in time; then a byte of the 4,000 declared every 300 ms
  c.sock.write('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"name":"');
  const trickle = setInterval(() => { if (!c.sock.destroyed) c.sock.write('a'); }, 300);
  try {
    // the headers' deadline no longer counts once they are in
    s.clock.advance(30);
    assert.equal(await closesWithin(c, 2500), false, 'closed before its body deadline');
    // the server may read the headers (and start the body's deadline) a
    // moment after they were sent: the clock moves past a deadline started
    // at any of these moments; without the deadline the trickle keeps it open
    let cut = false;
    for (let step = 0; step < 3 && !cut; step++) {
      s.clock.advance(step === 0 ? 31 : 61);
      cut = await closesWithin(c, 6000);
    }
    assert.equal(cut, true, 'still open after its body deadline');
    assert.equal((await new Promise((ok, fail) => {
      const req = request(`${s.url}/healthz`, { agent: false }, (res) => { res.resume(); ok(res.statusCode); });
      req.on('error', fail);
      req.end();
    })), 200);
  } finally {
    clearInterval(trickle);
    c.sock.destroy();
    await s.stop();
  }
});

test('a body that comes in time is read, however long its request then takes', async () => {
  const s = await startServer({ clock: true });
  const c = await openRaw(Number(new URL(s.url).port));
  try {
    let got = '';
    const answered = new Promise((ok) => c.sock.on('data', (d) => {
      got += d.toString('latin1');
      if (/\r\n\r\n/.test(got)) ok();
    }));
    const body = '{"name":"Nobody","passphrase":"not the right one at all"}';
    c.sock.write(`POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    s.clock.advance(40);
    c.sock.write(body);
    await answered;
    assert.match(got, /^HTTP\/1\.1 (401|404|400) /);
  } finally {
    c.sock.destroy();
    await s.stop();
  }
});

test('a kept-alive connection has the header deadline again for its next request', async () => {
  const s = await startServer({ clock: true });
  const c = await openRaw(Number(new URL(s.url).port));
  try {
    let got = '';
    const answered = new Promise((ok) => c.sock.on('data', (d) => {
      got += d.toString('latin1');
      if (/\r\n\r\n/.test(got)) ok();
    }));
    // the first request takes longer than the deadline by the clock, but its
    // headers came in time: it is answered
    c.sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    s.clock.advance(5);
    c.sock.write('\r\n');
    await answered;
    assert.match(got, /^HTTP\/1\.1 200 /);
    // a byte of the next request every 300 ms keeps the idle timeout away;
    // the deadline counts from the end of the first
    const trickle = setInterval(() => { if (!c.sock.destroyed) c.sock.write('G'); }, 300);
    try {
      s.clock.advance(11);
      assert.equal(await closesWithin(c, 8000), true, 'still open 8 s after its header deadline');
    } finally {
      clearInterval(trickle);
    }
  } finally {
    c.sock.destroy();
    await s.stop();
  }
});
