// No passphrase, and no entry's words, outlive their requests in the
// server's memory. Passphrases: after each
// request that carries one (sign-up, join, login, a wrong login, a
// passphrase change, leaving), and after many requests more, the server
// process's whole readable memory (read through /proc/PID/mem, which a
// parent may read of its child) holds none of them. The scan first finds a
// string the process must hold, so that "not found" means something.
// Plain HTTP: under TLS, GnuTLS's record buffers are not covered (see
// docs/SECURITY.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { startServer, Client } from './helpers.mjs';

const CHUNK = 8 * 1024 * 1024;
const REGION_MAX = 1024 * 1024 * 1024; // a sanitizer's shadow memory is not the heap

/* Which of needles (Buffers) occur anywhere in the readable memory of pid. */
function scan(pid, needles) {
  const found = new Set();
  const longest = Math.max(...needles.map((n) => n.length));
  const maps = readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n').filter(Boolean);
  const fd = openSync(`/proc/${pid}/mem`, 'r');
  let bytes = 0;
  try {
    for (const line of maps) {
      const [range, perms] = line.split(/\s+/);
      if (perms[0] !== 'r' || /\[(vvar|vsyscall|vvar_vclock)\]/.test(line)) continue;
      const [lo, hi] = range.split('-').map((h) => Number.parseInt(h, 16));
      if (hi - lo > REGION_MAX) continue;
      const buf = Buffer.alloc(Math.min(CHUNK, hi - lo) + longest);
      let carry = 0;
      for (let at = lo; at < hi; at += CHUNK) {
        const want = Math.min(CHUNK, hi - at);
        let n;
        try {
          n = readSync(fd, buf, carry, want, at);
        } catch {
          break; // a region that cannot be read (a guard page)
        }
        bytes += n;
        const view = buf.subarray(0, carry + n);
        needles.forEach((nd, i) => { if (view.indexOf(nd) >= 0) found.add(i); });
        // keep the tail, so that a needle across two chunks is seen
        carry = Math.min(longest - 1, view.length);
        view.copy(buf, 0, view.length - carry);
      }
    }
  } finally {
    closeSync(fd);
  }
  return { found, bytes };
}

/* POST body to path on a connection of its own, closed after the answer
 * (as curl does: the connection's buffers are then freed, not reused);
 * resolves { status, headers, json }. */
function postOnce(port, path, body, headers = {}) {
  return new Promise((ok, fail) => {
    const data = JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, agent: false,
      headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', fail);
    req.end(data);
  });
}

