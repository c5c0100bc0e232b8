// SHA256SUMS (sha256sum's format, so `sha256sum --check` reads it) of every file in a
// folder, and SHA256SUMS.asc, its armored detached signature.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReleaseError } from './run.mjs';

export const SUMS = 'SHA256SUMS';
export const SIGNATURE = 'SHA256SUMS.asc';

export const sha256File = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** `<hex>  <name>` lines for the folder's files (not the sums themselves), sorted by name. */
export function checksumLines(dir) {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== SUMS && entry.name !== SIGNATURE)
    .map((entry) => entry.name)
    .sort();
  if (files.length === 0) throw new ReleaseError(`${dir} has no files to list`);
  for (const name of files)
    if (/[\s\\]/.test(name)) throw new ReleaseError(`"${name}": release file names must not contain spaces`);
  return files.map((name) => `${sha256File(join(dir, name))}  ${name}\n`).join('');
}

/** Writes dir/SHA256SUMS and, signed by `signer`, dir/SHA256SUMS.asc. */
export function writeSignedChecksums(dir, signer) {
  writeFileSync(join(dir, SUMS), checksumLines(dir));
  signer.detachSign(join(dir, SUMS), join(dir, SIGNATURE), { armor: true });
}
