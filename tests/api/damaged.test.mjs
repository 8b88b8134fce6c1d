// A list or a search leaves out a record whose stored copy no longer
// decrypts (the database file damaged there), answers the others, and says
// how many it left out in "damaged": the journal's list and search, and
// the item lists (boundaries and needs, goals, interests, practice,
// reactions). The partner's count covers only what they could see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, couple } from './helpers.mjs';

let server;
let a;
let b;

before(async () => {
  server = await startServer();
  ({ a, b } = await couple(server.url));
});
after(async () => { await server.stop(); });

/* Damage record id's stored body in place: a whole, wrong ciphertext. */
function damage(id) {
  const changed = execFileSync('sqlite3', [join(server.data, 'dyad.db'),
    `UPDATE record SET body = zeroblob(80) WHERE id = '${id}'; SELECT changes();`]);
  assert.equal(String(changed).trim(), '1', `damaging ${id}`);
}

async function made(who, path, body) {
  const r = await who.post(path, body);
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function page(who, path) {
  const r = await who.get(path);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('the journal list and the search leave a damaged entry out and count it, for whoever could see it', async () => {
  const keep = await made(a, '/api/v1/journal', { text: 'Lighthouse walk, still here' });
  const priv = await made(a, '/api/v1/journal', { text: 'Lighthouse walk, only mine' });
  const shared = await made(a, '/api/v1/journal', { text: 'Lighthouse walk, for us both', shared: true });
  let p = await page(a, '/api/v1/journal');
  assert.equal(p.damaged, 0, 'nothing damaged yet');
  assert.equal((await page(a, '/api/v1/search?q=lighthouse')).damaged, 0);

  damage(priv);
  p = await page(a, '/api/v1/journal');
  assert.deepEqual(p.items.map((e) => e.id).sort(), [keep, shared].sort());
  assert.equal(p.damaged, 1);
  let s = await page(a, '/api/v1/search?q=lighthouse');
  assert.deepEqual(s.hits.map((h) => h.id).sort(), [keep, shared].sort());
  assert.equal(s.total, 2);
  assert.equal(s.damaged, 1);
  // Ben could never see the private one: nothing to count
  assert.equal((await page(b, '/api/v1/journal')).damaged, 0);
  assert.equal((await page(b, '/api/v1/search?q=lighthouse')).damaged, 0);

  damage(shared);
  p = await page(a, '/api/v1/journal');
  assert.deepEqual(p.items.map((e) => e.id), [keep]);
  assert.equal(p.damaged, 2);
  s = await page(a, '/api/v1/search?q=lighthouse');
  assert.equal(s.damaged, 2);
  p = await page(b, '/api/v1/journal?filter=theirs');
  assert.deepEqual(p.items, []);
  assert.equal(p.damaged, 1);
  s = await page(b, '/api/v1/search?q=lighthouse');
  assert.deepEqual(s.hits, []);
  assert.equal(s.damaged, 1);
});

test('a page counts only the damaged entries among its own', async () => {
  const own = await startServer();
  try {
    const c = await couple(own.url);
    const ids = [];
    for (let i = 0; i < 4; i++) {
      const r = await c.a.post('/api/v1/journal', { text: `entry ${i}` });
      assert.equal(r.status, 201, r.text);
      ids.push(r.json.id);
    }
    // newest first: pages [3, 2] and [1, 0]; entry 0 damaged is on page two
    const changed = execFileSync('sqlite3', [join(own.data, 'dyad.db'),
      `UPDATE record SET body = zeroblob(80) WHERE id = '${ids[0]}'; SELECT changes();`]);
    assert.equal(String(changed).trim(), '1');
    const one = await c.a.get('/api/v1/journal?limit=2');
    assert.equal(one.status, 200, one.text);
    assert.equal(one.json.damaged, 0);
    assert.ok(one.json.next, 'a second page');
    const two = await c.a.get(`/api/v1/journal?limit=2&cursor=${encodeURIComponent(one.json.next)}`);
    assert.equal(two.status, 200, two.text);
    assert.deepEqual(two.json.items.map((e) => e.text), ['entry 1']);
    assert.equal(two.json.damaged, 1);
  } finally {
    await own.stop();
  }
});

test('every item list leaves a damaged record out and counts it', async () => {
  const lists = [
    ['/api/v1/boundaries', { statement: 'An hour alone on Saturdays', form: 'need', area: 'time', shared: true },
      { statement: 'Quiet after ten', form: 'limit', area: 'time', shared: true }],
    ['/api/v1/goals', { statement: 'Learn to sail', status: 'active', shared: true },
      { statement: 'Read more', status: 'active', shared: true }],
    ['/api/v1/interests', { statement: 'Birdwatching', shared: true }, { statement: 'Pottery', shared: true }],
    ['/api/v1/practice', { practice: 'yoga', duration: '10m', shared: true },
      { practice: 'walking', duration: '20m', shared: true }],
    ['/api/v1/reactions', { happened: 'the dishes again', intensity: 6, paused: false, shared: true },
      { happened: 'a late train', intensity: 3, paused: true, shared: true }],
  ];
  for (const [path, bad, good] of lists) {
    const badId = await made(a, path, bad);
    const goodId = await made(a, path, good);
    assert.equal((await page(a, path)).damaged, 0, `${path}: nothing damaged yet`);
    damage(badId);
    for (const [who, filter] of [[a, ''], [b, '?filter=all']]) {
      const p = await page(who, path + filter);
      assert.deepEqual(p.items.map((x) => x.id), [goodId], path);
      assert.equal(p.damaged, 1, `${path}: the damaged one counted`);
    }
  }
});
