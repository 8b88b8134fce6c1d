// PUT /api/v1/practice/{id} and /api/v1/reactions/{id}: correcting a
// session's length (as people type it) or a reaction's intensity and
// note; a null removes an optional field; bad changes are 400 and change
// nothing; my partner cannot change mine, shared or not: 404 with the same
// words as a missing record; the logged-out get 401.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, couple, isErrorShape, Client } from './helpers.mjs';

const MISSING = '01938a4e-1111-7000-8000-000000000000';

describe('editing sessions and reactions', () => {
  let srv, a, b;

  before(async () => {
    srv = await startServer();
    ({ a, b } = await couple(srv.url));
  });

  after(async () => {
    await srv.stop();
  });

  test('a session\'s length and note are corrected; null removes the note; the rest stays', async () => {
    const made = await a.post('/api/v1/practice', { practice: 'yoga', duration: '10m', note: 'calm' });
    assert.equal(made.status, 201, made.text);
    const r = await a.put(`/api/v1/practice/${made.json.id}`, { duration: '25m', note: 'calm, then EDITED-kestrel' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.seconds, 1500);
    assert.equal(r.json.note, 'calm, then EDITED-kestrel');
    assert.equal(r.json.practice, 'yoga');
    assert.equal(r.json.at, made.json.at);
    assert.equal(r.json.version, 2);
    const gone = await a.put(`/api/v1/practice/${made.json.id}`, { note: null });
    assert.equal(gone.status, 200, gone.text);
    assert.equal(gone.json.note, undefined);
    assert.equal((await a.get(`/api/v1/practice/${made.json.id}`)).json.seconds, 1500);
  });

  test('a reaction\'s intensity and need are corrected', async () => {
    const made = await a.post('/api/v1/reactions', { happened: 'the dishes again', intensity: 8, paused: false });
    assert.equal(made.status, 201, made.text);
    const r = await a.put(`/api/v1/reactions/${made.json.id}`, { intensity: 5, need: 'a slower evening', paused: true });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.intensity, 5);
    assert.equal(r.json.need, 'a slower evening');
    assert.equal(r.json.paused, true);
    assert.equal(r.json.happened, 'the dishes again');
  });

  test('bad changes are 400 in the error shape and change nothing', async () => {
    const s = (await a.post('/api/v1/practice', { practice: 'walking', duration: '40m' })).json;
    const rx = (await a.post('/api/v1/reactions', { happened: 'late train', intensity: 3, paused: false })).json;
    for (const [path, body] of [
      [`/api/v1/practice/${s.id}`, { duration: '25h' }],
      [`/api/v1/practice/${s.id}`, { duration: '10m', seconds: 600 }],
      [`/api/v1/practice/${s.id}`, { seconds: -5 }],
      [`/api/v1/practice/${s.id}`, { practice: null }],
      [`/api/v1/practice/${s.id}`, { mood: 3 }],
      [`/api/v1/practice/${s.id}`, { shared: true }],
      [`/api/v1/practice/${s.id}`, {}],
      [`/api/v1/practice/${s.id}`, []],
      [`/api/v1/reactions/${rx.id}`, { intensity: 11 }],
      [`/api/v1/reactions/${rx.id}`, { feelings: ['notaword'] }],
      [`/api/v1/reactions/${rx.id}`, { happened: '' }],
    ]) {
      const r = await a.put(path, body);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.ok(isErrorShape(r.json));
    }
    const s2 = (await a.get(`/api/v1/practice/${s.id}`)).json;
    assert.equal(s2.seconds, 2400);
    assert.equal(s2.version, 1);
    const rx2 = (await a.get(`/api/v1/reactions/${rx.id}`)).json;
    assert.equal(rx2.intensity, 3);
    assert.equal(rx2.version, 1);
  });

  test('my partner cannot change mine, shared or not: 404 with the words of a missing one', async () => {
    for (const [base, body, change] of [
      ['/api/v1/practice', { practice: 'yoga', duration: '10m' }, { duration: '1m' }],
      ['/api/v1/reactions', { happened: 'a cold remark', intensity: 6, paused: false }, { intensity: 0 }],
    ]) {
      const priv = (await a.post(base, body)).json;
      const shared = (await a.post(base, { ...body, shared: true })).json;
      const missing = await b.put(`${base}/${MISSING}`, change);
      assert.equal(missing.status, 404);
      for (const id of [priv.id, shared.id]) {
        const r = await b.put(`${base}/${id}`, change);
        assert.equal(r.status, 404, `${base} ${r.text}`);
        assert.deepEqual(r.json, missing.json, 'the same words as for a missing record');
        assert.equal((await a.get(`${base}/${id}`)).json.version, 1, 'unchanged');
      }
      const anon = await new Client(srv.url).req('PUT', `${base}/${priv.id}`, { body: change });
      assert.equal(anon.status, 401);
    }
  });

  test('what an edit wrote is not in the database files in plaintext', async () => {
    for (const f of readdirSync(srv.data).filter((n) => n.startsWith('dyad.db'))) {
      assert.ok(!readFileSync(join(srv.data, f)).includes('EDITED-kestrel'), f);
    }
  });
});
