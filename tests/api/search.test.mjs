// GET /api/v1/search: full-text search of the journal. Words and phrases,
// capitals and accents folded, ranked, the passage in pieces with the
// matches marked; the partner's private entries never match, the
// logged-out get 401, bad queries are 400, and nothing of a search or of
// the entries is in the database files in plaintext.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, couple, isErrorShape } from './helpers.mjs';

const q = (words, extra = '') => `/api/v1/search?q=${encodeURIComponent(words)}${extra}`;

describe('journal search', () => {
  let srv, a, b;
  const ids = {};

  before(async () => {
    srv = await startServer();
    ({ a, b } = await couple(srv.url));
    const add = async (who, body) => {
      const r = await who.post('/api/v1/journal', body);
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    };
    ids.cafe = await add(a, { text: 'We sat in the little CAFÉ by the river, talking about periwinkle plans.' });
    ids.title = await add(a, { title: 'Périwinkle', text: 'A title that says it all.' });
    ids.bensShared = await add(b, { text: 'Periwinkle from Ben, shared.', shared: true });
    ids.bensPrivate = await add(b, { title: 'periwinkle', text: 'Periwinkle periwinkle, only for Ben.' });
  });

  after(async () => {
    await srv.stop();
  });

  test('finds words whatever their case and accents, best first, with the passage marked', async () => {
    const r = await a.get(q('PERIWINKLE'));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 3);
    assert.deepEqual(r.json.hits.map((h) => h.id), [ids.title, ids.bensShared, ids.cafe]);
    const top = r.json.hits[0];
    assert.equal(top.score, 3);
    assert.equal(top.text, undefined, 'a hit carries its passage, not the whole text');
    assert.deepEqual(top.title_parts, [{ text: 'Périwinkle', match: true }]);
    const cafe = r.json.hits[2];
    assert.equal(cafe.passage.map((p) => p.text).join(''), 'We sat in the little CAFÉ by the river, talking about periwinkle plans.');
    assert.deepEqual(cafe.passage.filter((p) => p.match).map((p) => p.text), ['periwinkle']);
    assert.equal(cafe.passage_cut_start, false);
    assert.equal(cafe.passage_cut_end, false);
    const accent = await a.get(q('cafe'));
    assert.deepEqual(accent.json.hits.map((h) => h.id), [ids.cafe]);
    assert.deepEqual(accent.json.hits[0].passage.filter((p) => p.match).map((p) => p.text), ['CAFÉ']);
  });

  test('a phrase matches its words in a row; every term must match', async () => {
    assert.deepEqual((await a.get(q('"by the river"'))).json.hits.map((h) => h.id), [ids.cafe]);
    assert.equal((await a.get(q('"the by river"'))).json.total, 0);
    assert.deepEqual((await a.get(q('river periwinkle'))).json.hits.map((h) => h.id), [ids.cafe]);
    assert.equal((await a.get(q('river zebra'))).json.total, 0);
  });

  test('the partner\'s private entries never match; filters narrow', async () => {
    const all = await a.get(q('periwinkle', '&limit=100'));
    assert.ok(!all.json.hits.some((h) => h.id === ids.bensPrivate));
    assert.ok(!JSON.stringify(all.json).includes('only for Ben'));
    const theirs = await a.get(q('periwinkle', '&filter=theirs'));
    assert.deepEqual(theirs.json.hits.map((h) => h.id), [ids.bensShared]);
    const mine = await a.get(q('periwinkle', '&filter=mine'));
    assert.deepEqual(mine.json.hits.map((h) => h.id).sort(), [ids.cafe, ids.title].sort());
    // Ben finds his own private entry, and Ana's private ones not at all
    const ben = await b.get(q('periwinkle'));
    assert.deepEqual(ben.json.hits.map((h) => h.id).sort(), [ids.bensShared, ids.bensPrivate].sort());
  });

  test('the logged-out get 401', async () => {
    const r = await new Client(srv.url).get(q('periwinkle'));
    assert.equal(r.status, 401);
    assert.ok(isErrorShape(r.json));
  });

  test('bad searches are 400 with a reason', async () => {
    for (const path of ['/api/v1/search', '/api/v1/search?q=', q('?!'), q('x'.repeat(257)), q('a b c d e f g h i'),
      q('"a b c d e f g h i"'), q('word', '&limit=0'), q('word', '&limit=101'), q('word', '&limit=x'),
      q('word', '&filter=everyone')]) {
      const r = await a.get(path);
      assert.equal(r.status, 400, `${path}: ${r.text}`);
      assert.ok(isErrorShape(r.json), path);
    }
    assert.equal((await a.get(q('x'.repeat(256)))).status, 200);
  });

  test('neither the entries nor the searches are in the database files in plaintext', async () => {
    assert.equal((await a.get(q('marmalade'))).status, 200);
    for (const f of readdirSync(srv.data).filter((n) => n.startsWith('dyad.db'))) {
      const bytes = readFileSync(join(srv.data, f));
      for (const word of ['eriwinkle', 'marmalade', 'river']) assert.ok(!bytes.includes(word), `${f}: ${word}`);
    }
  });
});
