// Loads forge.config.ts the way Electron Forge does (jiti) and prints what it declares
// as one JSON line; run as a child process because Forge's makers and plugins are ES
// modules that jest's CommonJS runtime cannot load.
// Usage: node read-forge-config.mjs PROJECT_DIR [PATH_TO_TEST_WITH_IGNORE...]
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The jiti that @electron-forge/core itself loads configs with.
const { createJiti } = createRequire(fileURLToPath(import.meta.resolve('@electron-forge/core')))('jiti');

const [dir, ...paths] = process.argv.slice(2);
const { default: config } = await createJiti(import.meta.filename).import(resolve(dir, 'forge.config.ts'));
const { ignore, ...packager } = config.packagerConfig;
const report = {
  packagerConfig: packager,
  ignored: paths.filter((path) => ignore(path)),
  makers: config.makers.map((maker) => ({
    name: maker.name,
    platforms: maker.platforms,
    config: maker.configOrConfigFetcher,
  })),
  plugins: config.plugins.map((plugin) => ({ name: plugin.name, config: plugin.fusesConfig ?? plugin.config })),
  publishers: config.publishers.map((publisher) => ({ name: publisher.name, config: publisher.config })),
  hooks: Object.keys(config.hooks ?? {}),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
