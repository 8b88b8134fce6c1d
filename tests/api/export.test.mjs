// GET /api/v1/me/export: anyone can leave with their data. Each partner's
// export holds exactly the records they own, private and shared, decrypted
// and as last edited, and nothing their partner owns, shared or not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, couple } from './helpers.mjs';

let srv;
let a;
let b;
// what each partner wrote: id -> { title, text, shared }
const wrote = { a: new Map(), b: new Map() };

async function add(client, who, title, text, shared) {
  const r = await client.post('/api/v1/journal', { title, text, shared });
  assert.equal(r.status, 201, r.text);
  wrote[who].set(r.json.id, { title, text, shared });
  return r.json.id;
}

before(async () => {
  srv = await startServer();
  ({ a, b } = await couple(srv.url));
  const priv = await add(a, 'a', 'Ana-title-private-51c0', 'Ana-text-private-first-9d2e', false);
  await add(a, 'a', 'Ana-title-shared-7b41', 'Ana-text-shared-3f8a', true);
  await add(b, 'b', 'Ben-title-private-c62d', 'Ben-text-private-0e97', false);
  await add(b, 'b', 'Ben-title-shared-a4f3', 'Ben-text-shared-18bc', true);
  // an edit: the export holds the text as it is now
  const r = await a.put(`/api/v1/journal/${priv}`, { title: 'Ana-title-private-51c0', text: 'Ana-text-private-edited-6e01' });
  assert.equal(r.status, 200, r.text);
  wrote.a.get(priv).text = 'Ana-text-private-edited-6e01';
});

after(async () => {
  await srv.stop();
});

/* GET the export as client; resolves { text, doc } after checking the answer. */
async function exportOf(client) {
  const r = await client.get('/api/v1/me/export');
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.match(r.headers.get('content-disposition'), /^attachment; filename="dyad-[A-Za-z]+-\d{4}-\d{2}-\d{2}\.json"/);
  assert.ok(r.json !== null && Array.isArray(r.json.records), r.text.slice(0, 200));
  return { text: r.text, doc: r.json };
}

/* id -> { title, text, shared } of the journal records in an export. */
function recordsOf(doc) {
  const out = new Map();
  for (const rec of doc.records) {
    assert.equal(rec.kind, 'journal', JSON.stringify(rec));
    const fields = rec;  // the one presentation of a record: its fields beside id and kind
    out.set(rec.id, { title: fields.title, text: fields.text, shared: rec.visibility === 'shared' });
  }
  return out;
}

for (const [me, partner, name] of [['a', 'b', 'Ana'], ['b', 'a', 'Ben']]) {
  test(`${name}'s export holds exactly ${name}'s private and shared entries, decrypted, as last edited`, async () => {
    const { doc } = await exportOf(me === 'a' ? a : b);
    assert.equal(doc.person.name, name);
    assert.equal(doc.format, 'dyad-export');
    assert.equal(doc.version, 2);
    const got = recordsOf(doc);
    assert.deepEqual(new Map([...got].sort()), new Map([...wrote[me]].sort()));
  });

  test(`${name}'s export holds nothing of the partner's, not even what the partner shared`, async () => {
    const { text } = await exportOf(me === 'a' ? a : b);
    for (const [id, e] of wrote[partner]) {
      for (const s of [id, e.title, e.text]) assert.ok(!text.includes(s), `${s} in ${name}'s export`);
    }
  });
}
