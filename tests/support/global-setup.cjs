// Builds dist/ once before the suites that run the bundled CLI. SKIP_BUILD=1 reuses
// an existing dist/ (tests/run-all.mjs has just built it).
const { execFileSync } = require('node:child_process');

module.exports = () => {
  if (process.env.SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['esbuild.config.mjs', '--quiet'], { cwd: `${__dirname}/../..`, stdio: 'inherit' });
};
