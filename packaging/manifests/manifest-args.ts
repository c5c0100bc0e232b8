// The flags of `npm run release:manifests`, validated: unknown, repeated or empty flags are errors.
import { ManifestError } from './release-manifests';

export const USAGE = 'usage: npm run release:manifests -- --version 1.2.3 --artifacts DIR [--out DIR]';
const FLAGS = ['--version', '--artifacts', '--out'] as const;
type Flag = (typeof FLAGS)[number];

export function parseManifestArgs(argv: readonly string[]): Record<Flag, string | undefined> {
  const parsed: Record<Flag, string | undefined> = {
    '--version': undefined,
    '--artifacts': undefined,
    '--out': undefined,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    if (!(FLAGS as readonly string[]).includes(flag)) throw new ManifestError(`unknown argument "${flag}"`);
    if (value === undefined || value.startsWith('--') || value.trim() === '')
      throw new ManifestError(`${flag} needs a value`);
    if (parsed[flag as Flag] !== undefined) throw new ManifestError(`${flag} given twice`);
    parsed[flag as Flag] = value;
  }
  for (const required of ['--version', '--artifacts'] as const)
    if (parsed[required] === undefined) throw new ManifestError(`${required} is required`);
  return parsed;
}
