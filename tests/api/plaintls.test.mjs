// Plain http:// sent to dyad's https:// port: the front door of the TLS
// port (src/web/front.c) looks at each connection's first byte and hands a
// TLS handshake to the HTTPS server and anything else to the plain-HTTP
// answerer of --http-redirect, which sends it to https:// on the same host
// and port (or says in plain words to open https://). HTTPS on the port
// works as before, kept alive; a connection that says nothing, or one byte,
// is cut off at the header deadline (by the test clock); one address may
// keep only so many connections waiting; silent connections hold up no
// one. openssl makes the test certificate (scripts/install-deps.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawConnection, startServer } from './helpers.mjs';

let dir;
let cert;
let key;
let ca;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dyad-plaintls-'));
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
      '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    throw new Error(`openssl could not make a test certificate (scripts/install-deps.sh installs it): ${e.message}`);
  }
  ca = readFileSync(cert);
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/* GET path over HTTPS (agent: an https.Agent, or false for a connection of
 * its own); resolves { status, text, reused } (reused: the request went out
 * on a kept-alive connection). */
function httpsGet(port, path, agent = false, localAddress = undefined) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, ca, servername: 'localhost', agent, localAddress }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => ok({ status: res.statusCode, text, reused: req.reusedSocket }));
    });
    req.on('error', fail);
    req.end();
  });
}

