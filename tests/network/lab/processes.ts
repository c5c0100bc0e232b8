// Long-running lab processes (signaling server, coturn, the shaper), each started in a
// namespace with `ip netns exec` (which execs, so the pid is the program's own) and
// stopped by pid; their output is kept for the test's report.
import { spawn, type ChildProcess } from 'node:child_process';

export class LabProcess {
  private readonly output: string[] = [];
  private readonly exited: Promise<number | null>;

  constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Everything it printed so far. */
  log(): string {
    return this.output.join('');
  }

  /** Resolves with the first stdout line matching `pattern` (rejects past the timeout or if it exits). */
  waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`${this.label}: no ${pattern} within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        const line = this.log()
          .split('\n')
          .find((candidate) => pattern.test(candidate));
        if (line !== undefined) finish(() => resolve(line));
      };
      const onExit = (code: number | null) => fail(new Error(`${this.label} exited (${code}):\n${this.log()}`));
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        this.child.stderr?.off('data', check);
        this.child.off('exit', onExit);
        settle();
      };
      const fail = (error: Error) => finish(() => reject(error));
      this.child.stdout?.on('data', check);
      this.child.stderr?.on('data', check);
      this.child.once('exit', onExit);
      check();
    });
  }

  /** SIGTERM, then SIGKILL after a grace period. */
  async stop(graceMs = 2_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Starts `command` inside the namespace. */
export function startInNamespace(
  namespace: string,
  label: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): LabProcess {
  const child = spawn('ip', ['netns', 'exec', namespace, command, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new LabProcess(label, child);
}
