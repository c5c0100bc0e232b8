// The headless host as a user runs it: the bundled CLI in a child process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { until } from '../support/wait';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/signaling/serve.js');

interface Run {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
}

function run(command: string, args: string[]): Run {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function firstLine(r: Run, timeoutMs = 15_000): Promise<string> {
  await until(() => r.stdout().includes('\n'), 'a line on stdout', timeoutMs).catch((error: unknown) => {
    throw new Error(`${String(error)}; stderr: ${r.stderr()}`);
  });
  return r.stdout().split('\n')[0]!;
}

const running: Run[] = [];
afterEach(() => {
  for (const r of running.splice(0)) r.child.kill('SIGKILL');
});

function startCli(args: string[]): Run {
  const r = run(process.execPath, [CLI, ...args]);
  running.push(r);
  return r;
}

describe('npm run serve', () => {
  it('prints exactly one JSON line with --json, and serves /healthz at its port', async () => {
    const r = startCli(['--port', '0', '--json', '--bind', '127.0.0.1']);
    const info = JSON.parse(await firstLine(r)) as {
      port: number;
      hostUrl: string;
      joinUrl: string;
      joinUrls: string[];
    };
    expect(Object.keys(info)).toEqual(['port', 'hostUrl', 'joinUrl', 'joinUrls']);
    // The link key (made by the CLI, unknown to the server) rides in both links' fragments.
    expect(info.hostUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${info.port}/host#k=[A-Za-z0-9_-]{43}&lk=[A-Za-z0-9_-]{22}$`),
    );
    expect(info.joinUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${info.port}/join#t=[A-Za-z0-9_-]{43}&k=[A-Za-z0-9_-]{22}$`),
    );
    expect(info.joinUrl.split('&k=')[1]).toBe(info.hostUrl.split('&lk=')[1]);
    expect(info.joinUrls[0]).toBe(info.joinUrl);
    const health = await fetch(`http://127.0.0.1:${info.port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    expect(r.stdout().trim().split('\n')).toHaveLength(1);
  });

  it('stops cleanly with exit 0 on SIGINT and frees the port', async () => {
    const r = startCli(['--port', '0', '--json', '--bind', '127.0.0.1']);
    const { port } = JSON.parse(await firstLine(r)) as { port: number };
    r.child.kill('SIGINT');
    expect(await r.exit).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('prints a readable banner with the links and a QR code without --json', async () => {
    const r = startCli(['--port', '0', '--bind', '127.0.0.1', '--auto-admit', '--max-viewers', '3']);
    await until(() => r.stdout().includes('Ctrl+C'), 'the whole banner');
    const banner = r.stdout();
    expect(banner).toMatch(/Host page \(open on this computer\): http:\/\/127\.0\.0\.1:\d+\/host#k=/);
    expect(banner).toMatch(/Join link \(share this\): +http:\/\/127\.0\.0\.1:\d+\/join#t=/);
    // The join link carries the link key the CLI made, and the host page's link hands the same key to the page.
    const linkKey = /\/join#t=[\w-]+&k=([\w-]{22})\b/.exec(banner)?.[1];
    expect(linkKey).toBeDefined();
    expect(banner).toMatch(new RegExp(`/host#k=[\\w-]+&lk=${linkKey}`));
    expect(banner).toMatch(/let in automatically; at most 3/);
    expect(banner).toMatch(/[█▀▄]{7}/); // the QR code's finder pattern row
  });

  it('exits 2 with the reason and the usage on a bad flag', async () => {
    const r = startCli(['--port', 'eighty']);
    expect(await r.exit).toBe(2);
    expect(r.stderr()).toMatch(/--port must be a whole number/);
    expect(r.stderr()).toMatch(/Usage: npm run serve/);
    expect(r.stdout()).toBe('');
  });

  it('exits 1 and says so when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = startCli(['--port', String(port), '--bind', '127.0.0.1']);
      expect(await r.exit).toBe(1);
      expect(r.stderr()).toMatch(new RegExp(`port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('through npm itself: stdout holds only the JSON line, and SIGTERM to npm stops the server with exit 0', async () => {
    const r = run('npm', ['run', 'serve', '--', '--port', '0', '--json', '--bind', '127.0.0.1']);
    running.push(r);
    const line = await firstLine(r, 30_000);
    expect(JSON.parse(line)).toHaveProperty('port');
    const { port } = JSON.parse(line) as { port: number };
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    expect(r.stdout().trim().split('\n')).toEqual([line]);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 40_000);
});
