// Builds every bundle into dist/: the signaling CLI and benchmark (Node), the Electron
// main process and preload (CommonJS, electron external), and the renderer (browser).
// Usage: node esbuild.config.mjs [--quiet] [--run BUNDLE ARGS...]
//   --quiet  nothing on stdout (for `serve --json`)
//   --run    then run BUNDLE in this same process with ARGS: one process under npm, so
//            the SIGINT/SIGTERM npm forwards reaches the server (a `build && node x`
//            script leaves the server orphaned when the shell in between is killed).
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const runAt = process.argv.indexOf('--run');
const ownArgs = runAt === -1 ? process.argv.slice(2) : process.argv.slice(2, runAt);
const quiet = ownArgs.includes('--quiet');
// A stop asked for while building has nothing to clean up yet: end quietly with 0.
const stopWhileBuilding = () => process.exit(0);
if (runAt !== -1) for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stopWhileBuilding);
const log = (line) => {
  if (!quiet) process.stderr.write(`${line}\n`);
};

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: quiet ? 'error' : 'warning',
};

await rm('dist', { recursive: true, force: true });
await Promise.all([
  build({
    ...node,
    entryPoints: {
      'signaling/serve': 'signaling/cli/serve.ts',
      'signaling/relay-worker': 'signaling/relay/relay-worker.ts',
      'bench/signaling-bench': 'tests/bench/signaling-bench.ts',
      'bench/bench-server-process': 'tests/bench/bench-server-process.ts',
      'bench/webrtc-bench': 'tests/bench/webrtc-bench.ts',
      'bench/relay-bitrate': 'tests/bench/relay-bitrate.ts',
    },
    // The WebRTC bench drives Chromium through Playwright, which must load from node_modules.
    external: ['@playwright/test', 'playwright', 'playwright-core'],
    outdir: 'dist',
  }),
  build({ ...node, entryPoints: ['main/main.ts'], outfile: 'dist/main/main.js', external: ['electron'] }),
  build({ ...node, entryPoints: ['preload/preload.ts'], outfile: 'dist/preload/preload.js', external: ['electron'] }),
  build({
    bundle: true,
    platform: 'browser',
    target: ['chrome120', 'firefox115', 'safari16'],
    format: 'esm',
    minify: true,
    // The map stays on disk for debugging; app.js does not point at it and no server sends it.
    sourcemap: 'external',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryPoints: { app: 'renderer/index.tsx' },
    // Code only some pages need (the QR encoder, for the Host view) loads as its own chunk.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outdir: 'dist/renderer',
    logLevel: quiet ? 'error' : 'warning',
  }),
]);
await mkdir('dist/renderer', { recursive: true });
await cp('renderer/static', 'dist/renderer', { recursive: true });
// The renderer is what every viewer downloads: keep it within budget.
const RENDERER_BUDGET_GZIP_BYTES = 60 * 1024;
const rendererGzip = gzipSync(await readFile('dist/renderer/app.js'), { level: 9 }).length;
log(
  `built dist/ (signaling, bench, main, preload, renderer); renderer app.js ${(rendererGzip / 1024).toFixed(1)} KB gzipped (budget ${RENDERER_BUDGET_GZIP_BYTES / 1024} KB)`,
);
if (rendererGzip > RENDERER_BUDGET_GZIP_BYTES) {
  process.stderr.write(`renderer bundle over budget: ${rendererGzip} > ${RENDERER_BUDGET_GZIP_BYTES} bytes gzipped\n`);
  process.exit(1);
}

if (runAt !== -1) {
  const bundle = resolve(process.argv[runAt + 1] ?? '');
  process.argv = [process.argv[0], bundle, ...process.argv.slice(runAt + 2)];
  for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, stopWhileBuilding);
  createRequire(import.meta.url)(bundle);
}
