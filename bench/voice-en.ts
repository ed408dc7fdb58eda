/**
 * English text for generated talks: a small phrase grammar over hand-written word lists.
 * The sentences are invented for the benchmark; they only need to read like an interview
 * (a question, a first-person answer, third-person commentary) so the planner treats them so.
 */
import type { Rng } from './prng.js';
import { pickFresh, type Voice } from './voice.js';

const nouns = [
  'ferry', 'orchard', 'bridge', 'workshop', 'ledger', 'lantern', 'kiln', 'loom', 'harbour', 'well',
  'archive', 'greenhouse', 'mill', 'schoolhouse', 'market', 'garden', 'clinic', 'library', 'choir', 'railway',
  'canal', 'bakery', 'forge', 'quarry', 'vineyard', 'dairy', 'printing press', 'radio station', 'weather station', 'granary',
  'chapel', 'theatre', 'bamboo grove', 'terrace', 'fishing boat', 'pharmacy', 'post office', 'bus depot', 'lighthouse', 'pottery',
  'paper mill', 'dye works', 'beehive', 'rice field', 'olive press', 'tea house', 'corner shop', 'night school', 'cinema', 'bathhouse',
  'barber shop', 'clock tower', 'windmill', 'water wheel', 'threshing floor', 'boatyard', 'tannery', 'sawmill', 'brickworks', 'seed bank',
  'tool library', 'repair cafe', 'community kitchen', 'allotment', 'footpath', 'reservoir', 'ferry timetable', 'town band', 'museum', 'workshop bench',
] as const;

const people = [
  'the neighbours', 'the apprentices', 'the older residents', 'the volunteers', 'the children', 'the teachers', 'the farmers',
  'the fishermen', 'the shopkeepers', 'the parents', 'the students', 'the nurses', 'the drivers', 'the carpenters', 'the council',
] as const;

const abstracts = [
  'trust', 'patience', 'memory', 'craft', 'order', 'dignity', 'curiosity', 'belonging', 'responsibility', 'routine',
  'public life', 'a sense of time', 'attention', 'care', 'thrift', 'pride', 'courage', 'habit', 'repair', 'continuity',
] as const;

const adjectives = [
  'quiet', 'plain', 'busy', 'old', 'sturdy', 'slow', 'careful', 'patient', 'stubborn', 'modest',
  'fragile', 'cheerful', 'narrow', 'crowded', 'forgotten', 'honest', 'practical', 'generous', 'untidy', 'reliable',
] as const;

const places = [
  'the valley', 'the river town', 'the hill villages', 'the old quarter', 'the coast', 'the market square', 'the north side',
  'the island', 'the county', 'the estate', 'the border towns', 'the suburbs', 'the high pastures', 'the harbour district',
] as const;

/** [base, past, -ing] */
const verbs = [
  ['repair', 'repaired', 'repairing'], ['build', 'built', 'building'], ['measure', 'measured', 'measuring'],
  ['restore', 'restored', 'restoring'], ['open', 'opened', 'opening'], ['move', 'moved', 'moving'],
  ['rebuild', 'rebuilt', 'rebuilding'], ['paint', 'painted', 'painting'], ['count', 'counted', 'counting'],
  ['run', 'ran', 'running'], ['clean', 'cleaned', 'cleaning'], ['share', 'shared', 'sharing'],
  ['protect', 'protected', 'protecting'], ['map', 'mapped', 'mapping'], ['record', 'recorded', 'recording'],
  ['close', 'closed', 'closing'], ['save', 'saved', 'saving'], ['teach', 'taught', 'teaching'],
] as const;

const times = [
  'that first winter', 'in the early years', 'at the beginning', 'one wet spring', 'during the harvest', 'after the flood',
  'every autumn', 'the year the road opened', 'long before the grant', 'on the first market day',
] as const;

const firstNames = ['Ada', 'Tomas', 'Ines', 'Kwame', 'Mira', 'Jonas', 'Leila', 'Oskar', 'Priya', 'Rafael', 'Selma', 'Yusuf', 'Nora', 'Emeka', 'Hanna', 'Luca'] as const;
const lastNames = ['Lindqvist', 'Okonjo', 'Marchetti', 'Halvorsen', 'Adeyemi', 'Sorensen', 'Castellano', 'Brennan', 'Varga', 'Nakamura', 'Whitlock', 'Ferreira', 'Dubois', 'Kowalski'] as const;

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const small = new Set(['the', 'and', 'of', 'a', 'an', 'in', 'to', 'from', 'about', 'at', 'for']);
const titleCase = (s: string) => cap(s.split(' ').map((w) => (small.has(w) ? w : cap(w))).join(' '));
const an = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);
const num = (r: Rng) => r.pick(['two', 'three', 'four', 'five', 'six', 'seven', 'ten', 'twelve']);

