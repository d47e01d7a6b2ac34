/** The sentences of an F6-against-its-code comparison, in the page's language (F6Compare.astro, compare.ts). */
import { formatDistance, subscript, type Comparison } from './model.ts';
import { say } from './words.ts';
import type { Lang } from '../../i18n.ts';

export function comparisonWords(c: Comparison, lang: Lang): { codeCaption: string; termsCaption: string; distance: string } {
  const k = subscript(c.digit);
  const vars = { k, distance: formatDistance(c.distance), digit: c.digit, nearest: c.nearest };
  return {
    codeCaption: say(c.targeted ? 'targetCaption' : 'codeCaption', lang, vars),
    termsCaption: say('termsCaption', lang, vars),
    distance: say(c.targeted ? 'targetLine' : 'distanceLine', lang, vars),
  };
}
