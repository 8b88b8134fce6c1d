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
  responses: {
    title: 'Responses',
    read: 'I read this',
    thanks: 'Thank you',
    noteLabel: 'A short note',
    noteHint: 'Optional. A few words back; it does not change the entry.',
    send: 'Send note',
    sent: (name) => `Sent. ${name} will see it under their entry.`,
    respondTitle: (name) => `Let ${name} know you read it`,
    you: 'You',
    noteEmpty: 'Write a few words first.',
    cardTitle: 'Responses to your entries',
    cardItem: (name, what, title) => `${name}: ${what} — on “${title}”`,
    remove: 'Take back',
    removed: 'Your response is gone.',
  },
  practiceCard: {
    title: 'Practice this week',
    days: (d) => (d === 0 ? 'This week is open. Any minutes you give it count.'
      : `You practised on ${d} ${d === 1 ? 'day' : 'days'} this week.`),
    minutes: (m) => (m === 0 ? '' : `${m} ${m === 1 ? 'minute' : 'minutes'} in all.`),
    go: 'Practice',
  },
  filters: {
    title: 'Filter',
    titleOn: (n) => `Filter (${n} on)`,
    tag: 'Tag',
    mood: 'Mood',
    anyMood: 'Any mood',
    from: 'From',
    to: 'To',
    apply: 'Show entries',
    clear: 'Clear filters',
    order: 'This day comes before the first one. Pick a later day.',
    none: 'No entries match these filters.',
  },
};
