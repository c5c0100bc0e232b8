// Finds the bytes of the top-level "data" value in a frame that JSON.parse has
// already accepted, so the relay can forward them without re-serialising (the relay's
// largest cost after parsing). Works on UTF-8 bytes: JSON's structure is ASCII.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const DATA_KEY = Buffer.from('"data"');

/** Index just past the string that starts at `start` (a quote). */
function skipString(bytes: Buffer, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote === -1) return bytes.length;
    let backslashes = 0;
    for (let i = quote - 1; bytes[i] === BACKSLASH; i--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/**
 * [start, end) of the value of the top-level key "data", or null when it is absent,
 * appears twice (JSON.parse keeps the last duplicate, so either copy could differ
 * from what was validated) or any top-level key has an escape (which could spell
 * "data" too).
 * Precondition: `bytes` is a JSON object that JSON.parse accepted.
 */
export function findDataSpan(bytes: Buffer): [number, number] | null {
  let depth = 0;
  let span: [number, number] | null = null;
  let valueStart = -1;
  let expectKey = false;
  let keyIsData = false;
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte === QUOTE) {
      const end = skipString(bytes, at);
      if (depth === 1 && expectKey) {
        // An escaped key could spell "data" in a way we did not match: let the caller re-serialise.
        const backslash = bytes.indexOf(BACKSLASH, at);
        if (backslash !== -1 && backslash < end) return null;
        keyIsData = end - at === DATA_KEY.length && bytes.compare(DATA_KEY, 0, DATA_KEY.length, at, end) === 0;
        expectKey = false;
      }
      at = end - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (depth === 1 && valueStart !== -1) {
        if (span) return null;
        span = [valueStart, at];
        valueStart = -1;
      }
      depth--;
    } else if (depth === 1 && byte === COLON && keyIsData) {
      valueStart = at + 1;
      keyIsData = false;
    } else if (depth === 1 && byte === COMMA) {
      if (valueStart !== -1) {
        if (span) return null;
        span = [valueStart, at];
        valueStart = -1;
      }
      expectKey = true;
    }
  }
  if (!span) return null;
  let [start, end] = span;
  while (isSpace(bytes[start])) start++;
  while (end > start && isSpace(bytes[end - 1])) end--;
  return [start, end];
}
