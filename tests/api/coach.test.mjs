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

  test('one\'s own voice, kind absolutes, quoted speech and invitations find nothing', async () => {
    for (const text of ['You always make me laugh.', 'My boss said "you never finish anything".',
      'You should come with us, it\'ll be fun.', '']) {
      const r = await a.post('/api/v1/coach', { text });
      assert.equal(r.status, 200, text);
      assert.deepEqual(r.json, { findings: [], clean: false, parts: [] }, text);
    }
    const own = await a.post('/api/v1/coach', { text: 'I feel lonely when we eat in silence.' });
    assert.deepEqual(own.json, { findings: [], clean: false, parts: ['feeling', 'situation'] });
  });

  test('sarcasm, a character attack and a should are found, each with its own advice', async () => {
    const r = await a.post('/api/v1/coach', { text: 'Yeah, right. You\'re so selfish. You ought to apologise.' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.findings.map((f) => [f.kind, f.text]),
      [['sarcasm', 'Yeah, right'], ['character_attack', 'You\'re so selfish'], ['should', 'You ought']]);
    assert.equal(new Set(r.json.findings.map((f) => f.advice)).size, 3);
    assert.equal(r.json.clean, false);
  });

  test('a clean I-statement is called clean, with its four parts and a note', async () => {
    const text = 'I felt hurt when my news was ignored at dinner, because it matters to me to be heard. Could we put phones away while we eat?';
    const r = await a.post('/api/v1/coach', { text });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.findings, []);
    assert.equal(r.json.clean, true);
    assert.deepEqual(r.json.parts, ['feeling', 'situation', 'need', 'request']);
    assert.match(r.json.note, /^A clean I-statement/);
  });

  test('the four parts build a statement, with what is found in it', async () => {
    const r = await b.post('/api/v1/coach/statement', { feel: 'sad', when: 'you never call', need: 'to hear from you', ask: 'call at lunch?' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.statement, 'I feel sad when you never call, because I need to hear from you. Would you be willing to call at lunch?');
    assert.deepEqual(r.json.findings.map((f) => f.kind), ['absolute']);
    assert.equal(r.json.clean, false);
    const kind = await b.post('/api/v1/coach/statement', { feel: 'lonely', when: 'we eat in silence', need: 'connection', ask: 'talk with me at dinner' });
    assert.equal(kind.status, 200, kind.text);
    assert.equal(kind.json.clean, true);
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
