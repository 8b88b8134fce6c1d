// Removing an agreement over HTTP: DELETE /api/v1/checkin/agreements/{id}
// is for its author alone. The partner, who reads it and marks it done,
// gets 403 as for every shared record of someone else's, and nothing
// changes; the logged-out get 401; what is no agreement, or one removed
// already, is 404. The done marks on it, both partners', go with it; the
// others stay as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, couple, isErrorShape, Client } from './helpers.mjs';

const MISSING = '01938a4e-3333-7000-8000-000000000000';

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

/* A check-in under way, with Ana's agreements typo and kept, and Ben's
 * his; each marked done by both; an agenda item of Ana's opened at it. */
async function talk() {
  // on its own: a check-in another test left under way is ended first
  const cur = await a.get('/api/v1/checkin/current');
  if (cur.status === 200) assert.equal((await a.post(`/api/v1/checkin/sessions/${cur.json.id}/end`, {})).status, 200);
  const item = await a.post('/api/v1/checkin/items', { topic: 'other', statement: 'Our Saturdays' });
  assert.equal(item.status, 201, item.text);
  const started = await a.post('/api/v1/checkin/start', {});
  assert.equal(started.status, 201, started.text);
  const id = started.json.id;
  const agree = async (c, what, who) => {
    const r = await c.post(`/api/v1/checkin/sessions/${id}/agreements`, { what, who });
    assert.equal(r.status, 201, r.text);
    return r.json.agreement.id;
  };
  const typo = await agree(a, 'MARKER-TYPO-narwhal Book the plumbr', 'both');
  const kept = await agree(a, 'Walk on Sundays', 'both');
  const bens = await agree(b, 'Fix the gate', 'me');
  for (const c of [a, b]) {
    for (const g of [typo, kept, bens]) {
      const r = await c.post(`/api/v1/checkin/agreements/${g}/done`, {});
      assert.equal(r.status, 200, r.text);
    }
  }
  return { checkin: id, item: item.json.id, typo, kept, bens };
}

const agreements = async (c) => (await c.get('/api/v1/checkin/agreements')).json.agreements;
const view = async (c) => (await agreements(c)).map((x) => [x.what, x.done_by.map((m) => m.name)]);

test('only its author removes an agreement: the partner gets 403, the logged-out 401, and nothing changes', async () => {
  const t = await talk();
  const before = [await view(a), await view(b)];
  assert.equal(before[0].length, 3);

  const theirs = await b.req('DELETE', `/api/v1/checkin/agreements/${t.typo}`);
  assert.equal(theirs.status, 403, theirs.text);
  assert.ok(isErrorShape(theirs.json), theirs.text);
  assert.match(theirs.json.error.message, /Ana's/);
  const mine = await a.req('DELETE', `/api/v1/checkin/agreements/${t.bens}`);
  assert.equal(mine.status, 403, mine.text);
  assert.match(mine.json.error.message, /Ben's/);

  const anon = new Client(srv.url);
  const out = await anon.req('DELETE', `/api/v1/checkin/agreements/${t.typo}`);
  assert.equal(out.status, 401, out.text);
  assert.equal(out.text.includes('narwhal'), false);
  // nor does a request without the CSRF token
  const noCsrf = await a.req('DELETE', `/api/v1/checkin/agreements/${t.typo}`, { csrf: false });
  assert.equal(noCsrf.status, 403, noCsrf.text);
  assert.equal(noCsrf.json.error.code, 'csrf');

  assert.deepEqual([await view(a), await view(b)], before, 'nothing changed');
  assert.equal((await a.post(`/api/v1/checkin/sessions/${t.checkin}/end`, {})).status, 200);
});

test('the author removes it after the check-in has ended: both partners\' marks go with it, the rest stays', async () => {
  const t = await talk();
  assert.equal((await b.post(`/api/v1/checkin/sessions/${t.checkin}/end`, {})).status, 200);
  const others = (await agreements(a)).filter((x) => x.id !== t.typo);

  const r = await a.req('DELETE', `/api/v1/checkin/agreements/${t.typo}`);
  assert.equal(r.status, 204, r.text);
  assert.equal(r.text, '');
  for (const c of [a, b]) {
    const now = await agreements(c);
    assert.equal(now.some((x) => x.id === t.typo), false);
    assert.deepEqual(now.map((x) => x.id), others.map((x) => x.id));
    // the marks of the others stand, both partners'
    for (const x of now.filter((y) => y.id === t.kept || y.id === t.bens)) {
      assert.deepEqual(x.done_by.map((m) => m.name).sort(), ['Ana', 'Ben'], x.what);
    }
    const hist = (await c.get('/api/v1/checkin/history')).json.checkins.find((x) => x.id === t.checkin);
    assert.deepEqual(hist.agreements.map((x) => x.id).sort(), [t.kept, t.bens].sort());
    assert.equal(JSON.stringify(hist).includes('narwhal'), false);
    // marking or unmarking the removed one finds nothing
    const m = await c.post(`/api/v1/checkin/agreements/${t.typo}/done`, {});
    assert.equal(m.status, 404, m.text);
  }
  // a second time it is missing
  const again = await a.req('DELETE', `/api/v1/checkin/agreements/${t.typo}`);
  assert.equal(again.status, 404, again.text);
  assert.ok(isErrorShape(again.json));
  // Ben removes his own, in the check-in Ana started
  assert.equal((await b.req('DELETE', `/api/v1/checkin/agreements/${t.bens}`)).status, 204);
  assert.deepEqual((await agreements(a)).filter((x) => [t.typo, t.kept, t.bens].includes(x.id)).map((x) => x.id), [t.kept]);
});

test('what is no agreement is 404 and changes nothing: a missing id, a check-in, an agenda item, a malformed id', async () => {
  const t = await talk();
  const before = await view(a);
  const missing = await b.req('DELETE', `/api/v1/checkin/agreements/${MISSING}`);
  assert.equal(missing.status, 404, missing.text);
  for (const id of [t.checkin, t.item, 'nope', 'x'.repeat(36)]) {
    for (const c of [a, b]) {
      const r = await c.req('DELETE', `/api/v1/checkin/agreements/${id}`);
      assert.equal(r.status, 404, `${id}: ${r.text}`);
      assert.deepEqual(r.json, missing.json, id);
    }
  }
  assert.equal((await a.get(`/api/v1/checkin/items/${t.item}`)).status, 200, 'the item is still there');
  assert.equal((await a.get('/api/v1/checkin/current')).json.id, t.checkin, 'the check-in too');
  assert.deepEqual(await view(a), before);
  assert.equal((await a.post(`/api/v1/checkin/sessions/${t.checkin}/end`, {})).status, 200);
});

test('the database file holds no plaintext of a removed agreement', () => {
  for (const f of readdirSync(srv.data)) {
    if (!f.startsWith('dyad.db')) continue;
    const bytes = readFileSync(join(srv.data, f));
    for (const marker of ['MARKER', 'narwhal', 'plumbr']) {
      assert.equal(bytes.includes(Buffer.from(marker)), false, `${f} holds ${marker}`);
    }
  }
});
