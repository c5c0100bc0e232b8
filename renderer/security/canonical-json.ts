// One spelling of a JSON value: keys sorted, no spaces, undefined members left out
// (as JSON.stringify does). The relay may re-serialise `data`; the value it carries
// is the same, so both ends MAC the same bytes.

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  // Numbers, strings, booleans, null: JSON's own spelling (NaN and Infinity become null, as on the wire).
  return JSON.stringify(value) ?? 'null';
}
