// The GitHub release body: the version's section of CHANGELOG.md ("## [X.Y.Z] - date"
// up to the next "## " heading). A release without its section is an error, not an
// empty body: the release workflow stops before it publishes anything.
import { ReleaseError } from './run.mjs';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The notes under `## [version]` (heading left out, trimmed); throws when absent or empty. */
export function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/);
  const heading = new RegExp(`^## \\[?v?${escapeRegExp(version)}\\]?(?:\\s|$)`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start === -1)
    throw new ReleaseError(`CHANGELOG.md has no section for ${version} ("## [${version}] - YYYY-MM-DD")`);
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  const notes = lines
    .slice(start + 1, end === -1 ? undefined : end)
    .filter((line) => !/^\[[^\]]+\]:\s/.test(line)) // link references belong to the whole file
    .join('\n')
    .trim();
  if (notes === '') throw new ReleaseError(`CHANGELOG.md's section for ${version} is empty`);
  return `${notes}\n`;
}
