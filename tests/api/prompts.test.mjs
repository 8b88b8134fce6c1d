// Prompts of the day and entries written from them, with mood, feeling
// words and tags: the library is data/prompts.json, the prompt of the day
// is stable for a local day and is each person's own, and bad extras are
// refused with nothing changed. All of it stays inside the encrypted entry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, couple, Client, isErrorShape, ROOT, PASS_A, PASS_B } from './helpers.mjs';

// 2026-03-10T12:00:00Z
const NOW = 1773144000;
const DAY = 86400;

let srv;
let a;
let b;

before(async () => {
  srv = await startServer({ clock: true });
  srv.clock.set(NOW);
  ({ a, b } = await couple(srv.url));
});

after(async () => {
  await srv.stop();
});

// Sessions end when the clock jumps days ahead: each partner signs in
// again at the new time.
async function at(t) {
  srv.clock.set(t);
  a = new Client(srv.url);
  b = new Client(srv.url);
  assert.equal((await a.post('/api/v1/session', { name: 'Ana', passphrase: PASS_A })).status, 200);
  assert.equal((await b.post('/api/v1/session', { name: 'Ben', passphrase: PASS_B })).status, 200);
}

async function count(client) {
  const r = await client.get('/api/v1/journal?filter=mine&limit=100');
  assert.equal(r.status, 200);
  return r.json.items.length;
}

test('the prompt library is data/prompts.json, by theme', async () => {
  const r = await a.get('/api/v1/prompts');
  assert.equal(r.status, 200);
  const file = JSON.parse(readFileSync(join(ROOT, 'data', 'prompts.json'), 'utf8'));
  assert.deepEqual(r.json.themes.map((t) => t.id), file.themes.map((t) => t.id));
  const got = r.json.themes.flatMap((t) => t.prompts.map((p) => [p.id, p.theme, p.text]));
  assert.deepEqual(got.sort(), file.prompts.map((p) => [p.id, p.theme, p.text]).sort());
  assert.ok(got.length >= 60);
});

test('the prompt of the day stays the same all day and changes over the days', async () => {
  srv.clock.set(NOW);
  const first = await a.get('/api/v1/prompts/today?tz=UTC');
  assert.equal(first.status, 200);
  assert.equal(first.json.date, '2026-03-10');
  srv.clock.set(NOW + 11 * 3600);  // 23:00 the same day
  const later = await a.get('/api/v1/prompts/today?tz=UTC');
  assert.equal(later.json.id, first.json.id);
  const ids = new Set();
  for (let d = 0; d < 7; d++) {
    await at(NOW + d * DAY);
    const r = await a.get('/api/v1/prompts/today?tz=UTC');
    assert.equal(r.status, 200);
    ids.add(r.json.id);
  }
  assert.ok(ids.size > 1, 'a week of one prompt');
  await at(NOW);
});

test('the day is the person\'s own: past midnight in Tokyo it is already tomorrow\'s prompt', async () => {
  srv.clock.set(NOW + 10 * 3600);  // 22:00 UTC = 07:00 the next day in Tokyo
  const utc = await a.get('/api/v1/prompts/today?tz=UTC');
  const tokyo = await a.get('/api/v1/prompts/today?tz=Asia/Tokyo');
  assert.equal(utc.json.date, '2026-03-10');
  assert.equal(tokyo.json.date, '2026-03-11');
  await at(NOW + DAY);
  const tomorrow = await a.get('/api/v1/prompts/today?tz=UTC');
  assert.equal(tokyo.json.id, tomorrow.json.id);
  assert.equal((await a.get('/api/v1/prompts/today?tz=Not/AZone')).status, 400);
  await at(NOW);
});

test('each partner has a prompt of their own', async () => {
  let differ = 0;
  for (let d = 0; d < 7; d++) {
    await at(NOW + d * DAY);
    const pa = await a.get('/api/v1/prompts/today?tz=UTC');
    const pb = await b.get('/api/v1/prompts/today?tz=UTC');
    // an error answer has no id, and two of them would count as the same
    assert.equal(pa.status, 200, pa.text);
    assert.equal(pb.status, 200, pb.text);
    assert.ok(pa.json.id && pb.json.id);
    if (pa.json.id !== pb.json.id) differ++;
  }
  assert.ok(differ >= 5, `the partners had the same prompt on ${7 - differ} of 7 days`);
  await at(NOW);
});

test('the logged-out reach neither the prompts nor the prompt of the day', async () => {
  const anon = new Client(srv.url);
  assert.equal((await anon.get('/api/v1/prompts')).status, 401);
  assert.equal((await anon.get('/api/v1/prompts/today')).status, 401);
});

test('an entry written from a prompt keeps its prompt, mood, feelings and tags', async () => {
  const today = (await a.get('/api/v1/prompts/today?tz=UTC')).json;
  const r = await a.post('/api/v1/journal', {
    text: 'What I noticed.', prompt: today.id, mood: 4, feelings: ['peaceful', 'hopeful'],
    tags: ['Work', ' work ', 'Straße'],
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.prompt, today.id);
  assert.equal(r.json.mood, 4);
  assert.deepEqual(r.json.feelings, ['peaceful', 'hopeful']);
  assert.deepEqual(r.json.tags, ['work', 'strasse']);
  const g = await a.get(`/api/v1/journal/${r.json.id}`);
  assert.equal(g.json.prompt, today.id);
  assert.deepEqual(g.json.tags, ['work', 'strasse']);
});

for (const [what, body, re] of [
  ['a prompt id that does not exist', { prompt: 'feelings-99' }, /no prompt "feelings-99"/],
  ['a prompt that is not text', { prompt: 7 }, /prompt must be text/],
  ['a mood of 6', { mood: 6 }, /mood must be a whole number from 1 to 5/],
  ['a mood of 0', { mood: 0 }, /mood must be a whole number from 1 to 5/],
  ['a mood of 2.5', { mood: 2.5 }, /mood must be a whole number from 1 to 5/],
  ['a feeling word not in the vocabulary', { feelings: ['grumpy-ish'] }, /not one of dyad's feeling words/],
  ['a tag of 41 bytes', { tags: ['x'.repeat(41)] }, /at most 40 bytes/],
  ['eleven tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, /at most 10 tags/],
  ['an empty tag', { tags: ['  '] }, /tag is empty/],
]) {
  test(`${what} is refused with a clear message, and nothing is written`, async () => {
    const before = await count(a);
    const r = await a.post('/api/v1/journal', { text: 'Should not be kept.', ...body });
    assert.equal(r.status, 400, r.text);
    assert.ok(isErrorShape(r.json));
    assert.match(r.json.error.message, re);
    assert.equal(await count(a), before);
  });
}

test('the database file holds no plaintext of tags or feeling words', async () => {
  const r = await a.post('/api/v1/journal', { text: 'Tagged.', tags: ['zanzibarquokka'], feelings: ['homesick'] });
  assert.equal(r.status, 201);
  for (const f of readdirSync(srv.data)) {
    if (!f.startsWith('dyad.db')) continue;
    const bytes = readFileSync(join(srv.data, f));
    for (const marker of ['zanzibarquokka', 'homesick', 'What I noticed']) {
      assert.equal(bytes.includes(Buffer.from(marker)), false, `${f} holds ${marker}`);
    }
  }
});
