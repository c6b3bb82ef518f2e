/**
 * Far out, a card shows its name alone, large, on two lines at most, broken at its hyphens and spaces. A word
 * longer than the card is wide would be broken inside ("alertmanage r"): such a name gets the size at which
 * its longest word fits on one line.
 */
import { CARD_WIDTH } from '../../../layout/geometry';

/** The size of a far-out name, in the graph's pixels (as zoom 1 draws them). */
export const FAR_NAME_PX = 28;
/** Past this, a word that still does not fit breaks where it must: smaller would not read from far out. */
const FAR_NAME_MIN_PX = 16;
/** The room a far-out name has: the card less its padding, border, state dot and the gap after it. */
const FAR_NAME_ROOM_PX = CARD_WIDTH - 2 * 10 - 2 - 18 - 7;
/** A bold sans letter is at most about this wide, in em, but for m and w (DejaVu Sans Bold's lowercase average is 0.64). */
const LETTER_EM = 0.72;

export function farNameSize(name: string): number {
  // A hyphen stays with the word before it, as a line broken there shows it.
  const longestWord = Math.max(1, ...name.split(/(?<=-)|\s+/).map((word) => word.length));
  const fitting = Math.floor(FAR_NAME_ROOM_PX / (longestWord * LETTER_EM));
  return Math.max(FAR_NAME_MIN_PX, Math.min(FAR_NAME_PX, fitting));
}
