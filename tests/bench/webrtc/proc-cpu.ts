// CPU time of whole process trees from /proc (Linux): utime + stime of a browser's
// main process and every descendant (renderers, GPU, network, capture services).
// A process's /proc/<pid>/stat already sums all its threads.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const CLOCK_TICKS = (() => {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  readonly ppid: number;
  /** utime + stime, in clock ticks. */
  readonly ticks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after it.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // exited between listing and reading
  }
}

function allProcesses(): Map<number, ProcStat> {
  const table = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) table.set(Number(name), stat);
  }
  return table;
}

/** CPU ticks per pid of `root` and all its descendants. */
export function treeTicks(root: number, table = allProcesses()): Map<number, number> {
  const children = new Map<number, number[]>();
  for (const [pid, stat] of table) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  const result = new Map<number, number>();
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const stat = table.get(pid);
    if (!stat || result.has(pid)) continue;
    result.set(pid, stat.ticks);
    queue.push(...(children.get(pid) ?? []));
  }
  return result;
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest fields are inside user/nice)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = values;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

export interface CpuMark {
  readonly wallMs: number;
  readonly trees: Map<number, number>[];
  readonly machine: { busy: number; total: number };
  readonly self: NodeJS.CpuUsage;
  readonly load1: number;
}

export interface CpuWindow {
  readonly seconds: number;
  /** Per tree, % of one core over the window (100 = one core busy all the time). */
  readonly treesPct: number[];
  readonly processes: number[];
  /** All cores together, % of one core (200 = both of 2 cores busy). */
  readonly machineBusyPct: number;
  /** This Node process (signaling server + Playwright client). */
  readonly benchNodePct: number;
  readonly load1: [number, number];
}

/** Snapshot of the given process trees (by root pid), the machine and this process. */
export function cpuMark(roots: number[]): CpuMark {
  const table = allProcesses();
  return {
    wallMs: performance.now(),
    trees: roots.map((root) => treeTicks(root, table)),
    machine: machineJiffies(),
    self: process.cpuUsage(),
    load1: loadavg()[0]!,
  };
}

/**
 * CPU used between two marks of the same roots. A process born in between counts from 0; one that died in between is
 * lost.
 */
export function cpuBetween(start: CpuMark, end: CpuMark): CpuWindow {
  const seconds = (end.wallMs - start.wallMs) / 1000;
  const pct = (ticks: number) => (ticks / CLOCK_TICKS / seconds) * 100;
  const treesPct = end.trees.map((tree, i) => {
    let ticks = 0;
    for (const [pid, now] of tree) ticks += now - (start.trees[i]?.get(pid) ?? 0);
    return pct(ticks);
  });
  const jiffies = end.machine.total - start.machine.total;
  const cores = jiffies > 0 ? jiffies / CLOCK_TICKS / seconds : 1;
  return {
    seconds,
    treesPct,
    processes: end.trees.map((tree) => tree.size),
    machineBusyPct: jiffies > 0 ? ((end.machine.busy - start.machine.busy) / jiffies) * cores * 100 : Number.NaN,
    benchNodePct: ((end.self.user + end.self.system - start.self.user - start.self.system) / 1e6 / seconds) * 100,
    load1: [start.load1, end.load1],
  };
}
