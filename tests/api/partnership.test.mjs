// Partners come and go over HTTP: after Ben leaves, Ana is told (the
// space's partner_left) and what she had shared with Ben is private again;
// Kim, who joins next, reads nothing shared before; Ana still reads all of
// hers. The space can be renamed, and the notice put away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, couple, Client, isErrorShape } from './helpers.mjs';

let srv;
let a;
let b;
let priv;
let sharedWithBen;
let bens;

before(async () => {
  srv = await startServer();
  ({ a, b } = await couple(srv.url));
  let r = await a.post('/api/v1/journal', { text: 'Ana, private, before.' });
  assert.equal(r.status, 201, r.text);
  priv = r.json;
  r = await a.post('/api/v1/journal', { text: 'Ana, shared with Ben.', shared: true });
  sharedWithBen = r.json;
  r = await b.post('/api/v1/journal', { text: 'Ben, shared with Ana.', shared: true });
  bens = r.json;
  assert.equal((await b.get(`/api/v1/journal/${sharedWithBen.id}`)).status, 200);
});

after(async () => {
  await srv.stop();
});

test('Ben leaves: Ana, still logged in, is told and her shared entries are private again', async () => {
  assert.equal((await b.post('/api/v1/me/leave', { passphrase: 'ben passphrase 2' })).status, 204);
  const who = await a.get('/api/v1/session');
  assert.equal(who.status, 200);
  assert.equal(who.json.partner, null);
  assert.equal(who.json.space.partner_left.name, 'Ben');
  assert.match(who.json.space.partner_left.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const shared = await a.get('/api/v1/journal?filter=shared');
  assert.deepEqual(shared.json.items, []);
  const mine = await a.get('/api/v1/journal?filter=mine');
  assert.deepEqual(mine.json.items.map((e) => e.id).sort(), [priv.id, sharedWithBen.id].sort());
  assert.equal((await a.get(`/api/v1/journal/${sharedWithBen.id}`)).json.shared, false);
  assert.equal((await a.get(`/api/v1/journal/${bens.id}`)).status, 404, "Ben's entry left with him");
});

test('Kim joins and reads nothing shared before; what Ana shares now, Kim reads', async () => {
  const inv = await a.post('/api/v1/invites');
  assert.equal(inv.status, 201, inv.text);
  const k = new Client(srv.url);
  const j = await k.post('/api/v1/join', { code: inv.json.code, name: 'Kim', passphrase: 'kim passphrase 3' });
  assert.equal(j.status, 201, j.text);
  for (const filter of ['all', 'shared', 'theirs']) {
    const r = await k.get(`/api/v1/journal?filter=${filter}`);
    assert.deepEqual(r.json.items, [], filter);
  }
  assert.equal((await k.get(`/api/v1/journal/${sharedWithBen.id}`)).status, 404);
  assert.equal((await k.get(`/api/v1/journal/${priv.id}`)).status, 404);
  const now = await a.post('/api/v1/journal', { text: 'Ana, shared with Kim.', shared: true });
  assert.equal(now.status, 201);
  const seen = await k.get(`/api/v1/journal/${now.json.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.text, 'Ana, shared with Kim.');
  const who = await a.get('/api/v1/session');
  assert.equal(who.json.partner.name, 'Kim');
  assert.equal(who.json.space.partner_left, undefined, 'the notice goes when someone joins');
  const mine = await a.get('/api/v1/journal?filter=mine');
  assert.equal(mine.json.items.length, 3, 'Ana still reads all of hers');
});

test('the space is renamed with the rules of setup; a bad name changes nothing', async () => {
  let r = await a.put('/api/v1/space', { label: 'Home' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.label, 'Home');
  for (const label of ['', 'two\nlines', 'x'.repeat(101)]) {
    r = await a.put('/api/v1/space', { label });
    assert.equal(r.status, 400, JSON.stringify(label));
    assert.ok(isErrorShape(r.json));
  }
  assert.equal((await a.get('/api/v1/session')).json.space.label, 'Home');
  const anon = new Client(srv.url);
  assert.equal((await anon.put('/api/v1/space', { label: 'Theirs' })).status, 401);
  assert.equal((await anon.del('/api/v1/space/notice')).status, 401);
  assert.equal((await a.put('/api/v1/space', { label: 'No token' }, { csrf: false })).status, 403);
});

test('the notice that a partner left can be put away', async () => {
  const s2 = await startServer();
  try {
    const { a: x, b: y } = await couple(s2.url);
    assert.equal((await y.post('/api/v1/me/leave', { passphrase: 'ben passphrase 2' })).status, 204);
    assert.equal((await x.get('/api/v1/session')).json.space.partner_left.name, 'Ben');
    const r = await x.del('/api/v1/space/notice');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.partner_left, undefined);
    assert.equal((await x.get('/api/v1/session')).json.space.partner_left, undefined);
  } finally {
    await s2.stop();
  }
});
