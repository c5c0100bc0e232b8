// Builds dist/ once before the suites that run the bundled CLI.
const { execFileSync } = require('node:child_process');

module.exports = () => {
  execFileSync(process.execPath, ['esbuild.config.mjs', '--quiet'], { cwd: `${__dirname}/../..`, stdio: 'inherit' });
};
