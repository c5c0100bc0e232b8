// One spelling of a JSON value, the MAC input of authenticated signals (docs/protocol.md, "Link
// key"): object keys sorted by UTF-16 code units at every depth, no whitespace, undefined members
// left out, strings as JSON.stringify escapes them. Only values every JSON implementation reads
// and writes alike can be spelled: numbers must be safe integers (so `1.0`, `1e21` and `-0` never
// need a formatting rule) and strings must be well-formed UTF-16 (no lone surrogates). For
// anything else there is no canonical form (null), and such a message is neither signed nor taken.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The canonical JSON text of `value`, or null when it has none. */
export function canonicalJson(value: unknown): string | null {
  if (Array.isArray(value)) {
    const items = value.map((item) => (item === undefined ? 'null' : canonicalJson(item)));
    return items.includes(null) ? null : `[${items.join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries: string[] = [];
    // Sorted by UTF-16 code units, as Array.prototype.sort sorts strings.
    for (const [key, member] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (member === undefined) continue;
      const spelled = canonicalJson(member);
      if (spelled === null || LONE_SURROGATE.test(key)) return null;
      entries.push(`${JSON.stringify(key)}:${spelled}`);
    }
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value === 0 ? 0 : value) : null;
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? null : JSON.stringify(value);
  if (typeof value === 'boolean' || value === null) return JSON.stringify(value);
  return null; // functions, symbols, bigints: not JSON
}
