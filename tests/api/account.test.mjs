// The account's first-run and everyday routes: checking an invitation
// before joining, telling a full space from a taken name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, TestClock, couple, isErrorShape, PASS_A, PASS_B } from './helpers.mjs';

const BOGUS = 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH';

/* A space with Ana alone, and a fresh invitation code. */
async function aloneWithCode(url) {
  const a = new Client(url);
  assert.equal((await a.post('/api/v1/space', { name: 'Ana', passphrase: PASS_A })).status, 201);
  const inv = await a.post('/api/v1/invites');
  assert.equal(inv.status, 201);
  return { a, code: inv.json.code };
}

test('checking an invitation says ok, unknown, used or expired, and uses nothing up', async () => {
  const s = await startServer({ clock: true });
  try {
    const { a, code } = await aloneWithCode(s.url);
    const anon = new Client(s.url);
    let r = await anon.post('/api/v1/join/check', { code });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { ok: true });
    // only "ok": nothing about who made it or who is there
    assert.equal(r.text.includes('Ana'), false);
    r = await anon.post('/api/v1/join/check', { code: BOGUS });
    assert.equal(r.status, 401);
    assert.ok(isErrorShape(r.json));
    assert.equal(r.json.error.code, 'auth');
    r = await anon.post('/api/v1/join/check', { code: 'not a code at all' });
    assert.equal(r.status, 401);
    r = await anon.post('/api/v1/join/check', {});
    assert.equal(r.status, 400);
    // the check did not use the invitation
    const b = new Client(s.url);
    assert.equal((await b.post('/api/v1/join', { code, name: 'Ben', passphrase: PASS_B })).status, 201);
    r = await anon.post('/api/v1/join/check', { code });
    assert.equal(r.status, 410);
    assert.equal(r.json.error.code, 'used');
    // expired: Ben leaves, Ana invites again, a week passes
    assert.equal((await b.post('/api/v1/me/leave', { passphrase: PASS_B })).status, 204);
    const inv = await a.post('/api/v1/invites');
    assert.equal(inv.status, 201);
    s.clock.advance(7 * 24 * 3600);
    r = await anon.post('/api/v1/join/check', { code: inv.json.code });
    assert.equal(r.status, 410);
    assert.equal(r.json.error.code, 'expired');
  } finally {
    await s.stop();
  }
});

test('unknown invitation codes are throttled per address like logins', async () => {
  const s = await startServer({ clock: true });
  try {
    const { code } = await aloneWithCode(s.url);
    const c = new Client(s.url);
    let r;
    for (let i = 0; i < 20; i++) {
      r = await c.post('/api/v1/join/check', { code: BOGUS });
      assert.equal(r.status, 401, `attempt ${i}`);
    }
    r = await c.post('/api/v1/join/check', { code });
    assert.equal(r.status, 429);
    assert.equal(r.json.error.code, 'throttled');
    assert.ok(Number(r.headers.get('retry-after')) >= 1);
    // joining from that address waits too
    r = await c.post('/api/v1/join', { code, name: 'Ben', passphrase: PASS_B });
    assert.equal(r.status, 429);
    s.clock.advance(Number(r.headers.get('retry-after')));
    assert.equal((await c.post('/api/v1/join/check', { code })).status, 200);
  } finally {
    await s.stop();
  }
});

test('a taken name and a full space are different answers', async () => {
  const s = await startServer();
  try {
    const { code } = await aloneWithCode(s.url);
    const b = new Client(s.url);
    let r = await b.post('/api/v1/join', { code, name: 'Ana', passphrase: PASS_B });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'exists');
    assert.equal((await b.post('/api/v1/join', { code, name: 'Ben', passphrase: PASS_B })).status, 201);
    const c = new Client(s.url);
    r = await c.post('/api/v1/join', { code, name: 'Cleo', passphrase: PASS_B });
    assert.equal(r.status, 410);
    assert.equal(r.json.error.code, 'used', 'a used code says so, as the check does');
    r = await c.post('/api/v1/join/check', { code });
    assert.equal(r.json.error.code, 'used');
  } finally {
    await s.stop();
  }
});

