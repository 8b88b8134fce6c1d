// The server under valgrind's memcheck while a couple uses every feature
// through the API: no invalid read or write, no use of uninitialised
// memory, no definite leak, from start to a clean SIGTERM. (The whole API
// suite also runs against the AddressSanitizer build in `make asan`; memcheck
// adds what ASan does not see, the uninitialised reads.) valgrind is a test
// dependency (scripts/install-deps.sh): missing, this fails. Against a
// sanitizer build the two do not mix, and the test says so and does not run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BIN, couple, startServer } from './helpers.mjs';

const sanitized = /__asan_init|__ubsan_handle/.test(readFileSync(BIN, 'latin1'));

test('a couple using every feature leaves the server clean under memcheck, to a clean exit',
  { skip: sanitized ? 'dyad is built with a sanitizer, which valgrind cannot run beside' : false, timeout: 600000 },
  async () => {
    execFileSync('valgrind', ['--version']);   // missing: a failure, not a skip
    const srv = await startServer({
      wrap: ['valgrind', '-q', '--error-exitcode=99', '--leak-check=full', '--errors-for-leak-kinds=definite',
        '--track-origins=yes'],
      startMs: 120000,
    });
    let stopped = false;
    try {
      const { a, b } = await couple(srv.url);
      const ok = async (p, want) => { const r = await p; assert.equal(r.status, want, r.text.slice(0, 300)); return r.json; };
      // the journal: write, share, search, respond, edit, read
      const e = await ok(a.post('/api/v1/journal', { title: 'River', text: 'A periwinkle evening by the river.', shared: true, mood: 4, tags: ['us'] }), 201);
      await ok(a.get('/api/v1/journal'), 200);
      await ok(a.get('/api/v1/search?q=periwinkle'), 200);
      await ok(b.post(`/api/v1/journal/${e.id}/responses`, { say: 'note', note: 'This meant a lot.' }), 201);
      await ok(a.put(`/api/v1/journal/${e.id}`, { text: 'A periwinkle evening by the river, and tea.' }), 200);
      await ok(b.get(`/api/v1/journal/${e.id}`), 200);
      await ok(a.get('/api/v1/questions/today'), 200);
      await ok(a.get('/api/v1/prompts/today'), 200);
      // practice, reactions and their charts
      await ok(a.post('/api/v1/practice', { practice: 'yoga', duration: '10m', note: 'calm' }), 201);
      await ok(a.get('/api/v1/stats/practice'), 200);
      await ok(a.post('/api/v1/reactions', { happened: 'the dishes again', intensity: 8, paused: false }), 201);
      await ok(a.get('/api/v1/stats/reactions'), 200);
      // the pulse and the balance map
      await ok(a.post('/api/v1/pulses', { connection: 7, self: 4, closeness_now: 5, closeness_wish: 6 }), 201);
      await ok(a.get('/api/v1/balance'), 200);
      // the coach and a check-in agenda item
      await ok(a.post('/api/v1/coach', { text: 'You always forget, you are so lazy.' }), 200);
      await ok(a.post('/api/v1/checkin/items', { topic: 'appreciation', statement: 'Thank you for the tea.' }), 201);
      // refusals
      await ok(b.put(`/api/v1/journal/${e.id}`, { text: 'not mine' }), 403);
      await ok(a.post('/api/v1/journal', { text: '' }), 400);
    } finally {
      const res = await srv.stop();
      stopped = true;
      const log = srv.log();
      assert.doesNotMatch(log, /==\d+== /, `memcheck reported:\n${log.slice(-6000)}`);
      assert.deepEqual(res, { code: 0, signal: null }, `the server's exit under valgrind (99: memcheck errors):\n${log.slice(-6000)}`);
    }
    assert.ok(stopped);
  });
