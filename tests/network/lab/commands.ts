// Runs the lab's system commands (ip, nft, tc, sysctl) and tells whether this machine
// can run the lab at all. Every command is synchronous and throws with its stderr.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Runs a command and returns its stdout; throws with the command line and stderr on failure. */
export function run(command: string, args: readonly string[], input?: string): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${command} ${args.join(' ')}: ${stderr.trim() || String(error)}`, { cause: error });
  }
}

/** Runs a command in a namespace (`ip netns exec`). */
export function inNamespace(namespace: string, command: string, args: readonly string[], input?: string): string {
  return run('ip', ['netns', 'exec', namespace, command, ...args], input);
}

/** Loads an nftables ruleset (`nft -f -`) into a namespace. */
export function nft(namespace: string, ruleset: string): void {
  inNamespace(namespace, 'nft', ['-f', '-'], ruleset);
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const works = (command: string, args: readonly string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

/** Why this machine cannot run the network lab, or null when it can. */
export function labUnavailable(): string | null {
  if (process.platform !== 'linux') return 'the network lab needs Linux network namespaces';
  if (process.getuid?.() !== 0) return 'the network lab needs root (ip netns, nftables); .ci/run runs as root';
  if (!works('ip', ['netns', 'list'])) return '`ip netns` does not work here (iproute2 missing?)';
  if (!works('nft', ['--version'])) return 'nft (nftables) is not installed';
  if (!works('tc', ['-V'])) return 'tc (iproute2) is not installed';
  if (!works('ethtool', ['--version'])) return 'ethtool is not installed (veth offloads off for the shaper)';
  if (!works(PYTHON, ['--version'])) return 'python3 is not installed (the delay/loss shaper)';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`;
  return null;
}

/** Why the TURN scenarios cannot run, or null when coturn (and openssl, for its TLS certificate) are there. */
export function turnUnavailable(): string | null {
  if (!works('turnserver', ['--version'])) return 'coturn (turnserver) is not installed';
  if (!works('openssl', ['version'])) return "openssl is not installed (the TURN server's TLS certificate)";
  return null;
}
