// dyad's own TLS (--tls-cert/--tls-key): HTTPS answers, TLS 1.2 and later
// only, with forward-secret ciphers only, Strict-Transport-Security on
// every answer, and the session cookie Secure with the __Host- prefix;
// wrong files are reported as what they are; SIGHUP reloads the
// certificate (and plain http:// to the TLS port is still redirected
// after it); --http-redirect sends plain http:// to https://. openssl
// makes the test certificates; it is a test dependency
// (scripts/install-deps.sh), so a missing openssl fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect, createServer } from 'node:tls';
import { request as httpRequest } from 'node:http';
import { connect as connectPlain } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, freePort, startServer } from './helpers.mjs';

let dir;
let cert;
let key;

let cert2;
let key2;

/* A self-signed certificate for localhost and 127.0.0.1, and its key. */
function makeCert(certPath, keyPath) {
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath,
      '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    throw new Error(`openssl could not make a test certificate (scripts/install-deps.sh installs it): ${e.message}`);
  }
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dyad-tls-'));
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  cert2 = join(dir, 'cert2.pem');
  key2 = join(dir, 'key2.pem');
  makeCert(cert, key);
  makeCert(cert2, key2);
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function httpsReq(port, ca, method, path, body, headers = {}) {
  return new Promise((ok, fail) => {
    const data = body ? JSON.stringify(body) : undefined;
    const req = request({
      host: '127.0.0.1', port, method, path, ca, servername: 'localhost',
      headers: data ? { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : headers,
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', fail);
    if (data) req.write(data);
    req.end();
  });
}

test('with --tls-cert and --tls-key the server speaks HTTPS, says Strict-Transport-Security, and sets a Secure __Host- cookie that sessions work with', async () => {
  const ca = readFileSync(cert);
  const s = await startServer({ tls: { cert, key, ca } });
  try {
    const { port } = new URL(s.url);
    const r = await httpsReq(port, ca, 'POST', '/api/v1/space', { name: 'Tess', passphrase: 'tls passphrase' });
    assert.equal(r.status, 201, r.text);
    const sc = String(r.headers['set-cookie']);
    assert.match(sc, /^__Host-dyad_session=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; Path=\/; /);
    assert.match(sc, /HttpOnly; SameSite=Strict; Secure/);
    assert.doesNotMatch(sc, /Domain=/i);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['strict-transport-security'], 'max-age=31536000');
    // the session works with that cookie, CSRF token and all
    const cookie = sc.split(';')[0];
    const csrf = JSON.parse(r.text).csrf;
    const add = await httpsReq(port, ca, 'POST', '/api/v1/journal', { text: 'over TLS' }, { Cookie: cookie, 'X-CSRF-Token': csrf });
    assert.equal(add.status, 201, add.text);
    assert.equal(add.headers['strict-transport-security'], 'max-age=31536000');
    const noCsrf = await httpsReq(port, ca, 'POST', '/api/v1/journal', { text: 'no token' }, { Cookie: cookie });
    assert.equal(noCsrf.status, 403);
    // the unprefixed name is not the session cookie here
    const plain = await httpsReq(port, ca, 'GET', '/api/v1/session', undefined, { Cookie: cookie.replace('__Host-', '') });
    assert.equal(plain.status, 401);
    const out = await httpsReq(port, ca, 'DELETE', '/api/v1/session', undefined, { Cookie: cookie, 'X-CSRF-Token': csrf });
    assert.equal(out.status, 204);
    assert.match(String(out.headers['set-cookie']), /^__Host-dyad_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict; Secure$/);
    for (const path of ['/', '/healthz', '/api/v1/nothing']) {
      const any = await httpsReq(port, ca, 'GET', path);
      assert.equal(any.headers['strict-transport-security'], 'max-age=31536000', path);
    }
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

test('a certificate whose key file is missing stops the server before it listens', async () => {
  const port = await freePort();
  const missing = join(dir, 'missing-key.pem');
  const proc = spawn(BIN, ['--data', join(dir, 'data'), 'serve', '--listen', `127.0.0.1:${port}`, '--tls-cert', cert, '--tls-key', missing],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const code = await new Promise((ok) => proc.on('close', (c) => ok(c)));
  assert.equal(code, 1, log);
  assert.match(log, /cannot read .*missing-key\.pem/);
  assert.doesNotMatch(log, /serving/);
});

/* Run `dyad serve` with args until it exits by itself; resolves { code, log }. */
async function serveFails(args) {
  const port = await freePort();
  const proc = spawn(BIN, ['--data', join(dir, 'data'), 'serve', '--listen', `127.0.0.1:${port}`, ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const code = await new Promise((ok) => proc.on('close', (c) => ok(c)));
  return { code, log };
}

test('a key that belongs to another certificate is reported as such, not as a port in use', async () => {
  const r = await serveFails(['--tls-cert', cert, '--tls-key', key2]);
  assert.equal(r.code, 1, r.log);
  assert.match(r.log, /^dyad serve: the key in .*key2\.pem does not belong to the certificate in .*cert\.pem$/m);
  assert.doesNotMatch(r.log, /cannot listen|serving/);
});

test('a certificate file that holds no certificate, and a key file that holds no key, say so', async () => {
  let r = await serveFails(['--tls-cert', key, '--tls-key', key]);
  assert.equal(r.code, 1, r.log);
  assert.match(r.log, /^dyad serve: .*key\.pem holds no PEM certificate/m);
  r = await serveFails(['--tls-cert', cert, '--tls-key', cert]);
  assert.equal(r.code, 1, r.log);
  assert.match(r.log, /^dyad serve: .*cert\.pem holds no usable PEM private key/m);
  assert.doesNotMatch(r.log, /cannot listen|serving/);
});

test('--http-redirect without a certificate of its own is a usage error', async () => {
  const r = await serveFails(['--http-redirect', '8081']);
  assert.equal(r.code, 2, r.log);
  assert.match(r.log, /--http-redirect .*needs --tls-cert and --tls-key/);
});

/* The certificate the server presents, as a PEM-free fingerprint, after a
 * handshake that trusts only ca (rejects when the handshake fails). */
function servedFingerprint(port, ca) {
  return new Promise((ok, fail) => {
    const sock = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
      const fp = sock.getPeerCertificate().fingerprint256;
      sock.end();
      ok(fp);
    });
    sock.on('error', fail);
  });
}

function fingerprintOf(pemPath) {
  const out = execFileSync('openssl', ['x509', '-in', pemPath, '-noout', '-fingerprint', '-sha256']).toString();
  return out.trim().split('=')[1];
}

test('SIGHUP reloads the certificate: new connections get the new one, the server keeps running', async () => {
  const c = join(dir, 'live-cert.pem');
  const k = join(dir, 'live-key.pem');
  copyFileSync(cert, c);
  copyFileSync(key, k);
  const s = await startServer({ tls: { cert: c, key: k, ca: readFileSync(cert) } });
  try {
    const { port } = new URL(s.url);
    assert.equal(await servedFingerprint(port, readFileSync(cert)), fingerprintOf(cert));
    copyFileSync(cert2, c);
    copyFileSync(key2, k);
    s.proc.kill('SIGHUP');
    await s.waitForLog(/^dyad: SIGHUP: reloaded the certificate /m);
    assert.equal(await servedFingerprint(port, readFileSync(cert2)), fingerprintOf(cert2));
    await assert.rejects(servedFingerprint(port, readFileSync(cert)), /self.signed|unable to verify|certificate/i);
    const r = await httpsReq(port, readFileSync(cert2), 'GET', '/healthz');
    assert.equal(r.status, 200);
    assert.equal(s.proc.exitCode, null, 'the server is still running');
    // plain http:// to the port is still answered with a redirect
    const p = await plainGet(port, '/journal', 'dyad.home');
    assert.equal(p.status, 308);
    assert.equal(p.headers.location, `https://dyad.home:${port}/journal`);
    // reloads leave no descriptors behind (each old daemon closes its own)
    const fds = () => readdirSync(`/proc/${s.proc.pid}/fd`).length;
    const before = fds();
    for (let i = 2; i <= 4; i++) {
      s.proc.kill('SIGHUP');
      await s.waitForLog(new RegExp(`(^dyad: SIGHUP: reloaded [^\\n]*\\n[^]*){${i}}`, 'm'));
    }
    assert.ok(fds() <= before, `open descriptors: ${before} before three more reloads, ${fds()} after`);
    assert.equal((await httpsReq(port, readFileSync(cert2), 'GET', '/healthz')).status, 200);
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

test('SIGHUP with a broken certificate file keeps serving the old certificate and says why', async () => {
  const c = join(dir, 'broken-cert.pem');
  const k = join(dir, 'broken-key.pem');
  copyFileSync(cert, c);
  copyFileSync(key, k);
  const s = await startServer({ tls: { cert: c, key: k, ca: readFileSync(cert) } });
  try {
    const { port } = new URL(s.url);
    writeFileSync(c, 'not a certificate\n');
    s.proc.kill('SIGHUP');
    await s.waitForLog(/^dyad: SIGHUP: .*holds no PEM certificate.*; still serving the old certificate$/m);
    // a key of another certificate: refused too
    copyFileSync(cert, c);
    copyFileSync(key2, k);
    s.proc.kill('SIGHUP');
    await s.waitForLog(/^dyad: SIGHUP: the key in .* does not belong to the certificate in .*; still serving the old certificate$/m);
    assert.equal(await servedFingerprint(port, readFileSync(cert)), fingerprintOf(cert));
    assert.doesNotMatch(s.log(), /reloaded/);
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

test('SIGHUP to a server without TLS changes nothing and does not end it', async () => {
  const s = await startServer();
  try {
    s.proc.kill('SIGHUP');
    await s.waitForLog(/^dyad: SIGHUP: nothing to reload/m);
    assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

/* A plain HTTP GET with the given Host header; resolves { status, headers, text }. */
function plainGet(port, path, host) {
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: host }, setHost: false }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('--http-redirect PORT sends plain http:// to the same host and path on the https:// port', async () => {
  const plain = await freePort();
  const s = await startServer({ tls: { cert, key, ca: readFileSync(cert) }, args: ['--http-redirect', String(plain)] });
  try {
    const { port } = new URL(s.url);
    let r = await plainGet(plain, '/journal', `dyad.home:${plain}`);
    assert.equal(r.status, 308);
    assert.equal(r.headers.location, `https://dyad.home:${port}/journal`);
    assert.match(r.text, /HTTPS only/);
    r = await plainGet(plain, '/', '192.168.1.20');
    assert.equal(r.headers.location, `https://192.168.1.20:${port}/`);
    // a path with odd characters goes to the start page, never into the header
    r = await plainGet(plain, '/a%0d%0aSet-Cookie:x', 'dyad.home');
    assert.equal(r.status, 308);
    assert.equal(r.headers.location, `https://dyad.home:${port}/`);
    assert.equal(r.headers['set-cookie'], undefined);
    // a Host that is not a name: a readable answer, no redirect
    r = await plainGet(plain, '/', 'evil"<host>');
    assert.equal(r.status, 400);
    assert.equal(r.headers.location, undefined);
    assert.match(r.text, new RegExp(`open https://THIS-MACHINE:${port}/`));
    await s.waitForLog(/^GET \/journal 308 \(plain HTTP\)$/m);
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

test('the --http-redirect listener cuts off a client that trickles its headers, at the header deadline', async () => {
  const plain = await freePort();
  const s = await startServer({ clock: true, tls: { cert, key, ca: readFileSync(cert) }, args: ['--http-redirect', String(plain)] });
  const sock = connectPlain({ port: plain, host: '127.0.0.1' });
  let closed = false;
  const done = new Promise((ok) => sock.on('close', () => { closed = true; ok(true); }));
  sock.on('error', () => {});
  const text = `GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(4000)}`;
  let i = 0;
  const trickle = setInterval(() => { if (!sock.destroyed) sock.write(text[i++ % text.length]); }, 300);
  const within = (ms) => { let t; return Promise.race([done, new Promise((ok) => { t = setTimeout(() => ok(false), ms); })]).finally(() => clearTimeout(t)); };
  try {
    await new Promise((ok, fail) => { sock.once('connect', ok); sock.once('error', fail); });
    s.clock.advance(9);
    assert.equal(await within(2500), false, 'closed before its header deadline');
    // The connect resolves when the kernel has the connection; the listener
    // may take it (and start its deadline, by the clock) a moment later, so
    // the clock moves on past a deadline started at any of these moments.
    // Without the deadline the trickle keeps it open through every step.
    let cut = false;
    for (let step = 0; step < 4 && !cut; step++) {
      s.clock.advance(step === 0 ? 2 : 11);
      cut = await within(5000);
    }
    assert.equal(cut, true, 'still open after its header deadline');
    assert.equal(closed, true);
    const r = await plainGet(plain, '/journal', 'dyad.home');
    assert.equal(r.status, 308);
  } finally {
    clearInterval(trickle);
    sock.destroy();
    assert.equal((await s.stop()).code, 0);
  }
});

test("libmicrohttpd's and GnuTLS's messages are prefixed lines apart from the request log", async () => {
  const s = await startServer({ tls: { cert, key, ca: readFileSync(cert) } });
  try {
    const { port } = new URL(s.url);
    // a TLS record header followed by rubbish: GnuTLS fails the handshake
    await new Promise((ok) => {
      const sock = connectPlain({ port: Number(port), host: '127.0.0.1' }, () => sock.end(Buffer.from('1603010005hello', 'hex')));
      sock.on('error', () => ok());
      sock.on('close', ok);
      sock.resume();
    });
    await s.waitForLog(/^dyad: libmicrohttpd: .*handshake.*\(usually a browser that does not trust the certificate\)$/m);
    await httpsReq(port, readFileSync(cert), 'GET', '/healthz');
    await s.waitForLog(/^GET \/healthz 200 /m);
    for (const line of s.log().split('\n').filter(Boolean)) {
      assert.match(line, /^(dyad: |GET \/healthz 200 [0-9.]+ms$)/, `a log line of neither kind: ${line}`);
    }
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

/* A TLS handshake with the given versions and ciphers; resolves the
 * protocol and cipher agreed, or null when the handshake failed. */
function handshake(port, version, ciphers, ca) {
  return new Promise((ok) => {
    const s = connect({ host: '127.0.0.1', port, ca, servername: 'localhost', rejectUnauthorized: false,
      minVersion: version, maxVersion: version, ciphers });
    s.on('secureConnect', () => {
      const what = `${s.getProtocol()} ${s.getCipher().name}`;
      s.destroy();
      ok(what);
    });
    s.on('error', () => ok(null));
  });
}

test('TLS 1.0 and 1.1 and ciphers without forward secrecy are refused; TLS 1.2 with ECDHE and TLS 1.3 are accepted', async () => {
  const ca = readFileSync(cert);
  const cases = [
    ['TLSv1', 'ALL:@SECLEVEL=0', false],
    ['TLSv1.1', 'ALL:@SECLEVEL=0', false],
    ['TLSv1.2', 'AES128-GCM-SHA256:AES256-GCM-SHA384:@SECLEVEL=0', false], // RSA key exchange
    ['TLSv1.2', 'ECDHE-RSA-AES128-SHA:@SECLEVEL=0', false], // CBC
    ['TLSv1.2', 'ECDHE-RSA-AES128-GCM-SHA256', true],
    ['TLSv1.2', 'ECDHE-RSA-CHACHA20-POLY1305', true],
    ['TLSv1.3', undefined, true],
  ];
  // a control server that takes anything shows this client can speak
  // each of them, so that a refusal below is dyad's
  const control = createServer({ key: readFileSync(key), cert: readFileSync(cert), minVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' },
    (sock) => sock.end());
  await new Promise((ok) => control.listen(0, '127.0.0.1', ok));
  try {
    for (const [version, ciphers] of cases) {
      assert.ok(await handshake(control.address().port, version, ciphers, ca), `the control server takes ${version} ${ciphers}`);
    }
  } finally {
    control.close();
  }
  const s = await startServer({ tls: { cert, key, ca } });
  try {
    const { port } = new URL(s.url);
    for (const [version, ciphers, accepted] of cases) {
      const got = await handshake(Number(port), version, ciphers, ca);
      assert.equal(got !== null, accepted, `${version} ${ciphers}: ${got}`);
    }
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});
