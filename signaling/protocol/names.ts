export const NAME_MAX_CHARS = 64;

// C0/C1 controls, plus the bidi overrides and isolates that let a name
// visually rewrite the text around it in the host's viewer list.
const UNSAFE_CHARS = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Applies the protocol's name rule: control characters removed, then trimmed, then
 * 1..64 characters (code points). Returns null when nothing valid remains.
 */
export function sanitizeName(raw: string): string | null {
  const name = raw.replace(UNSAFE_CHARS, '').trim();
  const length = [...name].length;
  return length >= 1 && length <= NAME_MAX_CHARS ? name : null;
}
