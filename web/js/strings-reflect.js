// The words of the journal's reflective side (English first): the prompt
// of the day, mood, feeling words and tags, and a partner's quiet
// responses. Plain, warm, never judging.
export const r = {
  prompt: {
    title: 'Today’s prompt',
    hint: 'Something to write about, if you like. It stays the same all day.',
    write: 'Write from this prompt',
    writingFrom: 'Writing from today’s prompt',
    from: 'From the prompt',
    theme: (label) => `Theme: ${label}`,
    browse: 'Other prompts',
  },
  mood: {
    legend: 'How do you feel?',
    hint: 'Optional. 1 is low, 5 is good.',
    level: (n) => `${n}: ${['low', 'heavy', 'in between', 'good', 'very good'][n - 1]}`,
    shown: (n) => `Mood ${n} of 5`,
    none: 'Not said',
  },
  feelings: {
    label: 'Feeling words',
    hint: 'Optional. Pick any that fit.',
    shown: 'Feeling',
  },
  tags: {
    label: 'Tags',
    hint: 'Optional. Separate them with commas, e.g. work, family. Up to 10.',
    shown: 'Tags',
    tooMany: 'That is more than 10 tags. Keep the ones that matter most.',
  },
};
