/**
 * Pure name/birth-date comparison rules for 名寄せ (A5). Different systems spell the same reading
 * differently (half-width ｶﾅ, hiragana, spaces between family and given name, ASCII dashes for 長音),
 * so readings are normalised before they are compared. Nothing here decides a merge: a match only
 * ever produces a review for a person to confirm.
 */

const DASHES = /[-‐‑‒–—―−ｰ－]/g;
const SPACES = /[\s\u3000]/g;

/** Hiragana → katakana (U+3041–U+3096 and ゝゞ sit exactly 0x60 below their katakana). */
function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309d\u309e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/** A kana reading in one canonical form: NFKC, full-width katakana, 長音 as ー, no spaces. */
export function normaliseKana(text: string): string {
  return toKatakana(text.normalize('NFKC')).replace(SPACES, '').replace(DASHES, 'ー');
}

/** A kanji name in one canonical form: NFKC, no spaces. */
export function normaliseName(text: string): string {
  return text.normalize('NFKC').replace(SPACES, '');
}

export interface NameRecord {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string | null;
}

/** The key used to find candidates: the normalised family and given readings. */
export function kanaKey(r: Pick<NameRecord, 'familyNameKana' | 'givenNameKana'>): string {
  return `${normaliseKana(r.familyNameKana)}|${normaliseKana(r.givenNameKana)}`;
}

/**
 * Whether two records look like the same person: the same reading AND the same birth date; when
 * either birth date is unknown, the same reading AND the same kanji name.
 */
export function looksLikeSamePerson(a: NameRecord, b: NameRecord): boolean {
  if (kanaKey(a) !== kanaKey(b)) return false;
  if (a.birthDate !== null && b.birthDate !== null) return a.birthDate === b.birthDate;
  return (
    normaliseName(a.familyName) === normaliseName(b.familyName) &&
    normaliseName(a.givenName) === normaliseName(b.givenName)
  );
}
