// People's names and the space's label over HTTP (part of #7): the setup
// and join routes refuse what the core refuses, with the core's message;
// names are unique, and log in, without regard to case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, isErrorShape, PASS_A, PASS_B } from './helpers.mjs';

const CHARS_MSG = 'A name cannot hold control characters, line breaks or characters that change the writing direction.';
const RLO = '\u202e';

async function refused(r, status, message) {
  assert.equal(r.status, status, r.text);
  assert.ok(isErrorShape(r.json), r.text);
  assert.equal(r.json.error.message, message);
}

test('setup refuses a name or label with controls or direction characters, with the core\'s message, and makes nothing', async () => {
  const s = await startServer();
  try {
    const c = new Client(s.url);
    for (const name of [`Ana${RLO}`, 'A\u2066na', 'A\u200fna', 'A\u061cna', 'A\u0085na', 'A\x1b[2Jna', 'A\nna', 'A\u2028na']) {
      await refused(await c.post('/api/v1/space', { name, passphrase: PASS_A }), 400, CHARS_MSG);
    }
    await refused(await c.post('/api/v1/space', { label: `Us${RLO}`, name: 'Ana', passphrase: PASS_A }), 400,
      'The space\'s name cannot hold control characters, line breaks or characters that change the writing direction.');
    await refused(await c.post('/api/v1/space', { name: '   ', passphrase: PASS_A }), 400, 'A name is needed.');
    // 33 decomposed letters: 99 bytes sent, 66 once composed
    await refused(await c.post('/api/v1/space', { name: 'e\u0308'.repeat(33), passphrase: PASS_A }), 400,
      'That name is longer than 64 bytes.');
    // nothing was made: the first good setup still works
    const r = await c.post('/api/v1/space', { label: '  Our home ', name: ' Zoe\u0308 ', passphrase: PASS_A });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.me.name, 'Zo\u00eb');
    const who = await c.get('/api/v1/session');
    assert.equal(who.json.space.label, 'Our home');
  } finally {
    await s.stop();
  }
});

test('join refuses the partner\'s name in another case with a clear message and the invitation still works', async () => {
  const s = await startServer();
  try {
    const a = new Client(s.url);
    assert.equal((await a.post('/api/v1/space', { name: 'Maya', passphrase: PASS_A })).status, 201);
    const code = (await a.post('/api/v1/invites')).json.code;
    const b = new Client(s.url);
    const taken = 'Your partner is already called Maya, and names here differ by more than capital letters; choose another.';
    for (const name of ['maya', 'MAYA', ' Maya ', 'ma\u00adya']) {
      await refused(await b.post('/api/v1/join', { code, name, passphrase: PASS_B }), 409, taken);
    }
    await refused(await b.post('/api/v1/join', { code, name: `Jo${RLO}nas`, passphrase: PASS_B }), 400, CHARS_MSG);
    const r = await b.post('/api/v1/join', { code, name: 'Jonas', passphrase: PASS_B });
    assert.equal(r.status, 201, r.text);
  } finally {
    await s.stop();
  }
});

test('a name logs in in any case, and its failed logins count as one account whatever the case', async () => {
  const s = await startServer({ clock: true });
  try {
    const a = new Client(s.url);
    assert.equal((await a.post('/api/v1/space', { name: 'Maya', passphrase: PASS_A })).status, 201);
    const c = new Client(s.url);
    let r = await c.post('/api/v1/session', { name: 'mAYA', passphrase: PASS_A });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.me.name, 'Maya');
    for (const name of ['maya', 'MAYA', 'Maya', 'mAya', 'maYa']) {
      r = await c.post('/api/v1/session', { name, passphrase: 'not the passphrase' });
      assert.equal(r.status, 401, `${name}: ${r.text}`);
    }
    r = await c.post('/api/v1/session', { name: 'MaYa', passphrase: PASS_A });
    assert.equal(r.status, 429, r.text);
  } finally {
    await s.stop();
  }
});

test('the database file holds names normalised and no trace of a refused name', async () => {
  const s = await startServer();
  try {
    const c = new Client(s.url);
    await c.post('/api/v1/space', { name: 'Secretname\u202e', passphrase: PASS_A });
    assert.equal((await c.post('/api/v1/space', { name: 'Zoe\u0308', passphrase: PASS_A })).status, 201);
    const hex = execFileSync('sqlite3', [join(s.data, 'dyad.db'), 'SELECT hex(name) FROM person']).toString().trim();
    assert.equal(hex, Buffer.from('Zo\u00eb').toString('hex').toUpperCase());
    for (const f of readdirSync(s.data)) {
      assert.ok(!readFileSync(join(s.data, f)).includes('Secretname'), `${f} holds the refused name`);
    }
  } finally {
    await s.stop();
  }
});
