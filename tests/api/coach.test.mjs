// The I-statement coach over HTTP: findings with kind, advice and place,
// the statement builder, refusals, and that it needs a session and a CSRF
// token and stores nothing.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, couple, isErrorShape } from './helpers.mjs';

describe('the coach', () => {
  let srv, a, b;

  before(async () => {
    srv = await startServer();
    ({ a, b } = await couple(srv.url));
  });

  after(async () => {
    await srv.stop();
  });

  test('blame and an absolute are found with advice and their byte place', async () => {
    const text = 'Café first. You always ruin everything.';
    const r = await a.post('/api/v1/coach', { text });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.findings.map((f) => f.kind), ['blame', 'absolute']);
    const bytes = Buffer.from(text, 'utf8');
    for (const f of r.json.findings) {
      assert.equal(bytes.subarray(f.start, f.end).toString('utf8'), f.text);
      assert.ok(f.advice.length > 20);
    }
    assert.equal(r.json.findings[0].text, 'You always ruin');
  });

  test('one\'s own voice, kind absolutes and quoted speech find nothing', async () => {
    for (const text of ['I feel lonely when we eat in silence.', 'You always make me laugh.',
      'My boss said "you never finish anything".', '']) {
      const r = await a.post('/api/v1/coach', { text });
      assert.equal(r.status, 200, text);
      assert.deepEqual(r.json, { findings: [] }, text);
    }
  });

  test('the four parts build a statement, with what is found in it', async () => {
    const r = await b.post('/api/v1/coach/statement', { feel: 'sad', when: 'you never call', need: 'to hear from you', ask: 'call at lunch?' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.statement, 'I feel sad when you never call, because I need to hear from you. Would you be willing to call at lunch?');
    assert.deepEqual(r.json.findings.map((f) => f.kind), ['absolute']);
  });

  test('bad input is a 400 in the error shape', async () => {
    const cases = [
      ['/api/v1/coach', {}],
      ['/api/v1/coach', { text: 42 }],
      ['/api/v1/coach', { text: 'x'.repeat(20 * 1024 + 1) }],
      ['/api/v1/coach', { text: 'you\u0000never' }],
      ['/api/v1/coach/statement', { feel: 'sad', when: 'now', need: 'rest' }],
      ['/api/v1/coach/statement', { feel: 'sad', when: '   ', need: 'rest', ask: 'x' }],
      ['/api/v1/coach/statement', { feel: 'sad', when: 'now\nand then', need: 'rest', ask: 'x' }],
      ['/api/v1/coach/statement', { feel: 's\u0000ad', when: 'now', need: 'rest', ask: 'x' }],
      ['/api/v1/coach/statement', { feel: 'x'.repeat(501), when: 'now', need: 'rest', ask: 'x' }],
    ];
    for (const [path, body] of cases) {
      const r = await a.post(path, body);
      assert.equal(r.status, 400, `${path} ${JSON.stringify(body).slice(0, 60)}: ${r.text}`);
      assert.ok(isErrorShape(r.json));
    }
    const blank = await a.post('/api/v1/coach/statement', { feel: 'sad', when: '   ', need: 'rest', ask: 'x' });
    assert.equal(blank.json.error.message, 'Say when you feel it.');
  });

  test('the logged-out get 401 and a missing CSRF token 403', async () => {
    const anon = new Client(srv.url);
    for (const path of ['/api/v1/coach', '/api/v1/coach/statement']) {
      const r = await anon.post(path, { text: 'You idiot.' });
      assert.equal(r.status, 401, path);
      assert.ok(isErrorShape(r.json));
      const noCsrf = await a.req('POST', path, { body: { text: 'You idiot.' }, csrf: false });
      assert.equal(noCsrf.status, 403, path);
    }
  });

  test('the coach stores nothing: the export is the same before and after', async () => {
    const before = await a.get('/api/v1/me/export');
    assert.equal(before.status, 200);
    assert.ok(Array.isArray(before.json.records));
    await a.post('/api/v1/coach', { text: 'A secret thought I only want coached.' });
    const after = await a.get('/api/v1/me/export');
    assert.deepEqual(after.json.records, before.json.records);
  });
});
