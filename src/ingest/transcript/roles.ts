/**
 * Who asks and who answers. Hosts and interviewers ask: a role label says so (`记者`, `Q`,
 * `Host`, `Audience 2`); a document that lists its speakers or guests leaves its hosts out of
 * the list; failing both, the speakers whose turns end in questions far more often than the
 * others', and who speak the fewest words in answers, ask. Everyone else is a guest.
 */
import { isGenericLabel, isInterviewerLabel, speakerKey } from '../speakers.js';

/** A turn as role inference needs it. */
export interface RoleTurn {
  speaker: string;
  text: string;
  line: number;
}

/** The roles decided, with the reason for each guess. */
export interface RoleResult {
  askers: Set<string>;
  /** One line per guessed role, for a diagnostic: `Pierre asks (12 of 20 turns end in a question)`. */
  guesses: { speaker: string; line: number; reason: string }[];
}

const ASKS = /[?？][\s"'”’」』)）]*$/u;

interface Stats {
  turns: number;
  asks: number;
  words: number;
  /** Words spoken right after another speaker's question. */
  answerWords: number;
  line: number;
}

function size(text: string): number {
  return (text.match(/\p{Script=Han}/gu)?.length ?? 0) / 2 + (text.match(/[A-Za-z0-9]+/g)?.length ?? 0);
}

function statsOf(turns: readonly RoleTurn[]): Map<string, Stats> {
  const stats = new Map<string, Stats>();
  turns.forEach((t, i) => {
    const s = stats.get(t.speaker) ?? { turns: 0, asks: 0, words: 0, answerWords: 0, line: t.line };
    s.turns++;
    const lastSentence = t.text.trim().split(/(?<=[.!?。！？])\s*/u).filter(Boolean).at(-1) ?? '';
    if (ASKS.test(t.text.trim()) || ASKS.test(lastSentence)) s.asks++;
    const n = size(t.text);
    s.words += n;
    const prev = turns[i - 1];
    if (prev && prev.speaker !== t.speaker && ASKS.test(prev.text.trim())) s.answerWords += n;
    stats.set(t.speaker, s);
  });
  return stats;
}

/**
 * Decides who asks. `listed` are the full names the document gives for its speakers or guests
 * (front matter); a speaker not among them, when some are, is a host.
 */
export function assignRoles(turns: readonly RoleTurn[], listed: readonly string[] = []): RoleResult {
  const stats = statsOf(turns);
  const speakers = [...stats.keys()];
  const askers = new Set<string>();
  const guesses: RoleResult['guesses'] = [];
  for (const sp of speakers) if (isInterviewerLabel(sp)) askers.add(sp);
  const listedKeys = new Set(listed.map(speakerKey));
  const people = speakers.filter((sp) => !isGenericLabel(sp) && !isInterviewerLabel(sp));
  const inList = people.filter((sp) => listedKeys.has(speakerKey(sp)));
  if (inList.length > 0 && inList.length < people.length) {
    for (const sp of people) {
      if (inList.includes(sp)) continue;
      askers.add(sp);
      guesses.push({ speaker: sp, line: stats.get(sp)!.line, reason: `${sp} is taken for a host: not among the speakers the front matter lists` });
    }
    return { askers, guesses };
  }
  // A role label (`Audience 2`, `Q`) asks, but a panel's host may still be one of the named people.
  if (people.length < 2) return { askers, guesses };
  const ranked = people
    .map((name) => ({ name, s: stats.get(name)!, ratio: stats.get(name)!.asks / stats.get(name)!.turns }))
    .sort((a, b) => b.ratio - a.ratio);
  const best = ranked[0];
  if (!best) return { askers, guesses };
  const mostAnswers = Math.max(...[...stats.values()].map((x) => x.answerWords));
  for (const r of ranked) {
    const others = ranked.filter((x) => x !== r);
    const othersRatio = others.reduce((n, x) => n + x.s.asks, 0) / Math.max(1, others.reduce((n, x) => n + x.s.turns, 0));
    // An asker asks far more often than the rest, and is not the one whose answers carry the talk.
    const asks = r.ratio >= 0.5 || (r.ratio >= 0.25 && r.ratio >= 2 * othersRatio);
    if (asks && r.s.turns >= 2 && r.s.answerWords < mostAnswers) {
      askers.add(r.name);
      guesses.push({
        speaker: r.name,
        line: r.s.line,
        reason: `${r.name} is taken for a host: ${r.s.asks} of ${r.s.turns} turns end in a question`,
      });
    }
  }
  // Everyone asking is no one asking: keep the one who asks most.
  // Unless a bare `A:`/`答：` answers them all.
  const genericAnswers = speakers.some((sp) => isGenericLabel(sp) && !isInterviewerLabel(sp));
  if (!genericAnswers && people.every((p) => askers.has(p))) {
    for (const r of ranked.slice(1)) askers.delete(r.name);
    guesses.splice(1);
  }
  return { askers, guesses };
}
