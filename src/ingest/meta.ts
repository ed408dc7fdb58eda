import { parseDuration } from '../config/duration.js';
import type { DocumentMeta, Lang } from '../model/document.js';

function str(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number') return String(v);
  return undefined;
}

function list(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  if (typeof v === 'string' && v.trim()) return v.split(',').map((x) => x.trim()).filter(Boolean);
  return undefined;
}

/** Normalises a language tag to the languages Lectern plans for (`zh-CN` → `zh`). */
export function normaliseLang(v: unknown): Lang | undefined {
  const s = str(v)?.toLowerCase();
  if (!s) return undefined;
  if (s.startsWith('zh') || s === 'cn' || s === 'chinese') return 'zh';
  if (s.startsWith('en') || s === 'english') return 'en';
  return undefined;
}

/** Reads the known front matter keys into document metadata; unknown keys are ignored. */
export function metaFromFrontMatter(data: Record<string, unknown>): Partial<DocumentMeta> {
  const meta: Partial<DocumentMeta> = {
    title: str(data.title),
    subtitle: str(data.subtitle),
    author: str(data.author),
    date: str(data.date),
    lang: normaliseLang(data.lang),
    theme: str(data.theme),
    duration: parseDuration(data.duration),
    sectionSlides: list(data.sectionSlides ?? data.section_slides),
    paper: str(data.paper),
    keywords: list(data.keywords),
  };
  for (const k of Object.keys(meta) as (keyof DocumentMeta)[]) if (meta[k] === undefined) delete meta[k];
  return meta;
}
