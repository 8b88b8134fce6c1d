// Plain http:// sent to dyad's https:// port: closed without an HTTP
// answer, as docs/PHONES.md says (and why); the server logs a line saying
// what usually causes it and goes on serving https://. --http-redirect
// (tests/api/tls.test.mjs) is what answers plain http:// on a port of its
// own. openssl makes the test certificate (scripts/install-deps.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawConnection, startServer } from './helpers.mjs';

let dir;
let cert;
let key;

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
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function healthz(port) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', ca: readFileSync(cert), servername: 'localhost' }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode));
    });
    req.on('error', fail);
    req.end();
  });
}

test('plain http:// to the https:// port is closed without an HTTP answer, and https:// goes on', async () => {
  const s = await startServer({ tls: { cert, key, ca: readFileSync(cert) } });
  try {
    const { port } = new URL(s.url);
    const c = await rawConnection(port, 'GET /today HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const got = await c.response;
    assert.ok(!got.startsWith('HTTP/'), `an HTTP answer came: ${JSON.stringify(got.slice(0, 80))}`);
    assert.ok(!/dyad|<html/i.test(got), 'no page of dyad\'s went out in the clear');
    await s.waitForLog(/^dyad: libmicrohttpd: .*handshake.*plain http:\/\/ sent to the https:\/\/ port/m);
    assert.equal(await healthz(port), 200);
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});
