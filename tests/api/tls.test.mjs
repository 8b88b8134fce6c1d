// dyad's own TLS (--tls-cert/--tls-key): HTTPS answers, and the session
// cookie is Secure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, freePort } from './helpers.mjs';
import { spawn } from 'node:child_process';

function haveOpenssl() {
  try { execFileSync('openssl', ['version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

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

test('with --tls-cert and --tls-key the server speaks HTTPS and sets Secure cookies', async (t) => {
  if (!haveOpenssl()) {
    t.skip('openssl is not installed');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dyad-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  const port = await freePort();
  const proc = spawn(BIN, ['--data', join(dir, 'data'), 'serve', '--listen', `127.0.0.1:${port}`, '--tls-cert', cert, '--tls-key', key],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const exit = new Promise((ok) => proc.on('exit', (code) => ok(code)));
  const ca = readFileSync(cert);
  try {
    let up = false;
    for (let i = 0; i < 200 && !up; i++) {
      try { up = (await httpsReq(port, ca, 'GET', '/healthz')).status === 200; } catch { await new Promise((ok) => setTimeout(ok, 25)); }
    }
    assert.ok(up, `server did not come up: ${log}`);
    const r = await httpsReq(port, ca, 'POST', '/api/v1/space', { name: 'Tess', passphrase: 'tls passphrase' });
    assert.equal(r.status, 201, r.text);
    assert.match(String(r.headers['set-cookie']), /HttpOnly; SameSite=Strict; Secure/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  } finally {
    proc.kill('SIGTERM');
    assert.equal(await exit, 0);
    assert.doesNotMatch(log, /AddressSanitizer|LeakSanitizer|runtime error:/);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a certificate without its key does not start', async () => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'dyad-tls-'));
  const proc = spawn(BIN, ['--data', join(dir, 'data'), 'serve', '--listen', `127.0.0.1:${port}`, '--tls-cert', join(dir, 'missing.pem'), '--tls-key', join(dir, 'missing-key.pem')],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  const code = await new Promise((ok) => proc.on('exit', (c) => ok(c)));
  assert.notEqual(code, 0);
  rmSync(dir, { recursive: true, force: true });
});