test('no passphrase is left in the server\'s memory once it has answered: sign-up, join, login, a wrong login, a passphrase change, leaving; nor after many requests more', async () => {
  // long random passphrases; the scan also looks for their last 20
  // characters alone, which a freed block keeps when its start is reused
  const mark = () => `pp-${randomBytes(24).toString('hex')}-memscan`;
  const pass = { signup: mark(), partner: mark(), wrong: mark(), changed: mark() };
  const needles = Object.entries(pass).flatMap(([k, p]) => [[k, Buffer.from(p)], [`${k} (tail)`, Buffer.from(p.slice(-20))]]);
  const s = await startServer();
  const port = Number(new URL(s.url).port);
  const control = Buffer.from(s.data); // the data folder is in the server's arguments
  const check = (step) => {
    const { found, bytes } = scan(s.proc.pid, [control, ...needles.map(([, b]) => b)]);
    assert.ok(bytes > 1024 * 1024, `${step}: read only ${bytes} bytes`);
    assert.ok(found.has(0), `${step}: the scan finds what the process holds`);
    const left = [...found].filter((i) => i > 0).map((i) => needles[i - 1][0]);
    assert.deepEqual(left, [], `${step}: passphrases still in memory: ${left.join(', ')}`);
  };
  try {
    let r = await postOnce(port, '/api/v1/space', { name: 'Mira', passphrase: pass.signup });
    assert.equal(r.status, 201);
    const cookie = r.headers['set-cookie'][0].split(';')[0];
    const csrf = r.json.csrf;
    check('after sign-up');
    r = await postOnce(port, '/api/v1/invites', {}, { Cookie: cookie, 'X-CSRF-Token': csrf });
    assert.equal(r.status, 201);
    r = await postOnce(port, '/api/v1/join', { code: r.json.code, name: 'Noor', passphrase: pass.partner });
    assert.equal(r.status, 201);
    const noor = { Cookie: r.headers['set-cookie'][0].split(';')[0], 'X-CSRF-Token': r.json.csrf };
    check('after join');
    assert.equal((await postOnce(port, '/api/v1/session', { name: 'Mira', passphrase: pass.wrong })).status, 401);
    check('after a wrong login');
    r = await postOnce(port, '/api/v1/session', { name: 'Mira', passphrase: pass.signup });
    assert.equal(r.status, 200);
    const mira = { Cookie: r.headers['set-cookie'][0].split(';')[0], 'X-CSRF-Token': r.json.csrf };
    check('after login');
    r = await postOnce(port, '/api/v1/me/passphrase', { current: pass.signup, new: pass.changed }, mira);
    assert.equal(r.status, 204);
    check('after a passphrase change');
    assert.equal((await postOnce(port, '/api/v1/me/leave', { passphrase: pass.partner }, noor)).status, 204);
    check('after leaving');
    const c = new Client(s.url);
    assert.equal((await c.post('/api/v1/session', { name: 'Mira', passphrase: pass.changed })).status, 200);
    for (let i = 0; i < 100; i++) {
      assert.equal((await c.get('/api/v1/session')).status, 200);
      assert.equal((await c.post('/api/v1/journal', { text: `entry ${i}` })).status, 201);
    }
    check('after 200 requests more');
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

test('an entry\'s words are not left in the server\'s memory once the requests that carried them are answered: writing, reading, listing, editing', async () => {
  const mark = () => `words-${randomBytes(24).toString('hex')}-memscan`;
  const words = { written: mark(), edited: mark(), shared: mark() };
  const needles = Object.entries(words).flatMap(([k, w]) => [[k, Buffer.from(w)], [`${k} (tail)`, Buffer.from(w.slice(-20))]]);
  const s = await startServer();
  const control = Buffer.from(s.data);
  const check = (step) => {
    const { found, bytes } = scan(s.proc.pid, [control, ...needles.map(([, b]) => b)]);
    assert.ok(bytes > 1024 * 1024, `${step}: read only ${bytes} bytes`);
    assert.ok(found.has(0), `${step}: the scan finds what the process holds`);
    const left = [...found].filter((i) => i > 0).map((i) => needles[i - 1][0]);
    assert.deepEqual(left, [], `${step}: words still in memory: ${left.join(', ')}`);
  };
  try {
    const a = new Client(s.url);
    assert.equal((await a.post('/api/v1/space', { name: 'Mira', passphrase: 'mira passphrase 1' })).status, 201);
    // Markdown, so that the answer carries rendered HTML too, and long
    // enough that buffers grow while the answer is written
    const text = (w) => `# A day\n\n**${w}** and _more_\n\n> ${'quiet '.repeat(400)}\n\n- ${w}\n`;
    let r = await a.post('/api/v1/journal', { title: 'today', text: text(words.written) });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    r = await a.get(`/api/v1/journal/${id}`);
    assert.equal(r.status, 200);
    assert.ok(r.text.includes(words.written));
    r = await a.get('/api/v1/journal');
    assert.equal(r.status, 200);
    check('after writing and reading an entry');
    r = await a.put(`/api/v1/journal/${id}`, { text: text(words.edited) });
    assert.equal(r.status, 200, r.text);
    r = await a.post('/api/v1/journal', { title: 'ours', text: text(words.shared), shared: true });
    assert.equal(r.status, 201, r.text);
    r = await a.get('/api/v1/journal');
    assert.equal(r.status, 200);
    assert.ok(r.text.includes('ours'));
    check('after editing, sharing and listing');
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});
