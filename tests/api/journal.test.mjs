// The journal over HTTP: mine unless I share it. The partner cannot see,
// list, edit, share or delete my private entries, and asking for one is the
// same 404 as asking for an id that does not exist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, couple, isErrorShape, BIN, PASS_A } from './helpers.mjs';

const MISSING = '01938a4e-1111-7000-8000-000000000000';

let srv;
let a;
let b;
let priv;
let shared;

before(async () => {
  srv = await startServer();
  ({ a, b } = await couple(srv.url));
  let r = await a.post('/api/v1/journal', { title: 'Just mine', text: 'A *private* thought.' });
  assert.equal(r.status, 201, r.text);
  priv = r.json;
  r = await a.post('/api/v1/journal', { title: 'For us', text: 'Something **we** share.', shared: true });
  assert.equal(r.status, 201, r.text);
  shared = r.json;
});

after(async () => {
  await srv.stop();
});

test('a new entry comes back whole, with its Markdown rendered', () => {
  assert.match(priv.id, /^[0-9a-f-]{36}$/);
  assert.equal(priv.author, 'Ana');
  assert.equal(priv.mine, true);
  assert.equal(priv.shared, false);
  assert.equal(priv.title, 'Just mine');
  assert.equal(priv.text, 'A *private* thought.');
  assert.equal(priv.html.trim(), '<p>A <em>private</em> thought.</p>');
  assert.match(priv.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(priv.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(shared.shared, true);
});

test('list items leave out the rendered HTML unless asked with html=1', async () => {
  const plain = await a.get('/api/v1/journal?filter=mine');
  assert.ok(plain.json.items.length > 0);
  for (const e of plain.json.items) assert.equal(e.html, undefined);
  const full = await a.get('/api/v1/journal?filter=mine&html=1');
  const p = full.json.items.find((e) => e.id === priv.id);
  assert.equal(p.html.trim(), '<p>A <em>private</em> thought.</p>');
  assert.equal((await a.get('/api/v1/journal?html=2')).status, 400);
});

test('the partner asking for my private entry gets the same 404 as for a missing id', async () => {
  const mineForThem = await b.get(`/api/v1/journal/${priv.id}`);
  const missing = await b.get(`/api/v1/journal/${MISSING}`);
  assert.equal(mineForThem.status, 404);
  assert.equal(missing.status, 404);
  assert.deepEqual(mineForThem.json, missing.json);
  assert.ok(isErrorShape(mineForThem.json));
  assert.equal(mineForThem.json.error.code, 'not_found');
  // also in upper case, and as a prefix: still nothing
  assert.equal((await b.get(`/api/v1/journal/${priv.id.toUpperCase()}`)).status, 404);
  assert.equal((await b.get(`/api/v1/journal/${priv.id.slice(0, 8)}`)).status, 404);
});

test('my private entry is not in the partner\'s list, my shared one is', async () => {
  for (const filter of ['all', 'shared', 'mine']) {
    const r = await b.get(`/api/v1/journal?filter=${filter}`);
    assert.equal(r.status, 200);
    const ids = r.json.items.map((e) => e.id);
    assert.ok(!ids.includes(priv.id), filter);
    assert.equal(ids.includes(shared.id), filter !== 'mine', filter);
  }
  const mine = await a.get('/api/v1/journal?filter=mine');
  assert.deepEqual(mine.json.items.map((e) => e.id).sort(), [priv.id, shared.id].sort());
  const seen = (await b.get(`/api/v1/journal/${shared.id}`)).json;
  assert.equal(seen.mine, false);
  assert.equal(seen.author, 'Ana');
  assert.equal(seen.text, shared.text);
});

test('the partner cannot edit, share, unshare or delete my private entry: 404 each time', async () => {
  const tries = [
    ['PUT', `/api/v1/journal/${priv.id}`, { text: 'overwritten' }],
    ['POST', `/api/v1/journal/${priv.id}/share`],
    ['POST', `/api/v1/journal/${priv.id}/unshare`],
    ['DELETE', `/api/v1/journal/${priv.id}`],
  ];
  for (const [method, path, body] of tries) {
    const r = await b.req(method, path, { body });
    assert.equal(r.status, 404, `${method} ${path}`);
    assert.equal(r.json.error.code, 'not_found');
  }
  const still = await a.get(`/api/v1/journal/${priv.id}`);
  assert.equal(still.status, 200);
  assert.equal(still.json.text, priv.text);
  assert.equal(still.json.shared, false);
});

test('the partner can read but not change my shared entry: 403', async () => {
  const tries = [
    ['PUT', `/api/v1/journal/${shared.id}`, { text: 'overwritten' }],
    ['POST', `/api/v1/journal/${shared.id}/unshare`],
    ['DELETE', `/api/v1/journal/${shared.id}`],
  ];
  for (const [method, path, body] of tries) {
    const r = await b.req(method, path, { body });
    assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
    assert.ok(isErrorShape(r.json));
  }
  const still = await a.get(`/api/v1/journal/${shared.id}`);
  assert.equal(still.json.text, shared.text);
  assert.equal(still.json.shared, true);
});

test('sharing and unsharing show and hide an entry for the partner', async () => {
  let r = await a.post(`/api/v1/journal/${priv.id}/share`);
  assert.equal(r.status, 200);
  assert.equal(r.json.shared, true);
  assert.equal((await b.get(`/api/v1/journal/${priv.id}`)).status, 200);
  r = await a.post(`/api/v1/journal/${priv.id}/unshare`);
  assert.equal(r.status, 200);
  assert.equal(r.json.shared, false);
  assert.equal((await b.get(`/api/v1/journal/${priv.id}`)).status, 404);
});

test('editing replaces title and text; leaving out the title keeps it', async () => {
  let r = await a.put(`/api/v1/journal/${priv.id}`, { title: 'Renamed', text: 'New words.' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.title, 'Renamed');
  assert.equal(r.json.text, 'New words.');
  r = await a.put(`/api/v1/journal/${priv.id}`, { text: 'Newer words.' });
  assert.equal(r.json.title, 'Renamed');
  assert.equal(r.json.text, 'Newer words.');
});

test('any text comes back exactly as written: quotes, backslashes, control characters, Unicode', async () => {
  let controls = '';
  for (let c = 1; c < 0x20; c++) controls += String.fromCharCode(c);
  const text = `"quoted" \\ back\\slash / ${controls} \u007f é 中文 😀 \u2028\u2029 </script> end`;
  const title = 't"i\\\\tle 😀 中文 </b>';
  const made = await a.post('/api/v1/journal', { title, text });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.text, text);
  assert.equal(made.json.title, title);
  const got = await a.get(`/api/v1/journal/${made.json.id}`);
  assert.equal(got.json.text, text);
  const listed = (await a.get('/api/v1/journal?filter=mine&limit=100')).json.items.find((e) => e.id === made.json.id);
  assert.equal(listed.text, text);
  assert.equal(listed.title, title);
  assert.equal((await a.del(`/api/v1/journal/${made.json.id}`)).status, 204);
});

test('an entry over HTTP is the core\'s one presentation, member for member the CLI\'s --json', async () => {
  const made = await a.post('/api/v1/journal', { title: 'Same "both" ways', text: 'é 😀 \u0001 <b>', shared: true });
  assert.equal(made.status, 201, made.text);
  const edited = await a.put(`/api/v1/journal/${made.json.id}`, { text: 'edited: é 😀 \u0001 <b>' });
  assert.equal(edited.status, 200, edited.text);
  // a response of the partner, so that the responses compared below are
  // not two empty lists
  const said = await b.post(`/api/v1/journal/${made.json.id}/responses`, { say: 'note', note: 'Thank you 😀 <b>' });
  assert.equal(said.status, 201, said.text);
  const listed = (await a.get('/api/v1/journal?filter=mine&limit=100')).json.items.find((e) => e.id === made.json.id);
  const cli = JSON.parse(execFileSync(BIN, ['--data', srv.data, '--as', 'Ana', 'journal', 'show', made.json.id, '--json'],
    { env: { ...process.env, DYAD_PASSPHRASE: PASS_A }, encoding: 'utf8' }));
  const { html, ...single } = edited.json;
  assert.match(html, /<p>edited: é 😀/);
  assert.equal(single.version, 2);
  // the same members in the same order, with the same values; show --json
  // has the responses after them, as GET /journal/{id}/responses answers
  const { responses, ...entry } = cli;
  assert.deepEqual(Object.entries(single), Object.entries(entry));
  assert.deepEqual(Object.entries(listed), Object.entries(entry));
  assert.deepEqual(Object.keys(cli).at(-1), 'responses');
  const answered = await a.get(`/api/v1/journal/${made.json.id}/responses`);
  assert.equal(answered.status, 200, answered.text);
  assert.deepEqual(responses, answered.json);
  assert.equal(responses.items.length, 1);
  assert.equal((await a.del(`/api/v1/journal/${made.json.id}`)).status, 204);
});

test('raw HTML and javascript: links in Markdown are not rendered', async () => {
  const r = await a.post('/api/v1/journal', {
    text: 'Hi <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))',
  });
  assert.equal(r.status, 201);
  assert.doesNotMatch(r.json.html, /<script|onerror|javascript:/i);
  assert.equal((await a.del(`/api/v1/journal/${r.json.id}`)).status, 204);
});

test('lists page by cursor: every entry once, newest first, and next is null at the end', async () => {
  // a space of its own, so that nothing another test wrote is counted
  const own = await startServer();
  try {
    const { a: x, b: y } = await couple(own.url);
    for (let i = 0; i < 25; i++) {
      assert.equal((await x.post('/api/v1/journal', { text: `entry ${i}`, shared: i % 5 === 0 })).status, 201);
    }
    const first = await x.get('/api/v1/journal?filter=mine');
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.items.length, 20);
    assert.equal(first.json.limit, 20);
    assert.equal(first.json.items[0].text, 'entry 24', 'newest first');
    assert.equal(typeof first.json.next, 'string');
    assert.equal('total' in first.json, false, 'no count of the whole journal');
    const rest = await x.get(`/api/v1/journal?filter=mine&limit=100&cursor=${encodeURIComponent(first.json.next)}`);
    assert.equal(rest.json.items.length, 5);
    assert.equal(rest.json.next, null);
    assert.equal(rest.json.items[4].text, 'entry 0');
    // small pages see each entry exactly once, in order
    const texts = [];
    let cursor = '';
    do {
      const page = await x.get(`/api/v1/journal?filter=mine&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(page.status, 200, page.text);
      texts.push(...page.json.items.map((e) => e.text));
      cursor = page.json.next;
    } while (cursor);
    assert.deepEqual(texts, Array.from({ length: 25 }, (_, i) => `entry ${24 - i}`));
    // the partner's view: only what was shared, by the "theirs" filter too
    const theirs = await y.get('/api/v1/journal?filter=theirs');
    assert.deepEqual(theirs.json.items.map((e) => e.text), ['entry 20', 'entry 15', 'entry 10', 'entry 5', 'entry 0']);
    assert.equal(theirs.json.next, null);
    for (const bad of ['limit=0', 'limit=101', 'limit=x', 'offset=-1', 'offset=20', 'filter=nobody', 'limit=1e3',
      'html=yes', 'cursor=12.x', `cursor=${'9'.repeat(80)}`]) {
      const r = await x.get(`/api/v1/journal?${bad}`);
      assert.equal(r.status, 400, bad);
      assert.equal(r.json.error.code, 'invalid');
    }
  } finally {
    await own.stop();
  }
});

async function allIds(who) {
  const ids = [];
  let cursor = '';
  do {
    const page = await who.get(`/api/v1/journal?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(page.status, 200, page.text);
    ids.push(...page.json.items.map((e) => e.id));
    cursor = page.json.next;
  } while (cursor);
  return ids;
}

test('bad entries are 400 and change nothing', async () => {
  const before = await allIds(a);
  const bad = [{}, { text: '' }, { text: 5 }, { text: 'x', title: 'x'.repeat(501) }, { text: 'x', shared: 'yes' }, [], 'text', null];
  for (const body of bad) {
    const r = await a.post('/api/v1/journal', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.ok(isErrorShape(r.json));
  }
  assert.deepEqual(await allIds(a), before);
});

test('ids that are not whole UUIDs are 404, like missing ones', async () => {
  for (const id of ['x', priv.id.slice(0, 35), `${priv.id}0`, '..', '%00']) {
    const r = await a.get(`/api/v1/journal/${id}`);
    assert.equal(r.status, 404, id);
  }
});

test('deleting removes the entry; deleting it again is 404', async () => {
  const r = await a.post('/api/v1/journal', { text: 'short-lived' });
  assert.equal((await a.del(`/api/v1/journal/${r.json.id}`)).status, 204);
  assert.equal((await a.get(`/api/v1/journal/${r.json.id}`)).status, 404);
  assert.equal((await a.del(`/api/v1/journal/${r.json.id}`)).status, 404);
});

test('an invitation gives a code and a /join link; a full space cannot invite', async () => {
  const r = await a.post('/api/v1/invites');
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'full');
});

test('leaving needs my passphrase, then ends my session and my account', async () => {
  let r = await b.post('/api/v1/me/leave', { passphrase: 'not mine' });
  assert.equal(r.status, 401);
  assert.equal((await b.get('/api/v1/session')).status, 200);
  r = await b.post('/api/v1/me/leave', { passphrase: 'ben passphrase 2' });
  assert.equal(r.status, 204, r.text);
  assert.match(r.headers.get('set-cookie'), /Max-Age=0/);
  assert.equal((await b.get('/api/v1/session')).status, 401);
  const who = await a.get('/api/v1/session');
  assert.equal(who.json.partner, null);
  assert.equal(who.json.space.members, 1);
  assert.equal((await a.get(`/api/v1/journal/${priv.id}`)).status, 200, 'Ana keeps her own entries');
});
