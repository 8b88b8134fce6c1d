// GET /api/v1/limits publishes the sizes the server accepts, without a
// session, and they are the sizes it really enforces: a value at each
// published maximum is accepted and one byte more is refused.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, isErrorShape } from './helpers.mjs';

// The core's limits (src/core/dyad.h) and the list page maximum.
const EXPECTED = {
  name: { min: 1, max: 64 },
  label: { min: 0, max: 100 },
  passphrase: { min: 8, max: 1024 },
  page: { min: 1, max: 100 },
  journal: { title: { min: 0, max: 500 }, text: { min: 1, max: 1048576 } },
};

async function limitsOf(url) {
  const r = await new Client(url).get('/api/v1/limits');
  assert.equal(r.status, 200, r.text);
  return r.json;
}

describe('the published limits', () => {
  let srv;

  before(async () => {
    srv = await startServer();
  });

  after(async () => {
    await srv.stop();
  });

  test('the limits answer without a session, as JSON, with the core\'s numbers', async () => {
    const r = await new Client(srv.url).get('/api/v1/limits');
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(r.json, EXPECTED);
  });

  test('a stale or forged session cookie does not stop the limits from answering', async () => {
    const r = await new Client(srv.url).get('/api/v1/limits', { cookie: 'dyad_session=not.a-session' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, EXPECTED);
  });

  test('the limits route takes GET and HEAD only', async () => {
    const anon = new Client(srv.url);
    const head = await anon.req('HEAD', '/api/v1/limits');
    assert.equal(head.status, 200);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const r = await anon.req(method, '/api/v1/limits');
      assert.equal(r.status, 405, method);
      assert.equal(r.headers.get('allow'), 'GET', method);
    }
  });

  test('a name, label or passphrase one byte past its published range is refused and makes no space', async () => {
    const lim = await limitsOf(srv.url);
    const anon = new Client(srv.url);
    const ok = { label: 'l'.repeat(lim.label.max), name: 'n'.repeat(lim.name.max), passphrase: 'p'.repeat(lim.passphrase.min) };
    const past = [
      { ...ok, name: 'n'.repeat(lim.name.max + 1) },
      { ...ok, name: 'n'.repeat(lim.name.min - 1) },
      { ...ok, label: 'l'.repeat(lim.label.max + 1) },
      { ...ok, passphrase: 'p'.repeat(lim.passphrase.max + 1) },
      { ...ok, passphrase: 'p'.repeat(lim.passphrase.min - 1) },
    ];
    for (const body of past) {
      const r = await anon.post('/api/v1/space', body);
      assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${r.text}`);
      assert.ok(isErrorShape(r.json), r.text);
    }
    const setup = await anon.get('/api/v1/setup');
    assert.deepEqual(setup.json, { space: false, members: 0 });
  });
});

describe('the limits are the ones the server enforces', () => {
  let srv;
  let lim;
  let owner;
  // the label in two-byte letters: the limits count bytes, not characters
  let label;
  let name;

  before(async () => {
    srv = await startServer();
    lim = await limitsOf(srv.url);
    label = 'é'.repeat(lim.label.max / 2);
    name = 'n'.repeat(lim.name.max);
    owner = new Client(srv.url);
    const r = await owner.post('/api/v1/space', { label, name, passphrase: 'p'.repeat(lim.passphrase.min) });
    assert.equal(r.status, 201, r.text);
  });

  after(async () => {
    await srv.stop();
  });

  test('a space whose name and label are exactly at the maxima keeps them whole', async () => {
    const r = await owner.get('/api/v1/session');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.space.label, label);
    assert.equal(r.json.me.name, name);
  });

  test('a journal title at the published maximum is kept; one byte more is refused', async () => {
    const title = 'é'.repeat(lim.journal.title.max / 2);
    let r = await owner.post('/api/v1/journal', { title, text: 'x'.repeat(lim.journal.text.min) });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.title, title);
    r = await owner.post('/api/v1/journal', { title: `${title}x`, text: 'x' });
    assert.equal(r.status, 400, r.text);
    assert.ok(isErrorShape(r.json), r.text);
    r = await owner.post('/api/v1/journal', { text: 'x'.repeat(lim.journal.text.min - 1) });
    assert.equal(r.status, 400, r.text);
  });

  test('a journal page of the published maximum is answered; one more is refused', async () => {
    let r = await owner.get(`/api/v1/journal?filter=all&limit=${lim.page.max}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.limit, lim.page.max);
    r = await owner.get(`/api/v1/journal?filter=all&limit=${lim.page.max + 1}`);
    assert.equal(r.status, 400, r.text);
    r = await owner.get(`/api/v1/journal?filter=all&limit=${lim.page.min - 1}`);
    assert.equal(r.status, 400, r.text);
  });
});
