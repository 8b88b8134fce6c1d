// The balance pulse and the balance map over HTTP: a pulse is private
// until shared, the partner's private pulse reads as a missing one (404,
// same words) for every route, the logged-out get 401, bad scores are 400
// and store nothing, the map carries the partner's path only once shared,
// and notes are not in the database file in plaintext.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, couple, isErrorShape } from './helpers.mjs';

describe('pulses and the balance map', () => {
  let srv, a, b;

  before(async () => {
    srv = await startServer();
    ({ a, b } = await couple(srv.url));
  });

  after(async () => {
    await srv.stop();
  });

  test('a pulse is saved privately and answered as an item', async () => {
    const r = await a.post('/api/v1/pulses', { connection: 7, self: 4, closeness_now: 5, closeness_wish: 6, note: 'a tender week, marigold' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.kind, 'pulse');
    assert.equal(r.json.connection, 7);
    assert.equal(r.json.self, 4);
    assert.equal(r.json.closeness_wish, 6);
    assert.equal(r.json.shared, false);
    assert.equal(r.json.mine, true);
  });

  test('the balance says whether this week\'s pulse is given and the closeness gap of my pulses with both pictures, and none of my partner\'s', async () => {
    // from no pulses of Ana's: what other tests left goes first
    for (const it of (await a.get('/api/v1/pulses?filter=mine&limit=100')).json.items) {
      assert.equal((await a.req('DELETE', `/api/v1/pulses/${it.id}`)).status, 204);
    }
    const fresh = await a.get('/api/v1/balance?tz=UTC');
    assert.equal(fresh.json.closeness, null);
    // no pulse this week yet; the week is from Monday, in the zone asked for
    assert.equal(fresh.json.week.given, false);
    assert.match(fresh.json.week.from, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(new Date(`${fresh.json.week.from}T00:00:00Z`).getUTCDay(), 1);
    const made = [];
    const pulse = async (body) => {
      const r = await a.post('/api/v1/pulses', body);
      assert.equal(r.status, 201, r.text);
      made.push(r.json.id);
      return r;
    };
    await pulse({ connection: 7, self: 4, closeness_now: 5, closeness_wish: 6 });
    let bal = await a.get('/api/v1/balance');
    assert.equal(bal.status, 200, bal.text);
    assert.equal(bal.json.week.given, true, 'this week\'s pulse is given');
    assert.equal((await b.get('/api/v1/balance')).json.week.given, false, 'Ana\'s pulse is not Ben\'s');
    const badZone = await a.get('/api/v1/balance?tz=Not/AZone');
    assert.equal(badZone.status, 400, badZone.text);
    assert.deepEqual(bal.json.closeness, { pictures: 1, now: 5, wish: 6, gap: 1, mean_gap: 1,
      words: 'You would like to be closer: now 5 of 7, wished 6.' });
    // a pulse without the wish leaves the gap as it was
    await pulse({ connection: 5, self: 5, closeness_now: 2 });
    assert.equal((await a.get('/api/v1/balance')).json.closeness.pictures, 1);
    await pulse({ connection: 5, self: 5, closeness_now: 6, closeness_wish: 4, shared: true });
    bal = await a.get('/api/v1/balance');
    assert.equal(bal.json.closeness.gap, -2);
    assert.equal(bal.json.closeness.words,
      'You would like a little more room: now 6 of 7, wished 4. Over your last 2 pictures the gap averaged -0.5.');
    // Ben has no pictures of his own; Ana's shared pulse does not make his gap
    assert.equal((await b.get('/api/v1/balance')).json.closeness, null);
    for (const id of made) assert.equal((await a.req('DELETE', `/api/v1/pulses/${id}`)).status, 204);
  });

  test('bad pulses are 400 in the error shape and store nothing', async () => {
    const before = (await a.get('/api/v1/pulses?limit=100')).json.items.length;
    for (const body of [{ connection: 11, self: 3 }, { connection: -1, self: 3 }, { connection: 5 },
      { connection: 5, self: 5, closeness_now: 8 }, { connection: '5', self: 5 }, { connection: 5, self: 5, mood: 3 },
      { connection: 5, self: 5, shared: 'yes' }, { connection: 5, self: 5, note: 'x'.repeat(1001) }, []]) {
      const r = await a.post('/api/v1/pulses', body);
      // over a size limit is 413, as for every field of every kind
      assert.equal(r.status, body.note ? 413 : 400, `${JSON.stringify(body).slice(0, 60)}: ${r.text}`);
      assert.ok(isErrorShape(r.json));
    }
    assert.equal((await a.get('/api/v1/pulses?limit=100')).json.items.length, before);
  });

  test('the partner cannot see, share or delete my private pulse: 404 like a missing one', async () => {
    const mine = await a.post('/api/v1/pulses', { connection: 3, self: 8 });
    const id = mine.json.id;
    const missing = '00000000-0000-4000-8000-000000000000';
    const theirs = await b.get('/api/v1/pulses?filter=theirs');
    assert.equal(theirs.status, 200);
    assert.deepEqual(theirs.json.items, []);
    for (const [method, path] of [['DELETE', `/api/v1/pulses/${id}`], ['POST', `/api/v1/pulses/${id}/share`],
      ['POST', `/api/v1/pulses/${id}/unshare`]]) {
      const r = await b.req(method, path);
      const m = await b.req(method, path.replace(id, missing));
      assert.equal(r.status, 404, path);
      assert.deepEqual(r.json, m.json, 'the same words as for a missing pulse');
    }
    const bal = await b.get('/api/v1/balance');
    assert.equal(bal.json.partner_count, 0);
    assert.ok(!bal.json.map.includes('Ana'), 'no trace of Ana on Ben\'s map');
  });

  test('a shared pulse reaches the partner and their map; unsharing takes it back', async () => {
    const p = await a.post('/api/v1/pulses', { connection: 6, self: 6, shared: true });
    assert.equal(p.status, 201);
    assert.equal(p.json.shared, true);
    let theirs = await b.get('/api/v1/pulses?filter=theirs');
    assert.deepEqual(theirs.json.items.map((i) => i.id), [p.json.id]);
    assert.equal(theirs.json.items[0].mine, false);
    let bal = await b.get('/api/v1/balance');
    assert.equal(bal.json.partner_count, 1);
    assert.match(bal.json.map, /Ana/);
    // the partner may not delete it
    const del = await b.req('DELETE', `/api/v1/pulses/${p.json.id}`);
    assert.ok(del.status === 403 || del.status === 404, `${del.status}`);
    const un = await a.post(`/api/v1/pulses/${p.json.id}/unshare`);
    assert.equal(un.status, 200);
    assert.equal(un.json.shared, false);
    theirs = await b.get('/api/v1/pulses?filter=theirs');
    assert.deepEqual(theirs.json.items, []);
    bal = await b.get('/api/v1/balance');
    assert.equal(bal.json.partner_count, 0);
  });

  test('the balance answers region, trend and the map', async () => {
    const c = new Client(srv.url);
    // a fresh view of Ben's own: four low, four higher
    for (const connection of [3, 4, 3, 4, 6, 5, 6, 7]) {
      assert.equal((await b.post('/api/v1/pulses', { connection, self: 6 })).status, 201);
    }
    const r = await b.get('/api/v1/balance');
    assert.equal(r.status, 200);
    assert.equal(r.json.count, 8);
    assert.equal(r.json.region, 'connected');
    assert.deepEqual(r.json.latest, { connection: 7, self: 6 });
    assert.equal(r.json.trend.connection, 2.5);
    assert.equal(r.json.trend.self, 0);
    assert.match(r.json.trend.words, /closer/);
    assert.match(r.json.map, /^<svg /);
    assert.match(r.json.map, /role="img"/);
    const anon = await c.get('/api/v1/balance');
    assert.equal(anon.status, 401);
  });

  test('the logged-out get 401 on every pulse route', async () => {
    const anon = new Client(srv.url);
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, path] of [['GET', '/api/v1/pulses'], ['POST', '/api/v1/pulses'], ['DELETE', `/api/v1/pulses/${id}`],
      ['POST', `/api/v1/pulses/${id}/share`], ['POST', `/api/v1/pulses/${id}/unshare`], ['GET', '/api/v1/balance']]) {
      const r = await anon.req(method, path, method === 'POST' ? { body: { connection: 1, self: 1 } } : {});
      assert.equal(r.status, 401, `${method} ${path}`);
      assert.ok(isErrorShape(r.json));
    }
  });

  test('notes are not in the database file in plaintext', async () => {
    for (const f of readdirSync(srv.data).filter((n) => n.startsWith('dyad.db'))) {
      assert.ok(!readFileSync(join(srv.data, f)).includes('marigold'), f);
    }
  });
});
