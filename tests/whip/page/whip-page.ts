// The test page's script: publishes the fake screen (VP8) and its fake audio (Opus) through the
// WHIP client module, and reports what it sent. Built by the WHIP tests with esbuild.
import { WhipClient, type WhipFailure } from '../../../signaling/protocol/whip';

interface PublishOutcome {
  readonly startedAt: number;
  readonly failure?: WhipFailure;
}

let connection: RTCPeerConnection | undefined;
let captureFps: number | undefined;
let client: WhipClient | undefined;
const trickleFailures: WhipFailure[] = [];

function preferVp8(transceiver: RTCRtpTransceiver): void {
  const codecs = RTCRtpReceiver.getCapabilities('video')?.codecs ?? [];
  const vp8 = codecs.filter((c) => /^video\/(vp8|rtx)$/i.test(c.mimeType));
  transceiver.setCodecPreferences(vp8);
}

async function publish(endpointUrl: string, token: string | undefined): Promise<PublishOutcome> {
  const stream = await navigator.mediaDevices.getDisplayMedia({
    video: { width: 1280, height: 720, frameRate: 30 },
    audio: true,
  });
  captureFps = stream.getVideoTracks()[0]?.getSettings().frameRate;
  const startedAt = Date.now();
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  connection = pc;
  for (const track of stream.getTracks()) {
    const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    if (track.kind === 'video') preferVp8(transceiver);
  }
  const whip = new WhipClient(pc, endpointUrl, {
    token,
    onFailure: (failure) => trickleFailures.push(failure),
  });
  client = whip;
  pc.addEventListener('icecandidate', (event) => whip.addLocalCandidate(event.candidate));
  const started = await whip.start();
  return started.ok ? { startedAt } : { startedAt, failure: started.error };
}

/** Frames the video sender has sent so far, and the connection's state. */
async function sent(): Promise<{
  framesSent: number;
  captureFps: number | undefined;
  /** Why the encoder sends less than it captures, if it does ('cpu', 'bandwidth', 'none'). */
  limitedBy: string | undefined;
  /** Frames per second the capture delivers to the sender right now. */
  sourceFps: number | undefined;
  state: string;
  trickleFailures: WhipFailure[];
}> {
  let framesSent = 0;
  let limitedBy: string | undefined;
  let sourceFps: number | undefined;
  const report = await connection?.getStats();
  type Stat = { type: string; kind?: string; framesSent?: number; qualityLimitationReason?: string };
  report?.forEach((stat: Stat & { framesPerSecond?: number }) => {
    if (stat.type === 'media-source' && stat.kind === 'video') sourceFps = stat.framesPerSecond;
    if (stat.type !== 'outbound-rtp' || stat.kind !== 'video') return;
    framesSent += stat.framesSent ?? 0;
    limitedBy = stat.qualityLimitationReason;
  });
  return {
    framesSent,
    captureFps,
    limitedBy,
    sourceFps,
    state: connection?.connectionState ?? 'none',
    trickleFailures,
  };
}

/** The ICE username fragment of the local candidate in use, and the one the local description holds. */
async function iceInUse(): Promise<{ inUse: string | undefined; described: string | undefined }> {
  const stats = new Map<string, Record<string, unknown>>();
  (await connection?.getStats())?.forEach((stat: Record<string, unknown> & { id: string }) => stats.set(stat.id, stat));
  const transport = [...stats.values()].find((stat) => stat.type === 'transport');
  const pair = stats.get(String(transport?.selectedCandidatePairId));
  const local = stats.get(String(pair?.localCandidateId));
  const described = /a=ice-ufrag:(\S+)/.exec(connection?.localDescription?.sdp ?? '')?.[1];
  return { inUse: typeof local?.usernameFragment === 'string' ? local.usernameFragment : undefined, described };
}

/** An ICE restart through the WHIP session (PATCH with If-Match: *). */
async function restartIce(): Promise<WhipFailure | undefined> {
  const restarted = await client?.restartIce();
  return restarted && !restarted.ok ? restarted.error : undefined;
}

/** DELETEs the session but keeps the connection open, so a test can tell DELETE from a hang-up. */
async function stop(): Promise<WhipFailure | undefined> {
  const stopped = await client?.stop();
  return stopped && !stopped.ok ? stopped.error : undefined;
}

function close(): void {
  connection?.close();
}

Object.assign(window, { whipTest: { publish, sent, iceInUse, restartIce, stop, close } });
