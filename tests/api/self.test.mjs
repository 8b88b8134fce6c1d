// Boundaries, goals and interests over HTTP: private until shared (the
// partner's private one is the same 404 as a missing one, a shared one is
// 403 to change, the logged-out get 401); an acknowledgement belongs to
// the wording it was given for; rewording keeps the history in order;
// notes on goals are progress or support by who writes them; bad input is
// refused with a clear message and changes nothing; the database file
// holds none of what was written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, couple, isErrorShape, Client } from './helpers.mjs';

const MISSING = '01938a4e-1111-7000-8000-000000000000';

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

async function count(client, path, filter = 'mine') {
  const r = await client.get(`${path}?filter=${filter}&limit=100`);
  assert.equal(r.status, 200, r.text);
  return r.json.items.length;
}

test('a boundary is private until shared: the partner gets the same 404 as for a missing one', async () => {
  const r = await a.post('/api/v1/boundaries', {
    statement: 'I need an hour alone after work MARKER-quoll', form: 'need', area: 'time', why: 'MARKER-why-okapi',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.shared, false);
  assert.equal(r.json.status.acknowledged, false);
  const id = r.json.id;
  const missing = await b.get(`/api/v1/boundaries/${MISSING}`);
  const hidden = await b.get(`/api/v1/boundaries/${id}`);
  assert.equal(hidden.status, 404);
  assert.deepEqual(hidden.json, missing.json);
  for (const path of [`/api/v1/boundaries/${id}/ack`, `/api/v1/boundaries/${id}/discuss`]) {
    const p = await b.post(path, {});
    assert.equal(p.status, 404, path);
  }
  assert.equal((await b.get(`/api/v1/boundaries/${id}/history`)).status, 404);
  assert.equal((await b.put(`/api/v1/boundaries/${id}`, { statement: 'x' })).status, 404);
  assert.equal(await count(b, '/api/v1/boundaries', 'all'), 0);
  const anon = new Client(srv.url);
  for (const path of ['/api/v1/boundaries', `/api/v1/boundaries/${id}`, '/api/v1/goals', '/api/v1/interests']) {
    assert.equal((await anon.get(path)).status, 401, path);
  }
  assert.equal((await a.del(`/api/v1/boundaries/${id}`)).status, 204);
});

test('the partner acknowledges a shared boundary; a new wording asks again; the history is in order', async () => {
  const r = await a.post('/api/v1/boundaries', { statement: "I won't talk about money after ten", form: 'limit', area: 'money', shared: true });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  // the partner cannot change it: 403
  assert.equal((await b.put(`/api/v1/boundaries/${id}`, { statement: 'changed' })).status, 403);
  assert.equal((await b.del(`/api/v1/boundaries/${id}`)).status, 403);
  assert.equal((await b.post(`/api/v1/boundaries/${id}/unshare`, {})).status, 403);
  // and I do not answer my own
  assert.equal((await a.post(`/api/v1/boundaries/${id}/ack`, {})).status, 403);
  const ack = await b.post(`/api/v1/boundaries/${id}/ack`, {});
  assert.equal(ack.status, 200, ack.text);
  assert.equal(ack.json.status.acknowledged, true);
  let mine = await a.get(`/api/v1/boundaries/${id}`);
  assert.equal(mine.json.status.acknowledged, true);
  assert.equal(mine.json.status.acknowledged_wording, 1);
  for (const words of ["I won't talk about money after nine", "I won't talk about money after nine on weekdays"]) {
    const e = await a.put(`/api/v1/boundaries/${id}`, { statement: words });
    assert.equal(e.status, 200, e.text);
  }
  mine = await a.get(`/api/v1/boundaries/${id}`);
  assert.equal(mine.json.version, 3);
  assert.equal(mine.json.status.acknowledged, false, 'a changed boundary asks to be acknowledged again');
  assert.equal(mine.json.status.acknowledged_wording, 1);
  const talk = await b.post(`/api/v1/boundaries/${id}/discuss`, {});
  assert.equal(talk.status, 200);
  assert.equal(talk.json.status.discuss, true);
  const h = await b.get(`/api/v1/boundaries/${id}/history`);
  assert.equal(h.status, 200, h.text);
  assert.deepEqual(h.json.versions.map((v) => [v.version, v.statement]), [
    [1, "I won't talk about money after ten"],
    [2, "I won't talk about money after nine"],
    [3, "I won't talk about money after nine on weekdays"],
  ]);
  assert.equal(h.json.damaged, 0, 'nothing left out');
  // in the partner's list, with its status
  const theirs = await b.get('/api/v1/boundaries?filter=theirs');
  assert.equal(theirs.json.items.length, 1);
  assert.equal(theirs.json.items[0].status.discuss, true);
  // unshared: gone for the partner, with their answers
  assert.equal((await a.post(`/api/v1/boundaries/${id}/unshare`, {})).status, 200);
  assert.equal((await b.get(`/api/v1/boundaries/${id}`)).status, 404);
  mine = await a.get(`/api/v1/boundaries/${id}`);
  assert.equal(mine.json.status.discuss, false);
});

test('a kept wording that no longer decrypts is left out of the history and counted, for both partners', async () => {
  const own = await startServer();
  try {
    const c = await couple(own.url);
    const r = await c.a.post('/api/v1/boundaries', { statement: 'Quiet mornings, version one', form: 'need', area: 'time', shared: true });
    assert.equal(r.status, 201, r.text);
    const { id } = r.json;
    for (const words of ['Quiet mornings, version two', 'Quiet mornings, version three']) {
      assert.equal((await c.a.put(`/api/v1/boundaries/${id}`, { statement: words })).status, 200);
    }
    // the file damaged where the second wording is kept
    const changed = execFileSync('sqlite3', [join(own.data, 'dyad.db'),
      `UPDATE record_version SET body = zeroblob(80) WHERE record_id = '${id}' AND version = 2; SELECT changes();`]);
    assert.equal(String(changed).trim(), '1');
    for (const who of [c.a, c.b]) {
      const h = await who.get(`/api/v1/boundaries/${id}/history`);
      assert.equal(h.status, 200, h.text);
      assert.deepEqual(h.json.versions.map((v) => [v.version, v.statement]), [
        [1, 'Quiet mornings, version one'],
        [3, 'Quiet mornings, version three'],
      ]);
      assert.equal(h.json.damaged, 1);
    }
  } finally {
    await own.stop();
  }
});

test('bad boundaries, goals and interests are refused with a clear message and change nothing', async () => {
  const counts = [await count(a, '/api/v1/boundaries'), await count(a, '/api/v1/goals'), await count(a, '/api/v1/interests')];
  const cases = [
    ['/api/v1/boundaries', { statement: '', form: 'need', area: 'time' }, /statement is empty/],
    ['/api/v1/boundaries', { statement: 'x'.repeat(2001), form: 'need', area: 'time' }, /2001 characters/],
    ['/api/v1/boundaries', { statement: 'x', form: 'need', area: 'garden' }, /area must be one of: time, space/],
    ['/api/v1/boundaries', { statement: 'x', form: 'maybe', area: 'time' }, /form must be one of/],
    ['/api/v1/goals', { statement: 'x', status: 'someday' }, /status must be one of/],
    ['/api/v1/goals', { statement: 'x', status: 'active', target: '31/03/2027' }, /YYYY-MM-DD/],
    ['/api/v1/goals', { statement: 'x', status: 'active', target: '2027-02-30' }, /YYYY-MM-DD/],
    ['/api/v1/interests', { statement: 'x', with: 'everyone' }, /with must be one of/],
    ['/api/v1/interests', { statement: 'x'.repeat(201) }, /201 characters/],
  ];
  for (const [path, body, says] of cases) {
    const r = await a.post(path, body);
    assert.equal(r.status, r.status >= 400 && r.status < 500 ? r.status : -1, `${path} ${JSON.stringify(body).slice(0, 60)}: ${r.status}`);
    assert.ok(isErrorShape(r.json), r.text);
    assert.match(r.json.error.message, says);
  }
  assert.deepEqual([await count(a, '/api/v1/boundaries'), await count(a, '/api/v1/goals'), await count(a, '/api/v1/interests')], counts);
  // an edit that breaks a rule changes nothing
  const ok = await a.post('/api/v1/boundaries', { statement: 'kept', form: 'okay', area: 'friends' });
  const bad = await a.put(`/api/v1/boundaries/${ok.json.id}`, { area: 'garden' });
  assert.equal(bad.status, 400);
  const still = await a.get(`/api/v1/boundaries/${ok.json.id}`);
  assert.equal(still.json.area, 'friends');
  assert.equal(still.json.version, 1);
  assert.equal((await a.put(`/api/v1/boundaries/${ok.json.id}`, {})).status, 400);
});

test('goals: progress by the owner, support by the partner, dismissed only by the owner', async () => {
  const g = await a.post('/api/v1/goals', { statement: 'Learn the cello MARKER-dugong', why: 'music of my own', target: '2027-06-30', status: 'active', shared: true });
  assert.equal(g.status, 201, g.text);
  const id = g.json.id;
  assert.deepEqual(g.json.notes, []);
  const p = await a.post(`/api/v1/goals/${id}/notes`, { note: 'first lesson done' });
  assert.equal(p.status, 201, p.text);
  const s = await b.post(`/api/v1/goals/${id}/notes`, { note: 'I can drive you to lessons MARKER-kakapo' });
  assert.equal(s.status, 201, s.text);
  assert.deepEqual(s.json.notes.map((n) => [n.sort, n.mine]), [['progress', false], ['support', true]]);
  const support = s.json.notes[1].id;
  // the partner cannot edit my goal, nor dismiss their own note
  assert.equal((await b.put(`/api/v1/goals/${id}`, { status: 'done' })).status, 403);
  assert.equal((await b.post(`/api/v1/goal-notes/${support}/dismiss`, {})).status, 403);
  assert.equal((await a.post(`/api/v1/goal-notes/${p.json.notes[0].id}/dismiss`, {})).status, 403);
  assert.equal((await a.post(`/api/v1/goal-notes/${support}/dismiss`, {})).status, 204);
  const mine = await a.get(`/api/v1/goals/${id}`);
  assert.deepEqual(mine.json.notes.map((n) => [n.note.slice(0, 11), n.dismissed]), [['first lesso', false], ['I can drive', true]]);
  const st = await a.put(`/api/v1/goals/${id}`, { status: 'done' });
  assert.equal(st.status, 200, st.text);
  assert.equal(st.json.status, 'done');
  // both partners' shared goals, side by side
  await b.post('/api/v1/goals', { statement: 'Run a half marathon', status: 'active', shared: true });
  const both = await a.get('/api/v1/goals?filter=shared');
  assert.deepEqual(both.json.items.map((x) => x.mine).sort(), [false, true]);
  // a private goal of mine takes no note from the partner
  const priv = await a.post('/api/v1/goals', { statement: 'secret plan', status: 'active' });
  assert.equal((await b.post(`/api/v1/goals/${priv.json.id}/notes`, { note: 'hi' })).status, 404);
  assert.equal((await a.post(`/api/v1/goals/${id}/notes`, { note: '' })).status, 400);
  assert.equal((await a.post(`/api/v1/goals/${id}/notes`, { words: 'x' })).status, 400);
});

test('interests are private until shared, and only their owner removes them', async () => {
  const i = await a.post('/api/v1/interests', { statement: 'Bouldering on Thursdays MARKER-tapir', with: 'others' });
  assert.equal(i.status, 201, i.text);
  assert.equal((await b.get(`/api/v1/interests/${i.json.id}`)).status, 404);
  assert.equal((await a.post(`/api/v1/interests/${i.json.id}/share`, {})).status, 200);
  const seen = await b.get(`/api/v1/interests/${i.json.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.mine, false);
  assert.equal((await b.del(`/api/v1/interests/${i.json.id}`)).status, 403);
  const e = await a.put(`/api/v1/interests/${i.json.id}`, { with: 'alone' });
  assert.equal(e.status, 200, e.text);
  assert.equal(e.json.with, 'alone');
});

test('the database file holds no plaintext of boundaries, goals, notes or interests', () => {
  for (const f of readdirSync(srv.data)) {
    if (!f.startsWith('dyad.db')) continue;
    const bytes = readFileSync(join(srv.data, f));
    for (const marker of ['MARKER', 'quoll', 'okapi', 'dugong', 'kakapo', 'tapir', 'cello', 'money after']) {
      assert.equal(bytes.includes(Buffer.from(marker)), false, `${f} holds ${marker}`);
    }
  }
});
