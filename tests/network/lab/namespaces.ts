// The lab's network namespaces: made per test under one run's name prefix, joined by
// veth pairs that never touch the root namespace, and removed with every process in
// them afterwards. Namespaces an earlier, killed run left behind are removed too.
import { rmSync } from 'node:fs';
import { inNamespace, run } from './commands';

/** Every lab namespace starts with this, then the pid of the run that made it. */
const PREFIX = 'wdhlab';
const LAB_NAME = new RegExp(`^${PREFIX}(\\d+)-`);

/** The run's prefix: the Playwright runner's pid (globalSetup exports it to the workers). */
export function runPrefix(): string {
  process.env.NETLAB_RUN ??= `${PREFIX}${process.pid}`;
  return process.env.NETLAB_RUN;
}

const listNamespaces = (): string[] =>
  run('ip', ['netns', 'list'])
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(PREFIX));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Kills every process still in the namespace, then deletes it (and its /etc/netns files). */
export function removeNamespace(name: string): void {
  const pids = () =>
    run('ip', ['netns', 'pids', name])
      .split('\n')
      .map(Number)
      .filter((pid) => pid > 0);
  try {
    for (const pid of pids()) process.kill(pid, 'SIGKILL');
  } catch {
    // already gone: the namespace may have been removed by another cleanup
  }
  try {
    run('ip', ['netns', 'del', name]);
  } catch {
    // same: nothing left to remove
  }
  rmSync(`/etc/netns/${name}`, { recursive: true, force: true });
}

/** Removes this run's namespaces (all of them, or those of one test) and those of runs no longer alive. */
export function removeLabNamespaces(prefix = runPrefix()): string[] {
  const removed = listNamespaces().filter((name) => {
    const owner = Number(LAB_NAME.exec(name)?.[1] ?? 0);
    return name.startsWith(`${prefix}-`) || !alive(owner);
  });
  removed.forEach(removeNamespace);
  return removed;
}

export interface Interface {
  readonly namespace: string;
  readonly device: string;
  /** With its prefix length, e.g. 198.51.100.2/24; none on a shaper's bridge-less ends. */
  readonly address?: string;
}

/** One test's namespaces; `remove()` takes them all down. */
export class Namespaces {
  private readonly made: string[] = [];
  private readonly prefix: string;

  constructor(testId: string) {
    this.prefix = `${runPrefix()}-${testId}`;
  }

  /** A fresh namespace, loopback up, IPv6 off (the lab is IPv4 only) and forwarding as asked. */
  add(role: string, { forwarding = false } = {}): string {
    const name = `${this.prefix}-${role}`;
    removeNamespace(name);
    run('ip', ['netns', 'add', name]);
    this.made.push(name);
    inNamespace(name, 'sysctl', [
      '-qw',
      'net.ipv6.conf.all.disable_ipv6=1',
      'net.ipv6.conf.default.disable_ipv6=1',
      `net.ipv4.ip_forward=${forwarding ? 1 : 0}`,
    ]);
    run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    return name;
  }

  /**
   * A veth pair made inside `a` with its other end moved straight into `b`: it never exists in the root namespace.
   * Offloads off, so a frame the shaper reads is whole (checksummed, one MTU at most) wherever it came from.
   */
  link(a: Interface, b: Interface): void {
    run('ip', [
      '-n',
      a.namespace,
      'link',
      'add',
      a.device,
      'type',
      'veth',
      'peer',
      'name',
      b.device,
      'netns',
      b.namespace,
    ]);
    for (const end of [a, b]) {
      inNamespace(end.namespace, 'ethtool', ['-K', end.device, 'tx', 'off', 'tso', 'off', 'gso', 'off', 'gro', 'off']);
      if (end.address) run('ip', ['-n', end.namespace, 'addr', 'add', end.address, 'dev', end.device]);
      run('ip', ['-n', end.namespace, 'link', 'set', end.device, 'up']);
    }
  }

  route(namespace: string, destination: string, via: string): void {
    run('ip', ['-n', namespace, 'route', 'add', destination, 'via', via]);
  }

  /** Files that `ip netns exec` shows at /etc/<file> inside the namespace (e.g. resolv.conf). */
  etcFile(namespace: string, file: string, text: string): void {
    const dir = `/etc/netns/${namespace}`;
    run('mkdir', ['-p', dir]);
    run('tee', [`${dir}/${file}`], text);
  }

  remove(): void {
    this.made.splice(0).reverse().forEach(removeNamespace);
  }
}
