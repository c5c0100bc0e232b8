// The host side: capture, one signaling connection as host, and a MediaDelivery
// that gets the picture to every admitted viewer. Writes HostState; views call it
// through HostControls.
import {
  assertNever,
  isPlainObject,
  type ClientMessage,
  type ServerMessage,
  type ViewerSummary,
} from '../../signaling/protocol';
import { pushHistory, type HostState, type ReceivedReport, type ViewerEntry } from '../app/app-state';
import type { HostControls } from '../app/controllers';
import type { HostingEndpoint, Platform } from '../platform/platform';
import { SignalingConnection } from '../connection/signaling-connection';
import { totalBitrate } from '../stats/normalise-stats';
import type { MediaDelivery, SignalData } from './media-delivery';
import { PeerConnectionDelivery } from './peer-connection-delivery';
import { captureConstraintsFor, presetById, senderSettingsFor, type PresetId, type UserCaps } from './presets';
import { hostErrorWords } from './host-error-words';
import { ReturningViewers, unprovenWords } from './returning-viewers';
import { AnswerDeadline, unansweredWords } from './answer-deadline';
import { HostSecurity, VERIFICATION_REQUIRED } from './host-security';

const STATS_INTERVAL_MS = 1_000;
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000];

export type DeliveryFactory = (
  send: (viewerId: string, data: SignalData) => void,
  endpoint: HostingEndpoint,
) => MediaDelivery;

export class HostSession implements HostControls {
  private connection: SignalingConnection | null = null;
  private endpoint: HostingEndpoint | null = null;
  private stream: MediaStream | null = null;
  private delivery: MediaDelivery | null = null;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectAttempt = 0;
  private readonly returning = new ReturningViewers();
  private readonly answers = new AnswerDeadline((id) => this.kickWithNotice(id, unansweredWords));
  /** Link key, signing and checking of signals: one per hosting session. */
  private security: HostSecurity | null = null;

  constructor(
    private readonly state: HostState,
    private readonly platform: Platform,
    private readonly createDelivery: DeliveryFactory = (send) => new PeerConnectionDelivery(send),
  ) {
    void platform.systemAudioSupport().then((support) => {
      state.systemAudioUnavailable.value = support.available
        ? null
        : (support.reason ?? 'Sharing the computer’s sound is not available here.');
      if (!support.available) state.systemAudio.value = false;
    }); // deliberately not awaited: the checkbox stays off until the answer comes
    // The desktop app lists screens and windows itself: show them before the first share.
    if (platform.listsSources) void this.refreshSources().catch(() => undefined);
  }

  async connect(): Promise<void> {
    if (this.delivery || this.state.status.value !== 'idle') return;
    this.state.status.value = 'starting';
    this.state.error.value = null;
    const endpoint = await this.platform.startHosting();
    if (!endpoint.ok) return this.fail(endpoint.error);
    this.endpoint = endpoint.value;
    this.state.port.value = endpoint.value.port;
    const from = endpoint.value.portFallbackFrom;
    this.state.notice.value =
      from === undefined
        ? null
        : `Port ${from} was in use, so this session uses port ${endpoint.value.port}. Links and the QR code already show it.`;
    this.security = new HostSecurity(endpoint.value.hostKey, endpoint.value.linkKey);
    this.state.onlyVerified.value = this.security.onlyVerified;
    this.delivery = this.createDelivery((viewerId, data) => this.sendSignal(viewerId, data), endpoint.value);
    this.openConnection();
    this.statsTimer = setInterval(() => void this.refreshStats(), STATS_INTERVAL_MS);
  }

  async startHosting(): Promise<void> {
    if (this.stream) return;
    await this.connect();
    if (!this.delivery) return;
    this.state.error.value = null;
    try {
      await this.capture(this.state.sourceId.value ?? undefined);
    } catch (error) {
      this.state.error.value = describeCaptureError(error);
      return;
    }
    await this.delivery.setSource(this.stream!);
    await this.applyPreset();
    if (this.state.status.value === 'ready') this.state.status.value = 'live';
  }

  async stopHosting(): Promise<void> {
    if (this.state.status.value === 'idle') return;
    this.state.status.value = 'stopping';
    this.teardown();
    await this.platform.stopHosting();
    this.state.status.value = 'idle';
  }

