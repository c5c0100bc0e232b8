// Reads what a packaged app contains, for the packaging test (run as a child process:
// @electron/asar and @electron/fuses are ES modules, which jest's CommonJS runtime
// cannot load). Usage: node read-packaged-app.mjs BINARY [APP_ASAR]
// Prints one JSON line: { fuses: { RunAsNode: "0" | "1" | ... }, files?, packageJson? }.
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const [binary, asar] = process.argv.slice(2);
const wire = await getCurrentFuseWire(binary);
const fuses = {};
for (const [index, state] of Object.entries(wire)) {
  if (index !== 'version') fuses[FuseV1Options[Number(index)]] = String.fromCharCode(state);
}
const report = { fuseVersion: wire.version, fuses };
if (asar) {
  report.files = listPackage(asar, { isPack: false });
  report.packageJson = JSON.parse(extractFile(asar, 'package.json').toString('utf8'));
}
process.stdout.write(`${JSON.stringify(report)}\n`);
