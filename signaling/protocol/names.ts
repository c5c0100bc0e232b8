// The protocol's rule for viewer names: what the host's approval prompt and users list may show.
export const NAME_MAX_CHARS = 64;

// Controls, every format character (\p{Cf}: zero-width spaces and joiners, word joiner and the
// invisible operators, BOM, the Arabic letter mark, bidi marks, overrides and isolates, tag
// characters) and the line/paragraph separators: all either invisible or able to rewrite the
// text around them, so two names that look the same in the host's list could differ.
const UNSAFE_CHARS = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

// The one visible use of a format character: a zero-width joiner inside an emoji sequence
// (👩‍💻, ❤️‍🔥), between a pictograph (maybe with a skin tone or VS16) and the next pictograph.
const EMOJI_BEFORE_JOINER = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/u;
const EMOJI_AFTER_JOINER = /^\p{Extended_Pictographic}/u;

function keepsJoiner(raw: string, offset: number): boolean {
  return EMOJI_BEFORE_JOINER.test(raw.slice(0, offset)) && EMOJI_AFTER_JOINER.test(raw.slice(offset + 1));
}

/**
 * Applies the protocol's name rule: control, format and separator characters removed (a joiner
 * inside an emoji sequence kept), then trimmed, then 1..64 characters (code points). Returns null
 * when nothing valid remains.
 */
export function sanitizeName(raw: string): string | null {
  const name = raw
    .replace(UNSAFE_CHARS, (char, offset: number) => (char === '\u200D' && keepsJoiner(raw, offset) ? char : ''))
    .trim();
  const length = [...name].length;
  return length >= 1 && length <= NAME_MAX_CHARS ? name : null;
}
