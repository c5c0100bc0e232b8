// Runs one of Debian's or GnuPG's command-line tools for the release scripts, failing
// with the tool's own words. The release scripts use only Node's standard library and
// these tools, so the jobs that hold signing keys need no `npm ci` at all.
import { execFileSync } from 'node:child_process';

export class ReleaseError extends Error {}

/** Runs `command args`, returns its stdout; a non-zero exit becomes a ReleaseError with stderr. */
export function run(command, args, { env = {}, input, cwd } = {}) {
  try {
    return execFileSync(command, args, {
      env: { ...process.env, ...env },
      input,
      cwd,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    if (error.code === 'ENOENT') throw new ReleaseError(`${command} is not installed`);
    throw new ReleaseError(`${command} ${args.join(' ')} failed:\n${String(error.stderr ?? error.message).trim()}`);
  }
}
