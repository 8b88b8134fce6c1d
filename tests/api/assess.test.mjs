// Questionnaires, takings and results over HTTP: a taking is started,
// answered an item at a time, resumed and finished; an answer out of the
// scale is 400 and changes nothing; results carry the change between the
// last two takings; a taking is its owner's alone (the partner gets the
// same 404 as for a missing one on every taking route); the partner sees
// results only once sharing is on, never answers; the logged-out get 401
// everywhere; deleting a taking removes answers and result; a bad
// questionnaire is refused naming the problem and nothing is imported;
// the database file holds no plaintext of a taking.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, couple, isErrorShape, ROOT } from './helpers.mjs';

const CHECK = JSON.parse(readFileSync(join(ROOT, 'data', 'instruments', 'differentiation-check.json'), 'utf8'));
const ID = CHECK.id;
const TOP = CHECK.scale.min + CHECK.scale.max;
// the answer to item i whose score after reverse-keying is k
const keyed = (i, k) => (CHECK.items[i].reverse ? TOP - k : k);

async function takeAll(c, k) {
  const s = await c.post('/api/v1/takings', { instrument: ID });
  assert.ok(s.status === 201 || s.status === 200, s.text);
  for (let i = 0; i < s.json.items; i++) {
    const r = await c.post(`/api/v1/takings/${s.json.id}/answers`, { item: i, value: keyed(i, k) });
    assert.equal(r.status, 200, r.text);
  }
  const f = await c.post(`/api/v1/takings/${s.json.id}/finish`);
  assert.equal(f.status, 201, f.text);
  return f.json;
}

