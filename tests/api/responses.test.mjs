// Quiet responses to a partner's shared entry over HTTP: only the partner
// answers, never on an entry they cannot see (the same 404 as a missing
// one), the author sees the responses under the entry and on Today's list,
// they go when the entry is unshared, the logged-out read nothing, and the
// database holds no plaintext of a note.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, couple, Client, isErrorShape } from './helpers.mjs';

const MISSING = '01938a4e-1111-7000-8000-000000000000';

let srv;
let a;
let b;
let shared;
let priv;

before(async () => {
  srv = await startServer();
  ({ a, b } = await couple(srv.url));
  let r = await a.post('/api/v1/journal', { title: 'For us', text: 'Something I wanted you to know.', shared: true });
  assert.equal(r.status, 201);
  shared = r.json;
  r = await a.post('/api/v1/journal', { title: 'Mine', text: 'Just for me.' });
  assert.equal(r.status, 201);
  priv = r.json;
});

after(async () => {
  await srv.stop();
});

test('the partner says they read it and thanks; the author sees both under the entry, and on the recent list', async () => {
  let r = await b.post(`/api/v1/journal/${shared.id}/responses`, { say: 'read' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.kind, 'journal_response');
  assert.equal(r.json.parent_id, shared.id);
  assert.equal(r.json.say, 'read');
  assert.equal(r.json.mine, true);
  r = await b.post(`/api/v1/journal/${shared.id}/responses`, { say: 'note', note: 'This meant a lot.' });
  assert.equal(r.status, 201, r.text);
  const list = await a.get(`/api/v1/journal/${shared.id}/responses`);
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.items.map((x) => [x.author, x.say, x.note, x.mine]),
    [['Ben', 'read', undefined, false], ['Ben', 'note', 'This meant a lot.', false]]);
  const recent = await a.get('/api/v1/responses');
  assert.equal(recent.status, 200);
  assert.equal(recent.json.items.length, 2);
  assert.equal(recent.json.items[0].entry.id, shared.id);
  assert.equal(recent.json.items[0].entry.title, 'For us');
  assert.equal((await b.get('/api/v1/responses')).json.items.length, 0, 'my own responses are not news to me');
  const entry = await a.get(`/api/v1/journal/${shared.id}`);
  assert.equal(entry.json.version, 1, 'a response never edits the entry');
});

test('the partner responding to my private entry gets the same 404 as for a missing one', async () => {
  const mine = await b.post(`/api/v1/journal/${priv.id}/responses`, { say: 'read' });
  const missing = await b.post(`/api/v1/journal/${MISSING}/responses`, { say: 'read' });
  assert.equal(mine.status, 404);
  assert.deepEqual(mine.json, missing.json);
  const list = await b.get(`/api/v1/journal/${priv.id}/responses`);
  assert.equal(list.status, 404);
  assert.deepEqual(list.json, (await b.get(`/api/v1/journal/${MISSING}/responses`)).json);
  assert.equal((await b.post('/api/v1/journal/not-an-id/responses', { say: 'read' })).status, 404);
});

test('the author cannot respond to their own entry, and a response says read, thanks or a note', async () => {
  const own = await a.post(`/api/v1/journal/${shared.id}/responses`, { say: 'thanks' });
  assert.equal(own.status, 403);
  assert.ok(isErrorShape(own.json));
  for (const [body, re] of [
    [{ say: 'love' }, /read, thanks or note/],
    [{ say: 'note' }, /note is empty/],
    [{ say: 'read', note: 'extra' }, /Only a note/],
    [{ say: 'note', note: 'x'.repeat(1001) }, /note/],
    [{}, /say/],
  ]) {
    const r = await b.post(`/api/v1/journal/${shared.id}/responses`, body);
    assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 60)}: ${r.text}`);
    assert.match(r.json.error.message, re);
  }
  assert.equal((await a.get(`/api/v1/journal/${shared.id}/responses`)).json.items.length, 2, 'nothing was added');
});

test('the logged-out read no responses and write none', async () => {
  const anon = new Client(srv.url);
  assert.equal((await anon.get(`/api/v1/journal/${shared.id}/responses`)).status, 401);
  assert.equal((await anon.get('/api/v1/responses')).status, 401);
  assert.equal((await anon.post(`/api/v1/journal/${shared.id}/responses`, { say: 'read' })).status, 401);
});

test('the partner takes a response back; the author cannot delete it', async () => {
  const r = await b.post(`/api/v1/journal/${shared.id}/responses`, { say: 'thanks' });
  assert.equal(r.status, 201);
  assert.equal((await a.del(`/api/v1/responses/${r.json.id}`)).status, 403);
  assert.equal((await b.del(`/api/v1/responses/${r.json.id}`)).status, 204);
  assert.equal((await b.del(`/api/v1/responses/${r.json.id}`)).status, 404);
});

test('the database file holds no plaintext of a note', () => {
  for (const f of readdirSync(srv.data)) {
    if (!f.startsWith('dyad.db')) continue;
    const bytes = readFileSync(join(srv.data, f));
    assert.equal(bytes.includes(Buffer.from('This meant a lot')), false, `${f} holds the note`);
  }
});

test('responses go when the author stops sharing the entry', async () => {
  assert.equal((await a.post(`/api/v1/journal/${shared.id}/unshare`)).status, 200);
  assert.equal((await b.get(`/api/v1/journal/${shared.id}/responses`)).status, 404);
  assert.equal((await a.get(`/api/v1/journal/${shared.id}/responses`)).json.items.length, 0);
  assert.equal((await a.get('/api/v1/responses')).json.items.length, 0);
  assert.equal((await a.get('/api/v1/responses?days=0')).status, 400);
  assert.equal((await a.get('/api/v1/responses?days=91')).status, 400);
});
