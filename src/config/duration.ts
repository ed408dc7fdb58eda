// Durations as people write them, for --duration, the config file and front matter.

/** Parses a duration like `20m`, `20 min`, `1h30m`, `90s` or a bare number of minutes. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number' && value > 0) return value;
  if (typeof value !== 'string') return undefined;
  const s = value.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const m = /^(?:(\d+(?:\.\d+)?)\s*h(?:ours?)?)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in(?:utes?)?)?)?\s*(?:(\d+)\s*s(?:ec(?:onds?)?)?)?$/.exec(s);
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  const minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 60;
  return minutes > 0 ? minutes : undefined;
}
