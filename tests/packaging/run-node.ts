// Runs a Node script as a child process, collecting its output. The packaging tests use
// it for Forge's CLI and for the helpers that load ES-module-only packages.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

export interface NodeRun {
  readonly code: number | null;
  /** stdout and stderr, interleaved. */
  readonly output: string;
  readonly stdout: string;
}

export function runNode(args: string[], env: NodeJS.ProcessEnv = {}, limitMs = 30_000, cwd = ROOT): Promise<NodeRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env } });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A hung child must fail the test, not hang the run.
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output, stdout });
    });
  });
}

/** Runs one of the JSON-printing helpers next to this file and parses its last line. */
export async function runJsonHelper<T>(script: string, args: string[]): Promise<T> {
  const run = await runNode(['--disable-warning=ExperimentalWarning', resolve(__dirname, script), ...args]);
  if (run.code !== 0) throw new Error(`${script} failed (exit ${run.code}):\n${run.output}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as T;
}
