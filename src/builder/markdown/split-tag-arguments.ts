/**
 * Splits a Hexo tag's argument text as Nunjucks tokenizes it for Hexo: at whitespace, a quoted run
 * (`'…'` or `"…"`) staying one argument without its quotes. `/a.png 200 '"A title" "alt"'` gives
 * `["/a.png", "200", "\"A title\" \"alt\""]`.
 */
export function splitTagArguments(text: string): string[] {
  const found: string[] = [];
  const pattern = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const match of text.matchAll(pattern)) found.push(match[1] ?? match[2] ?? match[3]!);
  return found;
}