test('the recovery code sets a new passphrase; wrong name or code are the same 401 and change nothing', async () => {
  const s = await startServer();
  try {
    const a = new Client(s.url);
    const made = await a.post('/api/v1/space', { name: 'Ana', passphrase: PASS_A });
    const code = made.json.recovery_code;
    await a.post('/api/v1/journal', { text: 'kept through recovery' });
    const anon = new Client(s.url);
    const wrongCode = await anon.post('/api/v1/recover', { name: 'Ana', code: BOGUS, passphrase: 'a new passphrase' });
    const wrongName = await anon.post('/api/v1/recover', { name: 'Nobody', code, passphrase: 'a new passphrase' });
    assert.equal(wrongCode.status, 401);
    assert.equal(wrongName.status, 401);
    assert.equal(wrongCode.json.error.message, wrongName.json.error.message);
    assert.equal((await anon.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })).status, 200);
    const short = await anon.post('/api/v1/recover', { name: 'Ana', code, passphrase: 'short' });
    assert.equal(short.status, 400);
    const r = await anon.post('/api/v1/recover', { name: 'Ana', code, passphrase: 'a new passphrase' });
    assert.equal(r.status, 204, r.text);
    // every earlier session ended; the old passphrase fails, the new one opens the same entries
    assert.equal((await a.get('/api/v1/session')).status, 401);
    assert.equal((await new Client(s.url).post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })).status, 401);
    const again = new Client(s.url);
    assert.equal((await again.post('/api/v1/session', { name: 'Ana', passphrase: 'a new passphrase' })).status, 200);
    const list = await again.get('/api/v1/journal');
    assert.equal(list.json.items[0].text, 'kept through recovery');
  } finally {
    await s.stop();
  }
});

test('recovery attempts are throttled per name like logins', async () => {
  const s = await startServer({ clock: true });
  try {
    const a = new Client(s.url);
    const code = (await a.post('/api/v1/space', { name: 'Ana', passphrase: PASS_A })).json.recovery_code;
    const c = new Client(s.url);
    for (let i = 0; i < 5; i++) {
      assert.equal((await c.post('/api/v1/recover', { name: 'Ana', code: BOGUS, passphrase: 'a new passphrase' })).status, 401);
    }
    const r = await c.post('/api/v1/recover', { name: 'Ana', code, passphrase: 'a new passphrase' });
    assert.equal(r.status, 429);
    // failed recoveries count against logging in too (one counter per name)
    assert.equal((await c.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })).status, 429);
    s.clock.advance(Number(r.headers.get('retry-after')));
    assert.equal((await c.post('/api/v1/recover', { name: 'Ana', code, passphrase: 'a new passphrase' })).status, 204);
  } finally {
    await s.stop();
  }
});

test('a new recovery code needs the passphrase, and the old code stops working', async () => {
  const s = await startServer();
  try {
    const { a, b } = await couple(s.url);
    const anon = new Client(s.url);
    assert.equal((await anon.post('/api/v1/me/recovery', { passphrase: PASS_A })).status, 401);
    let r = await a.post('/api/v1/me/recovery', { passphrase: 'not the passphrase' });
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, 'auth');
    r = await a.post('/api/v1/me/recovery', { passphrase: PASS_A }, { csrf: false });
    assert.equal(r.status, 403);
    r = await b.post('/api/v1/me/recovery', { passphrase: PASS_B });
    assert.equal(r.status, 201, r.text);
    const fresh = r.json.recovery_code;
    assert.match(fresh, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){7}$/);
    r = await b.post('/api/v1/me/recovery', { passphrase: PASS_B });
    const newest = r.json.recovery_code;
    assert.notEqual(newest, fresh);
    assert.equal((await anon.post('/api/v1/recover', { name: 'Ben', code: fresh, passphrase: 'ben recovered' })).status, 401);
    assert.equal((await anon.post('/api/v1/recover', { name: 'Ben', code: newest, passphrase: 'ben recovered' })).status, 204);
    // Ana's session and passphrase are untouched
    assert.equal((await a.get('/api/v1/session')).status, 200);
  } finally {
    await s.stop();
  }
});

