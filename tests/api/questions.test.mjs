// Questions for two over HTTP: today's question is the couple's, the same
// for both all day; an answer is held until both have answered, and the
// partner learns only that it was given, through every route; the first
// to answer sees both on their next request; the logged-out get 401; bad
// input is refused with a clear message and changes nothing; the database
// file holds none of what was written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, couple, isErrorShape, Client } from './helpers.mjs';

const DAY = 86400;
const T0 = 1800000000 - (1800000000 % DAY) + 12 * 3600; // noon UTC, 2027-01-15

let srv;
let a;
let b;

before(async () => {
  srv = await startServer({ clock: true });
  srv.clock.set(T0);
  ({ a, b } = await couple(srv.url));
});

after(async () => {
  await srv.stop();
});

async function today(client) {
  const r = await client.get('/api/v1/questions/today?tz=UTC');
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('the library holds at least 80 questions in five themes', async () => {
  const r = await a.get('/api/v1/questions');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.questions.length >= 80);
  assert.equal(r.json.themes.length, 5);
  for (const q of r.json.questions) {
    assert.match(q.id, /^[a-z]+-[0-9]+$/);
    assert.ok(q.text.length > 10);
    assert.ok(r.json.themes.some((t) => t.id === q.theme && t.label === q.theme_label));
  }
});

test("today's question is the same for both partners all day, and another the next day", async () => {
  const ta = await today(a);
  const tb = await today(b);
  assert.equal(ta.question.id, tb.question.id);
  assert.equal(ta.state, 'unanswered');
  assert.equal(ta.partner, 'Ben');
  assert.equal(ta.mine, null);
  assert.equal(ta.theirs, null);
  srv.clock.set(T0 + 11 * 3600);
  assert.equal((await today(b)).question.id, ta.question.id);
  srv.clock.set(T0 + DAY);
  assert.notEqual((await today(a)).question.id, ta.question.id);
  srv.clock.set(T0);
});

test('the logged-out get 401 from every questions route', async () => {
  const anon = new Client(srv.url);
  for (const path of ['/api/v1/questions', '/api/v1/questions/today', '/api/v1/questions/goals-01', '/api/v1/answers']) {
    const r = await anon.get(path);
    assert.equal(r.status, 401, path);
    assert.ok(isErrorShape(r.json));
  }
  const p = await anon.post('/api/v1/questions/goals-01/answer', { answer: 'hello' });
  assert.ok(p.status === 401 || p.status === 403, `${p.status}`);
});

test('bad answers get a clear 4xx and change nothing', async () => {
  const q = 'goals-03';
  const cases = [
    [{}, 400], [{ answer: 5 }, 400], [{ answer: '   ' }, 400], [{ answer: '' }, 400],
    [{ answer: 'x'.repeat(2001) }, 413], [{ answer: 'fine', extra: 1 }, 400], [[], 400],
  ];
  for (const [body, status] of cases) {
    const r = await a.post(`/api/v1/questions/${q}/answer`, body);
    assert.equal(r.status, status, `${JSON.stringify(body).slice(0, 40)}: ${r.text}`);
    assert.ok(isErrorShape(r.json), r.text);
  }
  const missing = await a.post('/api/v1/questions/nosuch-99/answer', { answer: 'words' });
  assert.equal(missing.status, 404);
  assert.equal((await a.get('/api/v1/questions/nosuch-99')).status, 404);
  assert.equal((await a.get(`/api/v1/questions/${q}`)).json.state, 'unanswered');
  assert.equal((await a.get('/api/v1/answers?limit=0')).status, 400);
  assert.equal((await a.get('/api/v1/answers?limit=abc')).status, 400);
  assert.equal((await a.get('/api/v1/answers')).json.answers.length, 0);
});

test('an answer is sealed until both answered; the partner learns only that it was given', async () => {
  const q = 'values-05';
  const first = await a.post(`/api/v1/questions/${q}/answer`, { answer: 'MARKER-ANSWER-pangolin speaks first' });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.state, 'waiting_for_partner');
  assert.equal(first.json.mine.shared, false);
  assert.equal((await a.post(`/api/v1/questions/${q}/answer`, { answer: 'again' })).status, 409);

  const seen = await b.get(`/api/v1/questions/${q}`);
  assert.equal(seen.json.state, 'partner_answered');
  assert.equal(seen.json.theirs, null);
  for (const path of [`/api/v1/questions/${q}`, '/api/v1/questions/today?tz=UTC', '/api/v1/answers',
    '/api/v1/me/export', `/api/v1/search?q=speaks`]) {
    const r = await b.get(path);
    assert.ok(!r.text.includes('pangolin'), `${path} shows the held answer`);
  }
  // the held record's id is not a way in through the generic routes either
  assert.equal((await b.get(`/api/v1/journal/${first.json.mine.id}`)).status, 404);

  srv.clock.set(T0 + 60);
  const second = await b.post(`/api/v1/questions/${q}/answer`, { answer: 'MARKER-ANSWER-axolotl listens' });
  assert.equal(second.status, 201, second.text);
  assert.equal(second.json.state, 'opening');
  assert.equal(second.json.theirs, null);
  assert.equal(second.json.mine.shared, true);
  assert.ok(!second.text.includes('pangolin'));
  // until Alex makes a request, Alex's answer stays sealed
  assert.ok(!(await b.get(`/api/v1/questions/${q}`)).text.includes('pangolin'));

  srv.clock.set(T0 + 120);
  const open = await a.get(`/api/v1/questions/${q}`);
  assert.equal(open.json.state, 'open');
  assert.equal(open.json.theirs.answer, 'MARKER-ANSWER-axolotl listens');
  assert.equal(open.json.theirs.author, 'Ben');
  const both = await b.get(`/api/v1/questions/${q}`);
  assert.equal(both.json.state, 'open');
  assert.equal(both.json.theirs.answer, 'MARKER-ANSWER-pangolin speaks first');

  // on the agenda: once, held, linked to my answer
  const early = await a.post('/api/v1/questions/goals-07/discuss', {});
  assert.equal(early.status, 400, early.text);
  const d1 = await a.post(`/api/v1/questions/${q}/discuss`, {});
  assert.equal(d1.status, 201, d1.text);
  const d2 = await a.post(`/api/v1/questions/${q}/discuss`, {});
  assert.equal(d2.json.id, d1.json.id);
  assert.ok(!(await b.get('/api/v1/checkin/agenda')).text.includes(d1.json.id), 'the partner sees the held item');

  const list = await b.get('/api/v1/answers?limit=1');
  assert.equal(list.status, 200);
  assert.equal(list.json.answers.length, 1);
  assert.equal(list.json.answers[0].question.id, q);
  srv.clock.set(T0);
});

test('the database file holds no plaintext of answers', () => {
  for (const f of readdirSync(srv.data)) {
    if (!f.startsWith('dyad.db')) continue;
    const bytes = readFileSync(join(srv.data, f));
    for (const marker of ['MARKER', 'pangolin', 'axolotl', 'values-05']) {
      assert.equal(bytes.includes(Buffer.from(marker)), false, `${f} holds ${marker}`);
    }
  }
});
