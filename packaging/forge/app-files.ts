// What goes into app.asar: the built main process, preload and renderer, the media
// relay's entry, and package.json. Everything else in the project (sources, tests, the benchmark and CLI
// bundles, node_modules: esbuild has bundled the runtime dependencies) stays out, and
// so do source maps: nothing in a packaged build reads them.

const KEPT_DIRECTORIES = ['/dist', '/dist/main', '/dist/preload', '/dist/renderer', '/dist/signaling'];
const KEPT_TREES = /^\/dist\/(main|preload|renderer)\//;
/** The media relay's entry: main/relay-process.ts starts it in a utility process (not the CLI bundle next to it). */
const KEPT_FILES = ['/dist/signaling/relay-worker.js'];

/** Packager's `ignore` test: true drops the path. Paths are relative to the project, with a leading "/". */
export function isLeftOutOfApp(path: string): boolean {
  if (path === '' || path === '/package.json' || KEPT_DIRECTORIES.includes(path) || KEPT_FILES.includes(path))
    return false;
  return !KEPT_TREES.test(path) || path.endsWith('.map');
}
