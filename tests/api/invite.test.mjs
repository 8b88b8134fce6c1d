// Invitation links: built from the address the inviter used to reach the
// server (the Host header) or from --public-url, with a QR code of the
// link (checked by decoding it with zbarimg, a test dependency from
// scripts/install-deps.sh) and a flag for addresses that open on this
// machine only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, Client, freePort, startServer, PASS_A } from './helpers.mjs';

/* POST /api/v1/invites as client c with the given Host header (fetch
 * cannot set one); resolves { status, json }. */
function inviteWithHost(url, c, host) {
  const { port } = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({
      host: '127.0.0.1', port, method: 'POST', path: '/api/v1/invites', setHost: false,
      headers: { Host: host, Cookie: c.cookie, 'X-CSRF-Token': c.csrf, 'Content-Length': 0 },
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => ok({ status: res.statusCode, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function firstPartner(url) {
  const a = new Client(url);
  const r = await a.post('/api/v1/space', { label: 'Us', name: 'Ana', passphrase: PASS_A });
  assert.equal(r.status, 201, r.text);
  return a;
}

/* What a phone's camera would read: the QR matrix drawn as a PBM image
 * (4 modules of quiet zone, 4 pixels a module), decoded by zbarimg. */
function decodeQr(qr) {
  assert.equal(typeof qr.size, 'number');
  assert.equal(qr.modules.length, qr.size * qr.size);
  assert.match(qr.modules, /^[01]+$/);
  const scale = 4;
  const quiet = 4;
  const side = (qr.size + 2 * quiet) * scale;
  const rows = [];
  for (let y = 0; y < side; y++) {
    const row = [];
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - quiet;
      const my = Math.floor(y / scale) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr.modules[my * qr.size + mx] === '1';
      row.push(dark ? '1' : '0');
    }
    rows.push(row.join(' '));
  }
  const dir = mkdtempSync(join(tmpdir(), 'dyad-qr-'));
  try {
    const file = join(dir, 'qr.pbm');
    writeFileSync(file, `P1\n${side} ${side}\n${rows.join('\n')}\n`);
    let out;
    try {
      out = execFileSync('zbarimg', ['--quiet', '--raw', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      if (e.code === 'ENOENT') throw new Error('zbarimg is missing (scripts/install-deps.sh installs zbar-tools)');
      throw e;
    }
    return out.toString().trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the invitation link uses the address the inviter reached the server at, and its QR code reads as the link', async () => {
  const s = await startServer();
  try {
    const a = await firstPartner(s.url);
    const r = await inviteWithHost(s.url, a, '192.168.1.20:8080');
    assert.equal(r.status, 201);
    assert.equal(r.json.link, `http://192.168.1.20:8080/join#${r.json.code}`);
    assert.equal(r.json.loopback, false);
    assert.equal(decodeQr(r.json.qr), r.json.link);
  } finally {
    await s.stop();
  }
});

test('an invitation made on 127.0.0.1 or localhost says that it opens on this machine only', async () => {
  const s = await startServer();
  try {
    const a = await firstPartner(s.url);
    const { port } = new URL(s.url);
    let r = await a.post('/api/v1/invites');
    assert.equal(r.status, 201);
    assert.equal(r.json.link, `http://127.0.0.1:${port}/join#${r.json.code}`);
    assert.equal(r.json.loopback, true);
    for (const host of [`localhost:${port}`, 'app.localhost', '127.0.0.2', '[::1]:8080']) {
      r = await inviteWithHost(s.url, a, host);
      assert.equal(r.status, 201);
      assert.equal(r.json.loopback, true, host);
      assert.ok(r.json.link.startsWith(`http://${host}/join#`), r.json.link);
    }
    for (const host of ['dyad.home', '[fd00::5]:8443', 'localhost.example.net']) {
      r = await inviteWithHost(s.url, a, host);
      assert.equal(r.json.loopback, false, host);
    }
  } finally {
    await s.stop();
  }
});

test('with a Host header that is not a name or address, the link is the path alone, without a QR code', async () => {
  const s = await startServer();
  try {
    const a = await firstPartner(s.url);
    const r = await inviteWithHost(s.url, a, 'evil.example/"><script>');
    assert.equal(r.status, 201);
    assert.equal(r.json.link, `/join#${r.json.code}`);
    assert.equal(r.json.qr, undefined);
    assert.equal(r.json.loopback, undefined);
  } finally {
    await s.stop();
  }
});

test('--public-url makes every link, whatever address the browser used', async () => {
  const s = await startServer({ args: ['--public-url', 'https://dyad.home:8443/'] });
  try {
    await s.waitForLog(/^dyad: invitation links start with https:\/\/dyad\.home:8443 \(--public-url\)$/m);
    const a = await firstPartner(s.url);
    const r = await a.post('/api/v1/invites');
    assert.equal(r.status, 201);
    assert.equal(r.json.link, `https://dyad.home:8443/join#${r.json.code}`);
    assert.equal(r.json.loopback, false);
    assert.equal(decodeQr(r.json.qr), r.json.link);
  } finally {
    await s.stop();
  }
});

test('behind an HTTPS proxy (--behind-https) the link from the Host header is https', async () => {
  const s = await startServer({ args: ['--behind-https'] });
  try {
    const a = await firstPartner(s.url);
    const r = await inviteWithHost(s.url, a, 'dyad.home');
    assert.equal(r.json.link, `https://dyad.home/join#${r.json.code}`);
  } finally {
    await s.stop();
  }
});

test('a server on a loopback address says that phones cannot open it', async () => {
  const s = await startServer();
  try {
    // printed right after "serving", so possibly after startServer returns
    await s.waitForLog(/^dyad: only this machine can open this address; your phones cannot/m);
    await s.waitForLog(/Open dyad on your phones/);
  } finally {
    await s.stop();
  }
});

test('--public-url with a path, no scheme, or odd characters is a usage error', async () => {
  for (const bad of ['dyad.home:8443', 'https://dyad.home/dyad', 'ftp://dyad.home', 'https://', 'https://a b', `https://${'a'.repeat(300)}`]) {
    const port = await freePort();
    const data = mkdtempSync(join(tmpdir(), 'dyad-url-'));
    try {
      const proc = spawn(BIN, ['--data', data, 'serve', '--listen', `127.0.0.1:${port}`, '--public-url', bad],
        { stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      proc.stderr.on('data', (d) => { log += d; });
      const code = await new Promise((ok) => proc.on('close', (c) => ok(c)));
      assert.equal(code, 2, `${bad}: ${log}`);
      assert.match(log, /--public-url expects http\(s\):\/\/HOST\[:PORT\]/);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  }
});

test('a logged-out caller gets no invitation', async () => {
  const s = await startServer();
  try {
    await firstPartner(s.url);
    const r = await new Client(s.url).post('/api/v1/invites');
    assert.equal(r.status, 401);
    assert.equal(r.json.link, undefined);
  } finally {
    await s.stop();
  }
});
