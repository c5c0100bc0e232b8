// {{name}} placeholders in the package-manager templates. Every placeholder must get a
// value and every value must be used, so a renamed placeholder cannot ship unfilled.
export function fillTemplate(template: string, values: Readonly<Record<string, string>>, templateName: string): string {
  const used = new Set<string>();
  const missing = new Set<string>();
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) {
      missing.add(key);
      return '';
    }
    used.add(key);
    return value;
  });
  if (missing.size > 0) throw new Error(`${templateName}: no value for {{${[...missing].join('}}, {{')}}}`);
  const unused = Object.keys(values).filter((key) => !used.has(key));
  if (unused.length > 0) throw new Error(`${templateName}: no {{${unused.join('}}, {{')}}} placeholder to fill`);
  return filled;
}