  admit(viewerId: string): void {
    this.send({ type: 'admit', id: viewerId });
    this.updateViewer(viewerId, { state: 'connecting' });
    this.startDelivery(viewerId);
  }

  /** Media to an admitted viewer, plus its ticket for coming back. */
  private startDelivery(viewerId: string): void {
    this.delivery?.addViewer(viewerId);
    this.sendTicket(viewerId);
  }

  private sendTicket(viewerId: string): void {
    this.sendSignal(viewerId, { rejoin: this.returning.issue(viewerId) });
  }

  /** Every signal to a viewer is signed with the link key, end to end. */
  private sendSignal(viewerId: string, data: SignalData): void {
    this.answers.sent(viewerId, data);
    this.send({ type: 'signal', to: viewerId, data: this.security ? this.security.seal(viewerId, data) : data });
  }

  /**
   * A viewer back with a ticket we gave, whose owner is gone: let in without asking, but sent
   * nothing until it proves it holds the ticket (`checkReturn`). False for anyone else.
   */
  private welcomeBack(viewer: ViewerSummary): boolean {
    const isListed = (id: string) => this.state.viewers.value.some((v) => v.id === id);
    if (!this.returning.claim(viewer, isListed, () => this.kickWithNotice(viewer.id, unprovenWords))) return false;
    if (viewer.state === 'waiting') this.send({ type: 'admit', id: viewer.id });
    this.state.viewers.value = [
      ...this.state.viewers.value.filter((v) => v.id !== viewer.id),
      newEntry(viewer.id, viewer.name, viewer.address, 'connecting'),
    ];
    return true;
  }

  /** A returning viewer's proof: carry on with its former connection, or turn it away. */
  private checkReturn(viewerId: string, proof: unknown): void {
    const signed = this.state.viewers.value.find((v) => v.id === viewerId)?.verified === true;
    const outcome = this.returning.prove(viewerId, proof, signed, (id) => this.security?.hasSigned(id) ?? false);
    if (outcome.kind === 'refused') return this.kickWithNotice(viewerId, unprovenWords);
    if (outcome.kind === 'not-returning') return;
    const kept = this.returning.adopt(outcome.formerId) && (this.delivery?.rebind(outcome.formerId, viewerId) ?? false);
    if (kept) this.sendTicket(viewerId);
    else this.startDelivery(viewerId);
  }

  /** Kicks a viewer one of the host's checks refused, and says why. */
  private kickWithNotice(viewerId: string, words: (name: string) => string): void {
    const entry = this.state.viewers.value.find((v) => v.id === viewerId);
    if (!entry) return;
    this.kick(viewerId);
    this.state.notice.value = words(entry.name);
  }

  /** A viewer gone without the host's say: its connection is kept a while in case it comes back. */
  private lose(viewerId: string): void {
    const entry = this.state.viewers.value.find((v) => v.id === viewerId);
    this.state.viewers.value = this.state.viewers.value.filter((v) => v.id !== viewerId);
    if (!entry || entry.state === 'waiting') return;
    this.delivery?.suspend(viewerId);
    this.answers.forget(viewerId);
    this.returning.orphan(viewerId, () => this.delivery?.removeViewer(viewerId));
    // Someone who named this viewer's ticket while it was still here may now be its return.
    for (const newcomer of this.returning.ownerLeft(viewerId))
      if (this.state.viewers.value.find((v) => v.id === newcomer.id)?.state === 'waiting') this.welcomeBack(newcomer);
  }

  deny(viewerId: string): void {
    this.send({ type: 'deny', id: viewerId });
    this.dropViewer(viewerId);
  }

  kick(viewerId: string): void {
    this.send({ type: 'kick', id: viewerId });
    this.dropViewer(viewerId);
  }

  setPaused(paused: boolean): void {
    this.state.paused.value = paused;
    void this.delivery?.setPaused(paused);
  }

  async setPreset(id: PresetId): Promise<void> {
    this.state.presetId.value = id;
    await this.applyPreset();
  }

  async setCaps(caps: UserCaps): Promise<void> {
    this.state.caps.value = caps;
    await this.applyPreset();
  }

  async setSystemAudio(on: boolean): Promise<void> {
    this.state.systemAudio.value = on;
    // Audio comes with the capture: capture again, keeping viewers connected.
    if (this.stream) await this.chooseSource(this.state.sourceId.value ?? undefined);
  }

