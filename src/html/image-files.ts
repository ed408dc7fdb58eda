/** File extensions a deck shows as pictures: the render stage copies them, the planner gives them room. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg', '.bmp', '.ico']);

/**
 * A URL path as a browser reads it: leading and trailing spaces and controls dropped, tabs
 * and newlines removed, and `\` taken as `/` (Chromium does so in file: URLs, so
 * `..\..\x.png` opened from disk leaves the deck folder).
 */
export function browserPath(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '').replace(/\\/g, '/');
}

/**
 * The file a relative URL names: query and fragment gone, %-escapes decoded (a malformed one
 * left as written), and a decoded `\` (`%5C`) taken as `/`, so a file name with a backslash is
 * never read under it.
 */
export function filePath(relativeUrl: string): string {
  let clean = relativeUrl.split(/[?#]/)[0]!;
  try {
    clean = decodeURI(clean);
  } catch {
    // A malformed %-escape: the path is used as written.
  }
  return clean.replace(/\\/g, '/');
}
