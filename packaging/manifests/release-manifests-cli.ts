// npm run release:manifests -- --version 1.2.3 --artifacts DIR [--out DIR]
// Writes the filled Chocolatey package sources and Homebrew cask (default out/manifests).
// npm bundles this to node_modules/.cache (not dist/, which every build deletes) and runs
// it from the project root, where the templates are.
import { join, resolve } from 'node:path';
import { parseManifestArgs, USAGE } from './manifest-args';
import { ManifestError, writeReleaseManifests } from './release-manifests';

async function main(): Promise<void> {
  const args = parseManifestArgs(process.argv.slice(2));
  const written = await writeReleaseManifests({
    version: args['--version'] ?? '',
    artifactsDir: resolve(args['--artifacts'] ?? ''),
    outDir: resolve(args['--out'] ?? join('out', 'manifests')),
    templatesDir: resolve('packaging'),
  });
  for (const path of Object.values(written)) console.log(`wrote ${path}`);
}

main().catch((error: unknown) => {
  const known = error instanceof ManifestError;
  console.error(
    `release:manifests: ${error instanceof Error ? error.message : String(error)}${known ? `\n${USAGE}` : ''}`,
  );
  process.exitCode = known ? 2 : 1;
});