  setRequireApproval(on: boolean): void {
    this.state.requireApproval.value = on;
    this.send({ type: 'configure', requireApproval: on });
    // The server admits everyone waiting when approval goes off; start sending to them.
    if (!on) for (const viewer of this.state.viewers.value) if (viewer.state === 'waiting') this.admit(viewer.id);
  }

  setOnlyVerified(on: boolean): void {
    this.state.onlyVerified.value = on;
    this.security?.setOnlyVerified(on);
  }

  setMaxViewers(count: number): void {
    this.state.maxViewers.value = count;
    this.send({ type: 'configure', maxViewers: count });
  }

  async chooseSource(sourceId?: string): Promise<void> {
    this.state.sourceId.value = sourceId ?? null;
    if (!this.delivery) return; // remembered for the next start
    const previous = this.stream;
    try {
      await this.capture(sourceId);
    } catch (error) {
      this.state.error.value = describeCaptureError(error);
      return;
    }
    await this.delivery.setSource(this.stream!);
    await this.applyPreset();
    if (previous && previous !== this.stream) for (const track of previous.getTracks()) track.stop();
  }

  async refreshSources(): Promise<void> {
    this.state.sources.value = await this.platform.listSources();
  }

  // ---- signaling ----

  private openConnection(): void {
    if (!this.endpoint) return;
    const endpoint = this.endpoint;
    this.connection = new SignalingConnection(endpoint.signalUrl, {
      onOpen: () => this.send({ type: 'hello', role: 'host', key: endpoint.hostKey, protocol: 1 }),
      onMessage: (message) => this.receive(message),
      onClose: (code) => this.connectionLost(code),
    });
  }

