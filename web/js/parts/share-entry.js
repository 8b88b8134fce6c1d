// Sharing one of my journal entries, wherever the app offers it (the
// entry's own page, the journal list, the composer's "share with" as it
// saves): the I-statement coach reads the entry first and, when it notices
// something, asks a question that can always be answered "share it as it
// is". Every place goes through askBeforeSharing (shareEntry for an entry
// already saved), so all ask the same question the same way.
import { api } from '../api.js';
import { c as coachWords } from '../strings-coach.js';
import { confirmDialog } from '../ui.js';

/* What the coach notices in text, as a question; true to share. The
 * coach's silence, or its failure, shares at once: it is advice, never a
 * gate. */
export async function askBeforeSharing(text) {
  let r;
  try {
    r = await api('POST', '/api/v1/coach', { text });
  } catch {
    return true;
  }
  const found = (r && r.findings) || [];
  if (!found.length) return true;
  const names = [...new Set(found.map((f) => (coachWords.kinds[f.kind] || f.kind).toLowerCase()))];
  const kinds = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
  return confirmDialog({
    title: coachWords.title,
    body: coachWords.beforeShare(kinds),
    confirm: coachWords.shareAnyway,
    cancel: coachWords.notYet,
  });
}

/* Share my private entry after the coach's question: resolves the shared
 * entry as the server answers it, or null when its author chose "not
 * yet". A failed request rejects, as api() does. */
export async function shareEntry(entry) {
  if (!await askBeforeSharing(entry.text || '')) return null;
  return api('POST', `/api/v1/journal/${encodeURIComponent(entry.id)}/share`);
}