describe('questionnaires, takings and results', () => {
  let srv, a, b;
  const missing = '00000000-0000-4000-8000-000000000000';

  before(async () => {
    srv = await startServer();
    ({ a, b } = await couple(srv.url));
  });

  after(async () => {
    await srv.stop();
  });

  test('the differentiation check is listed and served with its items and scale', async () => {
    const l = await a.get('/api/v1/instruments');
    assert.equal(l.status, 200);
    assert.equal(l.json.items[0].id, ID);
    assert.equal(l.json.items[0].items, 28);
    const q = await a.get(`/api/v1/instruments/${ID}`);
    assert.equal(q.status, 200);
    assert.equal(q.json.items.length, 28);
    assert.deepEqual(q.json.scale.labels, CHECK.scale.labels);
    assert.equal(q.json.facets.length, 4);
    const none = await a.get('/api/v1/instruments/no-such-thing');
    assert.equal(none.status, 404);
    assert.ok(isErrorShape(none.json));
  });

  test('a taking is saved as it goes and resumed by the next start', async () => {
    const s = await a.post('/api/v1/takings', { instrument: ID });
    assert.equal(s.status, 201, s.text);
    assert.equal(s.json.answered, 0);
    const r = await a.post(`/api/v1/takings/${s.json.id}/answers`, { item: 0, value: 5 });
    assert.equal(r.status, 200);
    assert.equal(r.json.answered, 1);
    assert.equal(r.json.next, 1);
    const again = await a.post('/api/v1/takings', {});
    assert.equal(again.status, 200);
    assert.equal(again.json.id, s.json.id);
    assert.equal(again.json.answers[0], 5);
    assert.equal(again.json.answers[1], null);
    const early = await a.post(`/api/v1/takings/${s.json.id}/finish`);
    assert.equal(early.status, 400);
    assert.match(early.json.error.message, /Item 2 is not answered yet/);
  });

  test('an answer out of the scale, or a bad body, is 400 and changes nothing', async () => {
    const s = await a.post('/api/v1/takings', { instrument: ID });
    for (const body of [{ item: 1, value: 7 }, { item: 1, value: 0 }, { item: 1, value: -1 }, { item: 28, value: 3 },
      { item: -1, value: 3 }, { item: 1, value: '3' }, { item: 1 }, { item: 1, value: 3, note: 'x' }, []]) {
      const r = await a.post(`/api/v1/takings/${s.json.id}/answers`, body);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.ok(isErrorShape(r.json));
    }
    const t = await a.get(`/api/v1/takings/${s.json.id}`);
    assert.equal(t.json.answered, 1);
    assert.equal(t.json.answers[1], null);
  });

  test('finished takings give results and the change between the last two', async () => {
    await takeAll(a, 3);
    await takeAll(a, 4);
    const r = await a.get('/api/v1/results');
    assert.equal(r.status, 200);
    assert.equal(r.json.takings.length, 2);
    assert.equal(r.json.takings[0].overall, 3);
    assert.equal(r.json.takings[1].overall, 4);
    assert.equal(r.json.change.overall.verdict, 'improvement');
    // overall sd .60, r .90: S_diff = sqrt(2) * .6 * sqrt(.1)
    assert.ok(Math.abs(r.json.change.overall.rci - 1 / (Math.SQRT2 * 0.6 * Math.sqrt(0.1))) < 1e-9);
    assert.equal(r.json.change.words, 'Overall: +1.00, a reliable improvement.');
    assert.equal(r.json.sharing, false);
    assert.equal(r.json.unfinished, null);
    // the next taking is suggested three months after the latest
    assert.equal(r.json.due.due, false);
    assert.equal(r.json.due.every_months, 3);
    assert.equal(Date.parse(r.json.due.next_at) - Date.parse(r.json.due.last_at), 3 * 2629746 * 1000);
  });

  test('my taking is mine alone: the partner gets 404 like a missing one on every taking route', async () => {
    const s = await a.post('/api/v1/takings', { instrument: ID });
    assert.equal(s.status, 201);
    const id = s.json.id;
    for (const [method, path, body] of [['GET', `/api/v1/takings/${id}`], ['DELETE', `/api/v1/takings/${id}`],
      ['POST', `/api/v1/takings/${id}/answers`, { item: 0, value: 3 }], ['POST', `/api/v1/takings/${id}/finish`]]) {
      const r = await b.req(method, path, body ? { body } : {});
      const m = await b.req(method, path.replace(id, missing), body ? { body } : {});
      assert.equal(r.status, 404, `${method} ${path}`);
      assert.deepEqual(r.json, m.json, 'the same words as for a missing taking');
    }
    const t = await a.get(`/api/v1/takings/${id}`);
    assert.equal(t.json.answered, 0, 'the partner changed nothing');
  });

  test('results reach the partner only once sharing is on, never the answers', async () => {
    let r = await b.get('/api/v1/results?filter=theirs');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.takings, []);
    const on = await a.post('/api/v1/results/share');
    assert.equal(on.status, 200);
    assert.deepEqual(on.json, { sharing: true, changed: 2 });
    r = await b.get('/api/v1/results?filter=theirs');
    assert.equal(r.json.takings.length, 2);
    assert.equal(r.json.change.overall.verdict, 'improvement');
    assert.ok(!('unfinished' in r.json));
    assert.ok(!r.text.includes('answers'));
    // Ben's own results stay empty; he cannot delete Ana's
    assert.deepEqual((await b.get('/api/v1/results')).json.takings, []);
    const del = await b.del(`/api/v1/takings/${r.json.takings[0].id}`);
    assert.equal(del.status, 403);
    const off = await a.post('/api/v1/results/unshare');
    assert.deepEqual(off.json, { sharing: false, changed: 2 });
    r = await b.get('/api/v1/results?filter=theirs');
    assert.deepEqual(r.json.takings, []);
    assert.equal((await b.get('/api/v1/results?filter=everyone')).status, 400);
  });

  test('deleting a taking by its result id removes answers and result', async () => {
    const before = await a.get('/api/v1/results');
    const rid = before.json.takings[0].id;
    const d = await a.del(`/api/v1/takings/${rid}`);
    assert.equal(d.status, 204, d.text);
    const after = await a.get('/api/v1/results');
    assert.equal(after.json.takings.length, 1);
    assert.equal((await a.del(`/api/v1/takings/${rid}`)).status, 404);
    const exp = await a.get('/api/v1/me/export');
    const kinds = exp.json.records.map((x) => x.kind);
    assert.equal(kinds.filter((k) => k === 'assessment_result').length, 1);
    // one finished taking and one unfinished one are left
    assert.equal(kinds.filter((k) => k === 'assessment').length, 2);
  });

  test('a bad questionnaire is refused naming the problem; a good one is imported for me alone', async () => {
    const bad = structuredClone(CHECK);
    bad.id = 'our-check';
    bad.items[3].facet = 'calmness';
    let r = await a.post('/api/v1/instruments', bad);
    assert.equal(r.status, 400);
    assert.match(r.json.error.message, /items\[3\]\.facet/);
    r = await a.post('/api/v1/instruments', CHECK);
    assert.equal(r.status, 409);
    assert.equal((await a.get('/api/v1/instruments')).json.items.length, 1, 'nothing imported');
    const good = structuredClone(CHECK);
    good.id = 'our-check';
    r = await a.post('/api/v1/instruments', good);
    assert.equal(r.status, 201, r.text);
    assert.equal((await a.get('/api/v1/instruments')).json.items.length, 2);
    assert.equal((await a.get('/api/v1/instruments/our-check')).status, 200);
    assert.equal((await b.get('/api/v1/instruments/our-check')).status, 404);
  });

  test('the logged-out get 401 on every route', async () => {
    const anon = new Client(srv.url);
    for (const [method, path] of [['GET', '/api/v1/instruments'], ['POST', '/api/v1/instruments'],
      ['GET', `/api/v1/instruments/${ID}`], ['POST', '/api/v1/takings'], ['GET', `/api/v1/takings/${missing}`],
      ['POST', `/api/v1/takings/${missing}/answers`], ['POST', `/api/v1/takings/${missing}/finish`],
      ['DELETE', `/api/v1/takings/${missing}`], ['GET', '/api/v1/results'], ['POST', '/api/v1/results/share'],
      ['POST', '/api/v1/results/unshare']]) {
      const r = await anon.req(method, path, method === 'POST' ? { body: {} } : {});
      assert.equal(r.status, 401, `${method} ${path}`);
      assert.ok(isErrorShape(r.json));
    }
  });

  test('the database file holds no plaintext of a taking', async () => {
    for (const f of readdirSync(srv.data).filter((n) => n.startsWith('dyad.db'))) {
      const bytes = readFileSync(join(srv.data, f));
      for (const s of [ID, '"answers"', 'reactivity', 'our-check']) assert.ok(!bytes.includes(s), `${f}: ${s}`);
    }
  });
});
