// `npm run release:notes -- --version X.Y.Z [--changelog FILE] [--out FILE]`: the
// version's CHANGELOG.md section, the GitHub release's body. Exits 1 when it is missing.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cliMain, userPath } from './release/cli.mjs';
import { changelogSection } from './release/release-notes.mjs';

cliMain('usage: npm run release:notes -- --version X.Y.Z [--changelog CHANGELOG.md] [--out FILE]', () => {
  const { values } = parseArgs({
    options: { version: { type: 'string' }, changelog: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (!values.version) throw new Error('--version is required');
  const notes = changelogSection(
    readFileSync(values.changelog ? userPath(values.changelog) : 'CHANGELOG.md', 'utf8'),
    values.version.replace(/^v/, ''),
  );
  if (values.out) writeFileSync(userPath(values.out), notes);
  else process.stdout.write(notes);
});