test('export downloads as dyad-NAME-DATE.json, and as a Markdown document to read', async () => {
  const s = await startServer({ clock: true });
  try {
    s.clock.set(Date.UTC(2031, 4, 6, 12) / 1000);
    const { a, b } = await couple(s.url);
    await a.post('/api/v1/journal', { title: 'A *starred* title', text: 'Private words.\n\n- one\n- two' });
    await a.post('/api/v1/journal', { text: 'Shared first line\nsecond line', shared: true });
    await b.post('/api/v1/journal', { text: 'Ben only words', shared: true });
    let r = await a.get('/api/v1/me/export');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-disposition'), /filename="dyad-Ana-2031-05-06\.json"/);
    r = await a.get('/api/v1/me/export?format=markdown');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/markdown/);
    assert.match(r.headers.get('content-disposition'), /filename="dyad-Ana-2031-05-06\.md"/);
    assert.match(r.text, /^# Ana in dyad\n/);
    assert.ok(r.text.includes('## A \\*starred\\* title'), r.text);
    assert.ok(r.text.includes('## Shared first line'), r.text);
    assert.ok(r.text.includes('Private words.\n\n- one\n- two'), r.text);
    assert.ok(r.text.includes('written 2031-05-06 12:00 UTC - private*'), r.text);
    assert.equal(r.text.includes('Ben only words'), false, 'not the partner\'s entries');
    r = await a.get('/api/v1/me/export?format=pdf');
    assert.equal(r.status, 400);
    assert.equal((await new Client(s.url).get('/api/v1/me/export?format=markdown')).status, 401);
  } finally {
    await s.stop();
  }
});

test('the export file name keeps only plain letters of a name, and the whole name in filename*', async () => {
  const s = await startServer();
  try {
    const a = new Client(s.url);
    assert.equal((await a.post('/api/v1/space', { name: 'Zoë Ann', passphrase: PASS_A })).status, 201);
    const r = await a.get('/api/v1/me/export');
    const cd = r.headers.get('content-disposition');
    assert.match(cd, /filename="dyad-Zo-Ann-\d{4}-\d{2}-\d{2}\.json"/);
    assert.match(cd, /filename\*=UTF-8''dyad-Zo%C3%ABAnn|filename\*=UTF-8''dyad-Zo%C3%AB%20Ann/);
  } finally {
    await s.stop();
  }
});

/* The wrapped space keys of the invitations in the database at data. */
function invitationKeys(data) {
  return execFileSync('sqlite3', [join(data, 'dyad.db'), 'SELECT length(wrapped_space_key) FROM invite'])
    .toString().trim().split('\n').filter((l) => l !== '').map(Number);
}

test('opening the database expires invitations by the test clock, not the real one', async () => {
  // a month ago by the real clock: an invitation made then is long past its
  // week by the real clock, and a day old by the test clock
  const clock = new TestClock(Math.floor(Date.now() / 1000) - 30 * 24 * 3600);
  const data = mkdtempSync(join(tmpdir(), 'dyad-api-'));
  let s = null;
  try {
    s = await startServer({ clock, data });
    const { code } = await aloneWithCode(s.url);
    await s.stop();
    s = null;
    clock.advance(24 * 3600);
    // the server opens the database before it listens and again in each worker
    s = await startServer({ clock, data });
    assert.deepEqual(invitationKeys(data).map((n) => n > 0), [true]);
    const b = new Client(s.url);
    assert.deepEqual((await b.post('/api/v1/join/check', { code })).json, { ok: true });
    const r = await b.post('/api/v1/join', { code, name: 'Ben', passphrase: PASS_B });
    assert.equal(r.status, 201, r.text);
    assert.equal((await b.post('/api/v1/me/leave', { passphrase: PASS_B })).status, 204);
    await s.stop();
    s = null;

    // a new invitation, then eight days pass by the test clock: the next
    // open deletes its key although the real clock is three weeks earlier
    s = await startServer({ clock, data });
    const a = new Client(s.url);
    assert.equal((await a.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })).status, 200);
    assert.equal((await a.post('/api/v1/invites')).status, 201);
    assert.deepEqual(invitationKeys(data).map((n) => n > 0), [true]);
    await s.stop();
    s = null;
    clock.advance(8 * 24 * 3600);
    s = await startServer({ clock, data });
    assert.deepEqual(invitationKeys(data).map((n) => n > 0), [false]);
  } finally {
    if (s) await s.stop();
    clock.remove();
    rmSync(data, { recursive: true, force: true });
  }
});
