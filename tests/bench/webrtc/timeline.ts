// Where the time of one join goes: the probe's timestamps of the viewer page and of
// the host page, as milliseconds after the viewer's Join click.
import type { PeerRecord, ProbeEvent, ProbeSnapshot } from './probe';

/** Milestones in the order they normally happen; `v:` on the viewer page, `h:` on the host page. */
export const MILESTONES = [
  'v:ws-create',
  'v:ws-open',
  'v:welcome',
  'h:viewer-joined',
  'h:pc-created',
  'h:negotiationneeded',
  'h:offer-created',
  'h:offer-sent',
  'v:offer-received',
  'v:pc-created',
  'v:offer-applied',
  'v:answer-sent',
  'h:answer-received',
  'h:answer-applied',
  'h:first-local-candidate',
  'v:first-remote-candidate',
  'v:ice-checking',
  'v:ice-connected',
  'h:ice-connected',
  'v:connected',
  'h:connected',
  'h:first-frame-encoded',
  'h:first-packet-sent',
  'h:first-frame-sent',
  'v:first-packet-received',
  'v:first-frame-received',
  'v:rvfc-receiveTime',
  'v:first-frame-decoded',
  'v:video-element',
  'v:video-srcObject',
  'v:video-width',
  'v:video-frames',
  'v:rvfc-callback',
] as const;

export type Milestone = (typeof MILESTONES)[number];

export interface JoinTrace {
  /** getStats numbers when the host sent the first frame and the viewer decoded it (JSON text from the page). */
  readonly details: { readonly hostFirstFrameSent: unknown; readonly viewerFirstFrameDecoded: unknown };
  /**
   * Join click -> first decoded frame on the <video> (5 ms in-page polling of videoWidth / getVideoPlaybackQuality).
   */
  readonly firstFrameMs: number | null;
  /** Join click -> first requestVideoFrameCallback call (cross-check). */
  readonly rvfcMs: number | null;
  readonly milestones: Partial<Record<Milestone, number>>;
  /** Signaling traffic of this join as the two pages saw it. */
  readonly candidates: {
    readonly viewerReceived: number;
    /** The host's candidates, as the viewer got them, hide addresses behind mDNS names. */
    readonly mdns: boolean;
    /** The viewer's own candidates do (a page without capture permission). */
    readonly viewerMdns: boolean;
    readonly hostLocal: number;
    readonly sample: string[];
  };
}

const after = (events: ProbeEvent[], name: string, t0: number) => events.find(([n, at]) => n === name && at >= t0)?.[1];

export function traceJoin(viewer: ProbeSnapshot, host: ProbeSnapshot): JoinTrace {
  const click = viewer.marks.click;
  if (click === undefined) throw new Error('the viewer page saw no Join click');
  const rel = (at: number | undefined | null) =>
    at === undefined || at === null ? undefined : Math.round((at - click) * 10) / 10;
  const vpc: PeerRecord | undefined = viewer.peers[0];
  // The host's link for this viewer: the one that applied an answer after the click (it may be
  // a spare made before the click, so its first milestones can be negative).
  const hpc: PeerRecord | undefined = host.peers.find(
    (p) => after(p.events, 'setRemote-answer-end', click) !== undefined,
  );
  const vev = (name: string) => (vpc ? after(vpc.events, name, click) : undefined);
  const hev = (name: string) => (hpc ? after(hpc.events, name, click) : undefined);
  const m: Partial<Record<Milestone, number | undefined>> = {
    'v:ws-create': rel(viewer.marks['ws-create']),
    'v:ws-open': rel(viewer.marks['ws-open']),
    'v:welcome': rel(viewer.marks['in:welcome']),
    'h:viewer-joined': rel(after(host.events, 'in:viewer-joined', click)),
    'h:pc-created': rel(hpc?.created),
    'h:negotiationneeded': rel(hev('negotiationneeded')),
    'h:offer-created': rel(hev('createOffer-end')),
    'h:offer-sent': rel(after(host.events, 'out:signal-offer', click)),
    'v:offer-received': rel(viewer.marks['in:signal-offer']),
    'v:pc-created': rel(vpc?.created),
    'v:offer-applied': rel(vev('setRemote-offer-end')),
    'v:answer-sent': rel(viewer.marks['out:signal-answer']),
    'h:answer-received': rel(after(host.events, 'in:signal-answer', click)),
    'h:answer-applied': rel(hev('setRemote-answer-end')),
    'h:first-local-candidate': rel(hpc?.events.find(([n, , d]) => n === 'local-candidate' && d)?.[1]),
    'v:first-remote-candidate': rel(vev('remote-candidate')),
    'v:ice-checking': rel(vev('ice-checking')),
    'v:ice-connected': rel(vev('ice-connected')),
    'h:ice-connected': rel(hev('ice-connected')),
    'v:connected': rel(vev('pc-connected')),
    'h:connected': rel(hev('pc-connected')),
    'h:first-frame-encoded': rel(hev('first-frame-encoded')),
    'h:first-packet-sent': rel(hev('first-packet-sent')),
    'h:first-frame-sent': rel(hev('first-frame-sent')),
    'v:first-packet-received': rel(vev('first-packet-received')),
    'v:first-frame-received': rel(vev('first-frame-received')),
    'v:rvfc-receiveTime': rel(viewer.rvfc?.receiveTime),
    'v:first-frame-decoded': rel(vev('first-frame-decoded')),
    'v:video-element': rel(viewer.marks['video-element']),
    'v:video-srcObject': rel(viewer.marks['video-srcObject']),
    'v:video-width': rel(viewer.marks['video-width']),
    'v:video-frames': rel(viewer.marks['video-frames']),
    'v:rvfc-callback': rel(viewer.rvfc?.at),
  };
  const milestones: Partial<Record<Milestone, number>> = {};
  for (const name of MILESTONES) {
    const value = m[name];
    if (value !== undefined) milestones[name] = value;
  }
  const frameMarks = [viewer.marks['video-width'], viewer.marks['video-frames']].filter(
    (t): t is number => t !== undefined,
  );
  const remote = vpc?.events.filter(([n, , d]) => n === 'remote-candidate' && d) ?? [];
  const detail = (record: PeerRecord | undefined, name: string) => {
    const text = record?.events.find(([n]) => n === name)?.[2];
    try {
      return text ? (JSON.parse(text) as unknown) : null;
    } catch {
      return null;
    }
  };
  return {
    details: {
      hostFirstFrameSent: detail(hpc, 'first-frame-sent'),
      viewerFirstFrameDecoded: detail(vpc, 'first-frame-decoded'),
    },
    firstFrameMs: frameMarks.length > 0 ? (rel(Math.min(...frameMarks)) ?? null) : null,
    rvfcMs: rel(viewer.rvfc?.at) ?? null,
    milestones,
    candidates: {
      viewerReceived: remote.length,
      mdns: remote.some(([, , d]) => /\.local\b/.test(d ?? '')),
      viewerMdns: vpc?.events.some(([n, , d]) => n === 'local-candidate' && /\.local\b/.test(d ?? '')) ?? false,
      hostLocal: hpc?.events.filter(([n, , d]) => n === 'local-candidate' && d).length ?? 0,
      // "candidate:… 1 udp 2122260223 fd00::2 45131 typ host …" -> "udp fd00::2 typ host"
      sample: remote.slice(0, 4).map(([, , d]) =>
        (d ?? '')
          .split(' ')
          .filter((_, i) => i === 2 || i === 4 || i === 6 || i === 7)
          .join(' '),
      ),
    },
  };
}