/* A plain HTTP GET with the given Host header (none when host is null). */
function plainGet(port, path, host) {
  return new Promise((ok, fail) => {
    const headers = host === null ? {} : { Host: host };
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, setHost: false, agent: false }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('plain http:// to the https:// port is sent to https:// on the same host and port; HTTPS on the port works before and after, kept alive', async () => {
  const s = await startServer({ tls: { cert, key, ca } });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const { port } = new URL(s.url);
    let r = await httpsGet(port, '/healthz', agent);
    assert.equal(r.status, 200);
    assert.equal(r.reused, false);
    r = await plainGet(port, '/journal', `dyad.home:${port}`);
    assert.equal(r.status, 308);
    assert.equal(r.headers.location, `https://dyad.home:${port}/journal`);
    assert.equal(r.headers['content-type'], 'text/plain; charset=utf-8');
    assert.match(r.text, new RegExp(`HTTPS only\\. Open https://dyad\\.home:${port}/journal`));
    r = await plainGet(port, '/', '192.168.1.20');
    assert.equal(r.headers.location, `https://192.168.1.20:${port}/`);
    // a Host that is not a name: a readable answer, no redirect
    r = await plainGet(port, '/', 'evil"<host>');
    assert.equal(r.status, 400);
    assert.equal(r.headers.location, undefined);
    assert.match(r.text, new RegExp(`open https://THIS-MACHINE:${port}/ instead`));
    // HTTP/1.0 without a Host: the same readable answer
    const c = await rawConnection(port, 'GET / HTTP/1.0\r\n\r\n');
    const got = await c.response;
    assert.match(got, /^HTTP\/1\.[01] 400 /);
    assert.match(got, /open https:\/\/THIS-MACHINE:\d+\/ instead/);
    // the kept-alive HTTPS connection went on through all of it
    r = await httpsGet(port, '/healthz', agent);
    assert.equal(r.status, 200);
    assert.equal(r.reused, true, 'the second HTTPS request went out on the kept-alive connection');
    assert.equal((await httpsGet(port, '/api/v1/limits')).status, 200);
    await s.waitForLog(/^GET \/journal 308 \(plain HTTP\)$/m);
    assert.doesNotMatch(s.log(), /handshake/, 'plain HTTP no longer reaches GnuTLS');
  } finally {
    agent.destroy();
    assert.equal((await s.stop()).code, 0);
  }
});

/* Whether sock closes within ms. */
function closesWithin(done, ms) {
  let t;
  return Promise.race([done, new Promise((ok) => { t = setTimeout(() => ok(false), ms); })]).finally(() => clearTimeout(t));
}

/*
 * Connect to the TLS port, send first (nothing when empty) and nothing
 * more, and check that the server keeps the connection until its header
 * deadline (10 s after the accept, by the test clock) and then cuts it.
 */
async function cutAtDeadline(first) {
  const s = await startServer({ clock: true, tls: { cert, key, ca } });
  const { port } = new URL(s.url);
  const sock = connect({ port: Number(port), host: '127.0.0.1' });
  const done = new Promise((ok) => sock.on('close', () => ok(true)));
  sock.on('error', () => {});
  try {
    await new Promise((ok, fail) => { sock.once('connect', ok); sock.once('error', fail); });
    if (first.length > 0) sock.write(first);
    s.clock.advance(9);
    assert.equal(await closesWithin(done, 2500), false, 'closed before its header deadline');
    // The connect resolves when the kernel has the connection; the server
    // may accept it (and start its deadline, by the clock) a moment later,
    // so the clock moves on past a deadline started at any of these moments.
    let cut = false;
    for (let step = 0; step < 4 && !cut; step++) {
      s.clock.advance(step === 0 ? 2 : 11);
      cut = await closesWithin(done, 5000);
    }
    assert.equal(cut, true, 'still open after its header deadline');
    // and the port serves on
    assert.equal((await httpsGet(port, '/healthz')).status, 200);
  } finally {
    sock.destroy();
    assert.equal((await s.stop()).code, 0);
  }
}

test('a client that connects to the TLS port and says nothing is cut off at the header deadline', async () => {
  await cutAtDeadline('');
});

test('a client that sends the first byte of a TLS handshake and stalls is cut off at the header deadline', async () => {
  await cutAtDeadline(Buffer.from([0x16]));
});

test('a client that sends one byte of plain HTTP and stalls is cut off at the header deadline', async () => {
  await cutAtDeadline('G');
});

test('many plain and TLS connections at once are all answered, while silent ones wait beside them', async () => {
  const s = await startServer({ tls: { cert, key, ca }, args: ['--connections-per-address', '256'] });
  const silent = [];
  try {
    const { port } = new URL(s.url);
    for (let i = 0; i < 20; i++) {
      const sock = connect({ port: Number(port), host: '127.0.0.1' });
      sock.on('error', () => {});
      silent.push(sock);
    }
    const tls = Array.from({ length: 40 }, () => httpsGet(port, '/healthz'));
    const plain = Array.from({ length: 40 }, (_, i) => plainGet(port, `/p${i}`, 'dyad.home'));
    const got = await Promise.all([...tls, ...plain]);
    assert.deepEqual(got.slice(0, 40).map((r) => r.status), Array(40).fill(200));
    assert.deepEqual(got.slice(40).map((r) => r.headers.location),
      Array.from({ length: 40 }, (_, i) => `https://dyad.home:${port}/p${i}`));
    assert.ok(silent.every((sock) => !sock.destroyed), 'the silent connections are still waiting');
  } finally {
    for (const sock of silent) sock.destroy();
    assert.equal((await s.stop()).code, 0);
  }
});

test('one address may keep only --connections-per-address connections waiting for their first byte; others still get in', async () => {
  const s = await startServer({ tls: { cert, key, ca }, args: ['--connections-per-address', '4'] });
  const socks = [];
  try {
    const { port } = new URL(s.url);
    const open = (localAddress) => new Promise((ok) => {
      const sock = connect({ port: Number(port), host: '127.0.0.1', localAddress });
      socks.push(sock);
      sock.on('error', () => {});
      sock.on('connect', () => ok(sock));
    });
    const waiting = [];
    for (let i = 0; i < 4; i++) waiting.push(await open('127.0.0.6'));
    const fifth = await open('127.0.0.6');
    assert.equal(await closesWithin(new Promise((ok) => fifth.on('close', () => ok(true))), 5000), true,
      'a fifth connection of the address is closed as it comes');
    assert.ok(waiting.every((sock) => !sock.destroyed), 'the four it holds are kept');
    assert.equal((await httpsGet(port, '/healthz', false, '127.0.0.7')).status, 200);
  } finally {
    for (const sock of socks) sock.destroy();
    assert.equal((await s.stop()).code, 0);
  }
});

test('an address\'s served HTTPS connections count with its waiting ones against --connections-per-address', async () => {
  const s = await startServer({ tls: { cert, key, ca }, args: ['--connections-per-address', '4'] });
  const socks = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 2, ca, servername: 'localhost' });
  try {
    const { port } = new URL(s.url);
    // two HTTPS connections served and kept alive from 127.0.0.8
    const served = await Promise.all([httpsGet(port, '/healthz', agent, '127.0.0.8'), httpsGet(port, '/healthz', agent, '127.0.0.8')]);
    assert.deepEqual(served.map((r) => r.status), [200, 200]);
    assert.equal(Object.values(agent.freeSockets).flat().length, 2, 'both connections are kept alive');
    const open = (localAddress) => new Promise((ok) => {
      const sock = connect({ port: Number(port), host: '127.0.0.1', localAddress });
      socks.push(sock);
      sock.on('error', () => {});
      sock.on('connect', () => ok(sock));
    });
    // so two more may wait for their first byte, and a third is closed
    const waiting = [await open('127.0.0.8'), await open('127.0.0.8')];
    const third = await open('127.0.0.8');
    assert.equal(await closesWithin(new Promise((ok) => third.on('close', () => ok(true))), 5000), true,
      'a fifth connection of the address (two served, two waiting) is closed as it comes');
    assert.ok(waiting.every((sock) => !sock.destroyed), 'the two waiting are kept');
    // the served ones still answer, and another address gets in
    assert.equal((await httpsGet(port, '/healthz', agent, '127.0.0.8')).reused, true);
    assert.equal((await httpsGet(port, '/healthz', false, '127.0.0.9')).status, 200);
  } finally {
    agent.destroy();
    for (const sock of socks) sock.destroy();
    assert.equal((await s.stop()).code, 0);
  }
});
