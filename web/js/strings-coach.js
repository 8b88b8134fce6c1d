// The words of the I-statement coach beside what people write to each
// other (parts/coach.js), in the app's calm voice: advice, never a verdict.
export const c = {
  title: 'A thought before you send',
  kinds: {
    blame: 'Blame',
    absolute: 'Always or never',
    mind_reading: 'Mind-reading',
    contempt: 'Contempt',
    sarcasm: 'Sarcasm',
    character_attack: 'About who they are',
    should: '"Should"',
  },
  noticed: (n) => (n === 1
    ? 'One thing may land harder than you mean. Advice only: send it as you choose.'
    : `${n} things may land harder than you mean. Advice only: send it as you choose.`),
  clean: 'A clean I-statement: a feeling, the situation, what you need and a request.',
  parts: { feeling: 'a feeling', situation: 'the situation', need: 'a need', request: 'a request' },
  partial: (have, missing) => `So far you have ${have}. Adding ${missing} would make it a full I-statement.`,
  helper: 'I-statement helper',
  helperLead: 'Four parts: how you feel, when it happens, what you need, and what you would like to ask.',
  feel: 'I feel…',
  feelHint: 'One feeling word: lonely, worried, hurt, grateful…',
  when: '…when…',
  whenHint: 'What happens, as a camera would see it.',
  need: '…because I need…',
  needHint: 'What matters to you underneath.',
  ask: 'Would you be willing to…',
  askHint: 'Something your partner can say yes or no to.',
  use: 'Put it in my text',
  partNeeded: 'Fill in this part too.',
  shareAnyway: 'Share it as it is',
  beforeShare: (kinds) => `Before you share it: the coach noticed ${kinds}, which may land harder than you mean. Advice only: share it as you choose.`,
  notYet: 'Not yet',
};
