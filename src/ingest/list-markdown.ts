/**
 * Markdown for a list whose items carry their nesting level (an outline read from plain text):
 * each item indented to its parent's text, so that CommonMark nests it; the top level numbered
 * when the list is. Written by the outline writer and by the planner for a slide's part of a list.
 */

/** One line of a nested list: its Markdown, its level (0 = top) and its number when numbered. */
export interface NestedItem {
  text: string;
  level: number;
  n: number;
}

/**
 * The items as Markdown list lines. The first item's level counts as the top (a part of a list
 * that starts inside a nesting starts it again), and no item goes more than one level deeper
 * than the item above it.
 */
export function nestedListMarkdown(items: readonly NestedItem[], ordered: boolean): string {
  const base = items[0]?.level ?? 0;
  const columns: number[] = [];
  return items
    .map((it) => {
      const level = Math.max(0, Math.min(it.level - base, columns.length));
      const marker = level === 0 && ordered ? `${it.n}. ` : '- ';
      const indent = level === 0 ? 0 : columns[level - 1]!;
      columns.length = level;
      columns.push(indent + marker.length);
      return ' '.repeat(indent) + marker + it.text;
    })
    .join('\n');
}

/** A list block's items numbered from its start, with their levels (all 0 without `levels`). */
export function nestedItems(items: readonly string[], levels: readonly number[] | undefined, start = 1): NestedItem[] {
  let n = start - 1;
  return items.map((text, k) => {
    const level = levels?.[k] ?? 0;
    if (level === 0) n++;
    return { text, level, n };
  });
}