/** The English voice of the generator. */
export const english: Voice = {
  lang: 'en',
  person(r) {
    const first = r.pick(firstNames);
    const last = r.pick(lastNames);
    return { label: `${first} ${last}`, short: last };
  },
  interviewer: 'Q',
  title(r) {
    return titleCase(r.pick([`the ${r.pick(adjectives)} ${r.pick(nouns)}`, `keeping the ${r.pick(nouns)}`, `a year at the ${r.pick(nouns)}`, `the ${r.pick(nouns)} and the ${r.pick(nouns)}`]));
  },
  subtitle(r, who) {
    return `Conversations with ${who} about ${r.pick(abstracts)} and ${r.pick(abstracts)}`;
  },
  sectionTitle(r) {
    const n = r.pick(nouns);
    const v = r.pick(verbs);
    return titleCase(
      r.pick([
        `the ${n} and ${r.pick(abstracts)}`,
        `why ${r.pick(people).replace('the ', '')} kept the ${n}`,
        `${v[2]} the ${n}`,
        `what the ${n} taught us`,
        `${an(r.pick(adjectives))} ${n} in ${r.pick(places)}`,
        `from ${n} to ${r.pick(nouns)}`,
      ]),
    );
  },
  question(r) {
    const n = r.pick(nouns);
    const v = r.pick(verbs);
    return r.pick([
      `How did the ${n} change after you ${v[1]} the ${r.pick(nouns)}?`,
      `What made you ${v[0]} the ${n} in the first place?`,
      `Why do ${r.pick(people)} still talk about the ${n}?`,
      `What would you tell someone who wants to ${v[0]} ${an(n)} today?`,
      `When did you first notice the ${r.pick(abstracts)} of ${r.pick(places)}?`,
      `Was there a moment when you thought the ${n} would not survive?`,
      `You spent ${num(r)} years on the ${n}. Looking back, what surprised you most?`,
    ]);
  },
  answer(r, avoid) {
    const n = r.pick(nouns);
    const v = r.pick(verbs);
    const a = r.pick(abstracts);
    return pickFresh(r, avoid, [
      `I remember ${r.pick(times)}, when we ${v[1]} the ${n} near ${r.pick(places)}.`,
      `Nobody told us that the ${n} would matter so much to ${r.pick(people)}.`,
      `What mattered was never the ${n} itself but the ${a} behind it.`,
      `We kept ${an(r.pick(adjectives))} record of every ${n}, because people forget quickly.`,
      `For ${num(r)} years ${r.pick(people)} ${v[1]} the same ${n} every season.`,
      `The hardest part was ${v[2]} the ${n} without losing the ${a}.`,
      `If you ask ${r.pick(people)}, they will tell you the ${n} was always ${r.pick(adjectives)}.`,
      `It took us ${num(r)} months to understand why the ${n} kept failing.`,
      `I think the ${a} of a place lives in its ${n}.`,
      `Every ${n} we ${v[1]} taught us something about ${r.pick(abstracts)}.`,
      `You cannot hurry ${a}, and you cannot buy it either.`,
      `We made mistakes, of course, and most of them were about the ${n}.`,
      `People expected ${an(r.pick(adjectives))} ${n}, and we gave them ${an(r.pick(adjectives))} one instead.`,
      `In the end the ${n} belongs to ${r.pick(people)}, not to me.`,
    ]);
  },
  commentary(r, who, avoid) {
    const n = r.pick(nouns);
    return pickFresh(r, avoid, [
      `${who}'s account of the ${n} echoes a wider pattern across ${r.pick(places)}.`,
      `For ${who}, ${r.pick(abstracts)} is not a slogan but a daily habit.`,
      `${who} returns to this point several times during our conversation.`,
      `Some argue that ${an(n)} like this is too ${r.pick(adjectives)} to copy elsewhere, and ${who} does not dismiss them.`,
      `The records ${who} kept now fill ${num(r)} boxes in the back room of the ${n}.`,
      `Local officials, asked about the ${n}, mostly praise its ${r.pick(abstracts)}.`,
      `It is a modest claim, and ${who} makes it without any drama.`,
      `Visitors often notice the ${r.pick(adjectives)} ${n} before they notice anything else.`,
    ]);
  },
};
