// Durations as people write them, for --duration, the config file and front matter.

/**
 * Parses a duration like `20m`, `20 min`, `1h30m`, `90s`, `1:30:00` (h:mm:ss, as podcast and
 * video front matter writes it) or a bare number of minutes. Undefined when it is none of those.
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) > 0 ? Number(s) : undefined;
  const clock = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(s);
  if (clock) {
    const minutes = Number(clock[1]) * 60 + Number(clock[2]) + Number(clock[3]) / 60;
    return minutes > 0 ? minutes : undefined;
  }
  const m = /^(?:(\d+(?:\.\d+)?)\s*h(?:ours?)?)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in(?:utes?)?)?)?\s*(?:(\d+)\s*s(?:ec(?:onds?)?)?)?$/.exec(s);
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  const minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 60;
  return minutes > 0 ? minutes : undefined;
}
