// One spelling of a JSON value: keys sorted, no spaces, undefined members left out
// (as JSON.stringify does). The relay may re-serialise `data`; the value it carries
// is the same, so both ends MAC the same bytes.

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    // Sorted by UTF-16 code units, as Array.prototype.sort sorts strings.
    const entries = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${entries.join(',')}}`;
  }
  // Numbers, strings, booleans, null: JSON's own spelling (NaN and Infinity become null, as on the wire).
  return JSON.stringify(value) ?? 'null';
}
