// The practice log and the reactivity log over HTTP: sessions and
// reactions are mine unless I share them (the partner's private one is the
// same 404 as a missing one, and the logged-out get 401), bad input is
// refused with a clear message and changes nothing, stats count days in
// the zone the browser sends (?tz=) on the server's test clock, and the
// database file holds none of what was written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, couple, isErrorShape, Client, ROOT } from './helpers.mjs';

const MISSING = '01938a4e-1111-7000-8000-000000000000';
// Wed 2026-03-04 12:00 UTC
const NOW = Date.UTC(2026, 2, 4, 12) / 1000;
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

async function countMine(client, path) {
  const r = await client.get(`${path}?filter=mine&limit=100`);
  assert.equal(r.status, 200, r.text);
  return r.json.items.length;
}

test('a session is logged with a duration as people type it, private by default', async () => {
  const r = await a.post('/api/v1/practice', { practice: 'meditation', duration: '1h30m', note: 'MARKER-NOTE-quoll' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.seconds, 5400);
  assert.equal(r.json.practice, 'meditation');
  assert.equal(r.json.shared, false);
  assert.equal(r.json.at, NOW, 'at defaults to the server\'s now');
  const got = await a.get(`/api/v1/practice/${r.json.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.note, 'MARKER-NOTE-quoll');
});

test('bad sessions are refused with a clear message and change nothing', async () => {
  const before = await countMine(a, '/api/v1/practice');
  const cases = [
    [{ practice: 'yoga', duration: '-5m' }, /Give a duration like 90s, 10m or 1h30m/],
    [{ practice: 'yoga', duration: '0' }, /Give a duration/],
    [{ practice: 'yoga', duration: '25h' }, /at most 24 hours/],
    [{ practice: 'yoga', duration: '10x' }, /"x" is not a unit/],
    [{ practice: 'yoga', seconds: 0 }, /from 1 to 86400/],
    [{ practice: 'yoga', seconds: 90000 }, /from 1 to 86400/],
    [{ practice: 'yoga', seconds: 60, duration: '1m' }, /not both/],
    [{ practice: 'yoga/<b>', seconds: 60 }, /letters, digits/],
    [{ practice: 'x'.repeat(41), seconds: 60 }, /longer than 40 bytes/],
    [{ seconds: 60 }, /practice is missing/],
    [{ practice: 'yoga', seconds: 60, mood: 3 }, /no field "mood"/],
    [{ practice: 'yoga', seconds: 60, shared: 'yes' }, /shared must be true or false/],
    [{ practice: 'yoga', seconds: 60, note: 'n'.repeat(2001) }, /longer than/],
  ];
  for (const [body, says] of cases) {
    const r = await a.post('/api/v1/practice', body);
    assert.equal(r.status >= 400 && r.status < 500, true, `${JSON.stringify(body).slice(0, 80)}: ${r.status}`);
    assert.ok(isErrorShape(r.json), r.text);
    assert.match(r.json.error.message, says, JSON.stringify(body).slice(0, 80));
  }
  assert.equal(await countMine(a, '/api/v1/practice'), before);
});

test('bad reactions are refused: intensity 11, an unknown feeling word, a missing field', async () => {
  const before = await countMine(a, '/api/v1/reactions');
  const ok = { happened: 'x', intensity: 5, paused: false };
  const cases = [
    [{ ...ok, intensity: 11 }, /intensity must be a whole number from 0 to 10/],
    [{ ...ok, intensity: -1 }, /from 0 to 10/],
    [{ ...ok, feelings: ['grumpy'] }, /"grumpy" is not one of dyad's feeling words/],
    [{ ...ok, happened: '' }, /happened is empty/],
    [{ intensity: 5, paused: true }, /happened is missing/],
    [{ ...ok, paused: 'yes' }, /paused must be true or false/],
    [{ ...ok, triggers: ['a', 'b', 'c', 'd', 'e', 'f'] }, /0 to 5 items/],
    [{ ...ok, happened: 'h'.repeat(4001) }, /longer than/],
  ];
  for (const [body, says] of cases) {
    const r = await a.post('/api/v1/reactions', body);
    assert.equal(r.status, r.status === 413 ? 413 : 400, `${JSON.stringify(body).slice(0, 60)}: ${r.status} ${r.text}`);
    assert.match(r.json.error.message, says);
  }
  assert.equal(await countMine(a, '/api/v1/reactions'), before);
});

test('the partner and the logged-out cannot reach my private session or reaction', async () => {
  const s = (await a.post('/api/v1/practice', { practice: 'yoga', seconds: 600 })).json;
  const r = (await a.post('/api/v1/reactions', {
    happened: 'MARKER-HAPPENED-okapi', intensity: 7, paused: false, feelings: ['hurt'], urge: 'MARKER-URGE-dugong',
  })).json;
  for (const [path, id] of [['/api/v1/practice', s.id], ['/api/v1/reactions', r.id]]) {
    const missing = await b.get(`${path}/${MISSING}`);
    const theirs = await b.get(`${path}/${id}`);
    assert.equal(theirs.status, 404);
    assert.deepEqual(theirs.json, missing.json, 'a private one reads exactly as a missing one');
    assert.equal((await b.del(`${path}/${id}`)).status, 404);
    assert.equal((await b.post(`${path}/${id}/share`)).status, 404);
    const list = await b.get(`${path}?limit=100`);
    assert.ok(!list.json.items.some((x) => x.id === id));
    const anon = new Client(srv.url);
    assert.equal((await anon.get(`${path}/${id}`)).status, 401);
    assert.equal((await anon.get(path)).status, 401);
    assert.equal((await anon.get(`/api/v1/stats/${path.split("/").pop()}`)).status, 401);
  }
  // shared, the partner reads it and cannot change it; unshared, gone
  assert.equal((await a.post(`/api/v1/reactions/${r.id}/share`)).status, 200);
  const seen = await b.get(`/api/v1/reactions/${r.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.mine, false);
  assert.equal((await b.del(`/api/v1/reactions/${r.id}`)).status, 403);
  assert.equal((await a.post(`/api/v1/reactions/${r.id}/unshare`)).status, 200);
  assert.equal((await b.get(`/api/v1/reactions/${r.id}`)).status, 404);
});

test('stats count days and weeks in the zone the browser sends, on the server\'s clock', async () => {
  // a fresh pair, so nothing above counts
  const srv2 = await startServer({ clock: true });
  try {
    srv2.clock.set(NOW);
    const { a: x } = await couple(srv2.url);
    // 23:30 in Tokyo (14:30 UTC) on Mar 1, 2 and 3: three local days in a row,
    // Sunday then Monday and Tuesday of this week
    for (const d of [1, 2, 3]) {
      const at = Date.UTC(2026, 2, d, 14, 30) / 1000;
      assert.equal((await x.post('/api/v1/practice', { practice: 'yoga', seconds: 600, at })).status, 201);
    }
    // and 23:30 on Mar 3 in Los Angeles (07:30 UTC Mar 4): this is Tuesday there
    assert.equal((await x.post('/api/v1/practice', { practice: 'walking', seconds: 1200, at: Date.UTC(2026, 2, 4, 7, 30) / 1000 })).status, 201);
    const tokyo = await x.get('/api/v1/stats/practice?tz=Asia/Tokyo');
    assert.equal(tokyo.status, 200, tokyo.text);
    assert.equal(tokyo.json.week.from, '2026-03-02');
    assert.equal(tokyo.json.week.days, 3, 'Mon, Tue and Wed (07:30 UTC Mar 4 is 16:30 in Tokyo)');
    assert.equal(tokyo.json.week.minutes, 40);
    assert.equal(tokyo.json.streak.current, 4);
    assert.match(tokyo.json.chart, /^<svg[\s\S]*<title[\s\S]*<desc[\s\S]*<\/svg>$/);
    const la = await x.get('/api/v1/stats/practice?tz=America/Los_Angeles');
    // 14:30 UTC is 06:30 in LA (PST): Mar 1, 2, 3; 07:30 UTC Mar 4 is 23:30 Mar 3
    assert.equal(la.json.week.days, 2);
    assert.equal(la.json.week.minutes, 40);
    assert.equal(la.json.streak.longest, 3);
    for (const bad of ['Mars/Olympus', '../../etc/passwd', 'Europe//Paris', 'x'.repeat(70)]) {
      const r = await x.get(`/api/v1/stats/practice?tz=${encodeURIComponent(bad)}`);
      assert.equal(r.status, 400, bad);
      assert.match(r.json.error.message, /time zone/);
    }
    // reactions
    for (const [i, paused, feel] of [[6, false, 'hurt'], [4, true, 'hurt'], [8, false, 'angry']]) {
      assert.equal((await x.post('/api/v1/reactions', { happened: 'x', intensity: i, paused, feelings: [feel], triggers: ['money'] })).status, 201);
    }
    const rs = await x.get('/api/v1/stats/reactions?tz=UTC');
    assert.equal(rs.status, 200, rs.text);
    assert.equal(rs.json.count, 3);
    assert.equal(rs.json.paused, 1);
    assert.equal(rs.json.week.count, 3);
    assert.deepEqual(rs.json.feelings[0], { word: 'hurt', count: 2 });
    assert.deepEqual(rs.json.triggers, [{ word: 'money', count: 3 }]);
    assert.equal(rs.json.weeks.at(-1).intensity, 6);
    assert.match(rs.json.chart, /How strong my reactions were/);
  } finally {
    await srv2.stop();
  }
});

test('the feeling words are the vocabulary of data/feelings.json', async () => {
  const r = await a.get('/api/v1/feelings');
  assert.equal(r.status, 200);
  const file = JSON.parse(readFileSync(join(ROOT, 'data', 'feelings.json'), 'utf8'));
  assert.deepEqual(r.json.groups.map((g) => g.words), file.groups.map((g) => g.words));
});

test('the database file holds no plaintext of sessions or reactions', () => {
  for (const f of readdirSync(srv.data)) {
    if (!f.startsWith('dyad.db')) continue;
    const bytes = readFileSync(join(srv.data, f));
    for (const marker of ['MARKER', 'quoll', 'okapi', 'dugong']) {
      assert.equal(bytes.includes(Buffer.from(marker)), false, `${f} holds ${marker}`);
    }
  }
});
