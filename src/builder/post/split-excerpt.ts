/** Hexo's excerpt marker: `<!-- more -->`, any whitespace inside, any case. */
const MORE_MARKER = /<!--\s*more\s*-->/i;

/** The HTML before the first `<!-- more -->` marker, as Hexo's excerpt, or undefined when there is none. */
export function splitExcerpt(bodyHtml: string): string | undefined {
  const match = MORE_MARKER.exec(bodyHtml);
  return match === null ? undefined : bodyHtml.slice(0, match.index);
}