  private send(message: ClientMessage): void {
    this.connection?.send(message);
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        if (message.role !== 'host') return;
        this.reconnectAttempt = 0;
        this.state.status.value = this.stream ? 'live' : 'ready';
        this.state.error.value = null;
        this.resumeViewers(message.viewers);
        this.send({ type: 'session' });
        return;
      case 'session': {
        const security = this.security;
        const joinUrls = security ? message.joinUrls.map((url) => security.joinLink(url)) : message.joinUrls;
        this.state.joinUrls.value = joinUrls;
        this.state.requireApproval.value = message.requireApproval;
        this.state.maxViewers.value = message.maxViewers;
        if (!joinUrls.includes(this.state.chosenJoinUrl.value ?? ''))
          this.state.chosenJoinUrl.value = joinUrls[0] ?? null;
        return;
      }
      case 'viewer-joined': {
        if (this.welcomeBack(message)) return;
        const state = message.state === 'admitted' ? 'connecting' : 'waiting';
        this.state.viewers.value = [
          ...this.state.viewers.value.filter((v) => v.id !== message.id),
          newEntry(message.id, message.name, message.address, state),
        ];
        if (state === 'connecting') this.startDelivery(message.id);
        else this.state.joinRequests.value += 1;
        return;
      }
      case 'viewer-left':
        if (message.reason === 'kicked' || message.reason === 'denied') this.dropViewer(message.id);
        else this.lose(message.id);
        return;
      case 'viewer-stats':
        this.updateViewer(message.id, { received: readReport(message.data) });
        return;
      case 'signal': {
        const data = this.acceptSignal(message.from, message.data);
        if (!data) return;
        this.answers.received(message.from, data);
        // A viewer leaving on purpose says so: nothing of it is kept for a return.
        if (data.bye === true) return this.dropViewer(message.from);
        if (data.returning !== undefined) return this.checkReturn(message.from, data.returning);
        void this.delivery?.handleSignal(message.from, data).catch(() => undefined);
        return;
      }
      case 'error':
        if (message.code !== 'unknown-peer') this.state.error.value = hostErrorWords(message.code, message.message);
        return;
      case 'admitted':
      case 'host-joined':
      case 'host-left':
        return; // viewer messages
      default:
        return assertNever(message);
    }
  }

  /**
   * After (re)connecting: the server's list is the truth. Viewers still admitted keep
   * their peer connection (media kept flowing while signaling was down); the others
   * get a new one or are dropped.
   */
  private resumeViewers(listed: readonly ViewerSummary[]): void {
    const known = new Map(this.state.viewers.value.map((v) => [v.id, v]));
    for (const id of known.keys()) if (!listed.some((v) => v.id === id)) this.lose(id);
    let asked = false;
    for (const viewer of listed) {
      const before = known.get(viewer.id);
      if (before && (before.state !== 'waiting' || viewer.state === 'waiting')) continue; // unchanged
      if (this.welcomeBack(viewer)) continue;
      const state = viewer.state === 'admitted' ? 'connecting' : 'waiting';
      this.state.viewers.value = [
        ...this.state.viewers.value.filter((v) => v.id !== viewer.id),
        newEntry(viewer.id, viewer.name, viewer.address, state),
      ];
      if (state === 'connecting') this.startDelivery(viewer.id);
      else asked = true;
    }
    if (asked) this.state.joinRequests.value += 1;
  }

  /** The signal's payload when it passes the check; null when it is refused (and counted). */
  private acceptSignal(viewerId: string, data: SignalData): SignalData | null {
    const verdict = this.security?.judge(viewerId, data) ?? { action: 'deliver', payload: data, verified: false };
    const entry = this.state.viewers.value.find((v) => v.id === viewerId);
    switch (verdict.action) {
      case 'deliver':
        if (entry && entry.verified !== verdict.verified) this.updateViewer(viewerId, { verified: verdict.verified });
        return verdict.payload;
      case 'refuse':
        if (entry) this.updateViewer(viewerId, { refusedSignals: entry.refusedSignals + 1 });
        return null;
      case 'turn-away':
        if (!entry) return null; // already turned away: its messages still in flight change nothing
        this.sendSignal(viewerId, VERIFICATION_REQUIRED);
        this.kick(viewerId);
        // The safe action first; switching the check off is the downgrade an attacker wants.
        this.state.notice.value = `${entry.name} was turned away: a message in their name was not signed with the link’s security key. Send them the full link shown here (it ends in “&k=…”) and ask them to join again. If they already used it, someone on the network may be tampering. Turning “Only verified viewers” off would let in anyone who has seen the link, unchecked.`;
        return null;
      default:
        return assertNever(verdict);
    }
  }

  private connectionLost(code: number): void {
    this.connection = null;
    const status = this.state.status.value;
    if (status === 'stopping' || status === 'idle') return;
    // A wrong key or a second host page will not get better by retrying.
    if (code === 4002 || code === 4006 || code === 4400) {
      this.teardown();
      this.state.status.value = 'idle';
      return;
    }
    this.state.status.value = 'reconnecting';
    const delay = RECONNECT_DELAYS_MS[Math.min(this.reconnectAttempt, RECONNECT_DELAYS_MS.length - 1)]!;
    this.reconnectAttempt += 1;
    this.reconnectTimer = setTimeout(() => this.openConnection(), delay);
  }

  // ---- media ----

  private async capture(sourceId: string | undefined): Promise<void> {
    const constraints = captureConstraintsFor(presetById(this.state.presetId.value), this.state.caps.value);
    this.stream = await this.platform.capture({ sourceId, ...constraints, systemAudio: this.state.systemAudio.value });
    const video = this.stream.getVideoTracks()[0];
    // The user can end sharing from the browser's own bar: treat it as Stop hosting.
    if (video) video.onended = () => void this.stopHosting();
    this.describeCapture();
  }

  private async applyPreset(): Promise<void> {
    const preset = presetById(this.state.presetId.value);
    const video = this.stream?.getVideoTracks()[0];
    if (video) {
      await video.applyConstraints(captureConstraintsFor(preset, this.state.caps.value)).catch(() => undefined);
      this.describeCapture();
    }
    const settings = video?.getSettings();
    const frame = settings?.width && settings.height ? { width: settings.width, height: settings.height } : undefined;
    await this.delivery?.applySettings(senderSettingsFor(preset, this.state.caps.value, frame));
  }

  private describeCapture(): void {
    const settings = this.stream?.getVideoTracks()[0]?.getSettings();
    this.state.captureLabel.value = settings?.width
      ? `${settings.width}×${settings.height} at ${Math.round(settings.frameRate ?? 0)} fps`
      : null;
  }

  private async refreshStats(): Promise<void> {
    if (!this.delivery) return;
    const reports = await this.delivery.collectStats();
    this.state.viewers.value = this.state.viewers.value.map((viewer) => {
      const report = reports.get(viewer.id);
      if (!report) return viewer;
      const state = viewer.state === 'waiting' ? 'waiting' : report.connected ? 'watching' : 'connecting';
      const safetyCode = report.dtls?.kind === 'pinned' ? report.dtls.safetyCode : viewer.safetyCode;
      return {
        ...viewer,
        state,
        safetyCode,
        stats: report.stats,
        bitrateHistory: pushHistory(viewer.bitrateHistory, report.stats.bitrateBps ?? 0),
      };
    });
    for (const [viewerId, report] of reports) if (report.dtls?.kind === 'mismatch') this.refuseMismatch(viewerId);
    const total = totalBitrate([...reports.values()].map((r) => r.stats));
    this.state.totalBitrateHistory.value = pushHistory(this.state.totalBitrateHistory.value, total ?? 0);
    this.refreshUplink();
  }

  private refreshUplink(): void {
    const report = this.delivery?.uplink?.() ?? null;
    const previous = this.state.uplink.value;
    this.state.uplink.value = report && {
      ...report,
      bitrateHistory: pushHistory(previous?.bitrateHistory ?? [], report.bitrateBps ?? 0),
    };
  }

  /** The viewer's DTLS certificate is not the one its signed answer named: someone is in the middle. */
  private refuseMismatch(viewerId: string): void {
    const name = this.state.viewers.value.find((v) => v.id === viewerId)?.name ?? 'a viewer';
    this.kick(viewerId);
    this.state.error.value = `The connection to ${name} was closed: its security certificate did not match the one in its signed answer, a sign that someone is in the middle.`;
  }

  // ---- state helpers ----

  private updateViewer(id: string, change: Partial<ViewerEntry>): void {
    this.state.viewers.value = this.state.viewers.value.map((v) => (v.id === id ? { ...v, ...change } : v));
  }

  /** Gone by the host's decision (kick, deny): nothing of it is kept, its tickets are void. */
  private dropViewer(id: string): void {
    this.returning.revoke(id);
    this.answers.forget(id);
    this.delivery?.removeViewer(id);
    this.state.viewers.value = this.state.viewers.value.filter((v) => v.id !== id);
  }

  private fail(message: string): void {
    this.teardown();
    this.state.error.value = message;
    this.state.status.value = 'idle';
    void this.platform.stopHosting();
  }

  private teardown(): void {
    clearInterval(this.statsTimer);
    clearTimeout(this.reconnectTimer);
    const connection = this.connection;
    this.connection = null;
    connection?.close();
    this.delivery?.close();
    this.delivery = null;
    for (const track of this.stream?.getTracks() ?? []) {
      track.onended = null;
      track.stop();
    }
    this.stream = null;
    this.endpoint = null;
    this.security = null;
    this.returning.clear();
    this.answers.clear();
    this.state.viewers.value = [];
    this.state.joinUrls.value = [];
    this.state.port.value = null;
    this.state.notice.value = null;
    this.state.paused.value = false;
    this.state.captureLabel.value = null;
    this.state.totalBitrateHistory.value = [];
    this.state.uplink.value = null;
  }
}

