// The network tier's Playwright fixture: one `lab` per test that owns the test's
// namespaces, processes and browsers and takes all of them down afterwards, also when
// the test failed or timed out. The tier skips, saying why, where it cannot run.
import { test as base, expect, chromium, type Browser } from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, labUnavailable } from './commands';
import { Namespaces } from './namespaces';
import type { LabProcess } from './processes';

const WRAPPER = join(__dirname, 'chromium-in-namespace.sh');
const BROWSER_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

export class Lab {
  readonly namespaces: Namespaces;
  private readonly processes: LabProcess[] = [];
  private readonly browsers: Browser[] = [];
  private readonly paths: string[] = [];

  constructor(testId: string) {
    this.namespaces = new Namespaces(testId);
  }

  /** Keeps a process to stop at the end (and to print its output if the test fails). */
  own<T extends LabProcess>(process: T): T {
    this.processes.push(process);
    return process;
  }

  /** A file or directory the test made, removed at the end. */
  removeAfterwards(path: string): void {
    this.paths.push(path);
  }

  /** A headless Chromium whose network is the namespace's. */
  async browserIn(namespace: string): Promise<Browser> {
    const browser = await chromium.launch({
      executablePath: WRAPPER,
      env: { ...process.env, NETLAB_NAMESPACE: namespace, CHROMIUM_PATH: CHROMIUM },
      args: BROWSER_ARGS,
    });
    this.browsers.push(browser);
    return browser;
  }

  /** Console lines of the lab's pages (PageSets register here). */
  readonly consoleLines: string[][] = [];

  processLogs(): string {
    const consoles = this.consoleLines.map((lines) => `---- browser console\n${lines.join('\n')}`);
    return [...this.processes.map((p) => `---- ${p.label}\n${p.log()}`), ...consoles].join('\n');
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.browsers.splice(0).map((browser) => browser.close().catch(() => undefined)));
    await Promise.all(this.processes.splice(0).map((process) => process.stop()));
    this.namespaces.remove();
    this.paths.splice(0).forEach((path) => rmSync(path, { recursive: true, force: true }));
  }
}

const unavailable = labUnavailable();

/**
 * Labs not yet torn down. A worker that exits without running fixture teardown (its runner was interrupted or
 * killed) still removes their namespaces, and with them every process in them, browsers included.
 */
const live = new Set<Lab>();
process.once('exit', () => live.forEach((lab) => lab.namespaces.remove()));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.once(signal, () => {
    live.forEach((lab) => lab.namespaces.remove());
    process.exit(130);
  });

export const test = base.extend<{ lab: Lab }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires an object pattern here
  lab: async ({}, use, testInfo) => {
    test.skip(unavailable !== null, `network lab skipped: ${unavailable}`);
    const lab = new Lab(`t${testInfo.workerIndex}${testInfo.testId.slice(0, 6)}`);
    live.add(lab);
    try {
      await use(lab);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('lab-processes.txt', { body: lab.processLogs(), contentType: 'text/plain' });
      await lab.tearDown();
      live.delete(lab);
    }
  },
});

export { expect };
