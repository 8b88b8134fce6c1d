// dyad's own TLS (--tls-cert/--tls-key): HTTPS answers, and the session
// cookie is Secure. openssl makes the test certificate; it is a test
// dependency (scripts/install-deps.sh), so a missing openssl fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, freePort, startServer } from './helpers.mjs';

let dir;
let cert;
let key;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dyad-tls-'));
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

function httpsReq(port, ca, method, path, body) {
  return new Promise((ok, fail) => {
    const data = body ? JSON.stringify(body) : undefined;
    const req = request({
      host: '127.0.0.1', port, method, path, ca, servername: 'localhost',
      headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {},
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

test('with --tls-cert and --tls-key the server speaks HTTPS and sets Secure cookies', async () => {
  const ca = readFileSync(cert);
  const s = await startServer({ tls: { cert, key, ca } });
  try {
    const { port } = new URL(s.url);
    const r = await httpsReq(port, ca, 'POST', '/api/v1/space', { name: 'Tess', passphrase: 'tls passphrase' });
    assert.equal(r.status, 201, r.text);
    assert.match(String(r.headers['set-cookie']), /HttpOnly; SameSite=Strict; Secure/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
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