function newEntry(id: string, name: string, address: string, state: ViewerEntry['state']): ViewerEntry {
  return {
    id,
    name,
    address,
    state,
    stats: null,
    received: null,
    bitrateHistory: [],
    verified: null,
    safetyCode: null,
    refusedSignals: 0,
  };
}

const reportNumber = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** A viewer's `stats` is untrusted input: keep only known numeric fields. */
export function readReport(data: unknown): ReceivedReport | null {
  if (!isPlainObject(data)) return null;
  return {
    fps: reportNumber(data.fps),
    width: reportNumber(data.width),
    height: reportNumber(data.height),
    bitrateBps: reportNumber(data.bitrateBps),
    packetLossPct: reportNumber(data.packetLossPct),
    jitterMs: reportNumber(data.jitterMs),
    framesDecoded: reportNumber(data.framesDecoded),
  };
}

function describeCaptureError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError')
    return 'Screen sharing was cancelled or not allowed. Click Start hosting and pick a screen or window to share.';
  if (name === 'NotFoundError') return 'There is nothing to share: no screen or window was found.';
  if (name === 'NotReadableError')
    return 'The screen could not be captured. Another app may be using it; close it and try again.';
  return `The screen could not be captured (${error instanceof Error ? error.message : String(error)}).`;
}
