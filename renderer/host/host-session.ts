// The host side's lifecycle: start hosting (a signaling connection as host, a
// delivery, the link key), share, stop; and the controls the views call. Each job
// lives in its own part: HostConnection (reconnecting socket), dispatchToHost
// (server messages), ViewerAdmission + ViewerRoster (who watches), ViewerSignals
// (every signal to and from viewers), CaptureController, StatsPoller, host-words.
import type { ClientMessage, SignalPayload } from '../../signaling/protocol';
import type { HostState } from '../app/app-state';
import type { DeliveryPreference } from '../app/delivery-preference';
import type { HostControls } from '../app/controllers';
import type { HostingEndpoint, Platform } from '../platform/platform';
import { CaptureController } from './capture-controller';
import { Delivery } from './delivery';
import { DirectStrategy } from './direct-strategy';
import { HostConnection } from './host-connection';
import { dispatchToHost, type DispatchParts } from './host-dispatch';
import { HostSecurity } from './host-security';
import { certificateMismatchError, portFallbackNotice, SYSTEM_AUDIO_UNAVAILABLE, UNNAMED_VIEWER } from './host-words';
import type { MediaDelivery } from './media-delivery';
import type { PresetId, UserCaps } from './presets';
import { ReturningViewers } from './returning-viewers';
import { StatsPoller } from './stats-poller';
import { ViewerAdmission } from './viewer-admission';
import { ViewerRoster } from './viewer-roster';
import { ViewerSignals } from './viewer-signals';

export type DeliveryFactory = (
  send: (viewerId: string, data: SignalPayload) => void,
  endpoint: HostingEndpoint,
) => MediaDelivery;

const directOnly: DeliveryFactory = (send) =>
  new Delivery(send, [(context) => new DirectStrategy(context)], { onMode: () => undefined });

export class HostSession implements HostControls {
  private connection: HostConnection | null = null;
  private delivery: MediaDelivery | null = null;
  private readonly returning = new ReturningViewers();
  private readonly roster: ViewerRoster;
  private readonly signals: ViewerSignals;
  private readonly admission: ViewerAdmission;
  private readonly capture: CaptureController;
  private readonly stats: StatsPoller;
  private readonly dispatch: DispatchParts;

  constructor(
    private readonly state: HostState,
    private readonly platform: Platform,
    private readonly createDelivery: DeliveryFactory = directOnly,
  ) {
    const send = (message: ClientMessage) => this.connection?.send(message);
    this.roster = new ViewerRoster(state);
    const refuse = (viewerId: string, notice: (name: string) => string) => this.kickWithNotice(viewerId, notice);
    this.signals = new ViewerSignals(send, this.roster, refuse);
    const parts = {
      roster: this.roster,
      returning: this.returning,
      signals: this.signals,
      delivery: () => this.delivery,
      security: () => this.signals.security,
      send,
      refuse,
    };
    this.admission = new ViewerAdmission(parts);
    this.dispatch = { ...parts, state, admission: this.admission, welcomed: () => this.welcomed() };
    this.capture = new CaptureController(state, platform, () => void this.stopHosting());
    this.stats = new StatsPoller(state, this.roster, (viewerId) => this.refuseMismatch(viewerId));
    void platform.systemAudioSupport().then((support) => {
      state.systemAudioUnavailable.value = support.available ? null : (support.reason ?? SYSTEM_AUDIO_UNAVAILABLE);
      if (!support.available) state.systemAudio.value = false;
    }); // deliberately not awaited: the checkbox stays off until the answer comes
    // The desktop app lists screens and windows itself: show them before the first share.
    if (platform.listsSources) void this.refreshSources().catch(() => undefined);
  }

  async connect(): Promise<void> {
    if (this.delivery || this.state.status.value !== 'idle') return;
    this.state.status.value = 'starting';
    this.state.error.value = null;
    const started = await this.platform.startHosting();
    if (!started.ok) return this.fail(started.error);
    const endpoint = started.value;
    this.state.port.value = endpoint.port;
    const from = endpoint.portFallbackFrom;
    this.state.notice.value = from === undefined ? null : portFallbackNotice(from, endpoint.port);
    const security = new HostSecurity(endpoint.hostKey, endpoint.linkKey);
    this.signals.security = security;
    this.state.onlyVerified.value = security.onlyVerified;
    const delivery = this.createDelivery((viewerId, data) => this.signals.send(viewerId, data), endpoint);
    this.delivery = delivery;
    this.connection = new HostConnection(endpoint, {
      onMessage: (message) => dispatchToHost(message, this.dispatch),
      onReconnecting: () => this.connectionLost(),
      onRefused: () => this.refused(),
    });
    this.stats.start(delivery);
  }

  async startHosting(): Promise<void> {
    if (this.capture.stream) return;
    await this.connect();
    if (!this.delivery) return;
    this.state.error.value = null;
    if (!(await this.capture.share(this.delivery, this.state.sourceId.value ?? undefined))) return;
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
    this.admission.admit(viewerId);
  }

  deny(viewerId: string): void {
    this.admission.deny(viewerId);
  }

  kick(viewerId: string): void {
    this.admission.kick(viewerId);
  }

  /** The recorder started or stopped: viewers see whether they are being recorded. */
  setRecording(recording: boolean): void {
    this.delivery?.setRecording(recording);
  }

  setPaused(paused: boolean): void {
    this.state.paused.value = paused;
    void this.delivery?.setPaused(paused);
  }

  async setPreset(id: PresetId): Promise<void> {
    this.state.presetId.value = id;
    await this.capture.applyPreset(this.delivery);
  }

  async setCaps(caps: UserCaps): Promise<void> {
    this.state.caps.value = caps;
    await this.capture.applyPreset(this.delivery);
  }

  async setSystemAudio(on: boolean): Promise<void> {
    this.state.systemAudio.value = on;
    // Audio comes with the capture: capture again, keeping viewers connected.
    if (this.capture.stream) await this.chooseSource(this.state.sourceId.value ?? undefined);
  }

  setRequireApproval(on: boolean): void {
    this.state.requireApproval.value = on;
    this.connection?.send({ type: 'configure', requireApproval: on });
    if (!on) this.admission.admitAllWaiting();
  }

  setOnlyVerified(on: boolean): void {
    this.state.onlyVerified.value = on;
    this.signals.security?.setOnlyVerified(on);
  }

  setMaxViewers(count: number): void {
    this.state.maxViewers.value = count;
    this.connection?.send({ type: 'configure', maxViewers: count });
  }

  async chooseSource(sourceId?: string): Promise<void> {
    this.state.sourceId.value = sourceId ?? null;
    if (!this.delivery) return; // remembered for the next start
    await this.capture.share(this.delivery, sourceId);
  }

  /** What is shared now, for the recorder; null while nothing is. */
  sharedStream(): MediaStream | null {
    return this.capture.stream;
  }

  async refreshSources(): Promise<void> {
    this.state.sources.value = await this.platform.listSources();
  }

  setDeliveryPreference(mode: DeliveryPreference): void {
    this.state.deliveryPreference.value = mode;
  }

  private welcomed(): void {
    this.connection?.welcomed();
    this.state.status.value = this.capture.stream ? 'live' : 'ready';
    this.state.error.value = null;
  }

  private connectionLost(): void {
    const status = this.state.status.value;
    if (status !== 'stopping' && status !== 'idle') this.state.status.value = 'reconnecting';
  }

  /** A wrong key or a second host page will not get better by retrying. */
  private refused(): void {
    this.teardown();
    this.state.status.value = 'idle';
  }

  /** Kicks a viewer one of the host's checks refused (unsigned, unproven return, unanswered offer), and says why. */
  private kickWithNotice(viewerId: string, notice: (name: string) => string): void {
    const entry = this.roster.find(viewerId);
    if (!entry) return;
    this.kick(viewerId);
    this.state.notice.value = notice(entry.name);
  }

  /** The viewer's DTLS certificate is not the one its signed answer named: someone is in the middle. */
  private refuseMismatch(viewerId: string): void {
    const name = this.roster.find(viewerId)?.name ?? UNNAMED_VIEWER;
    this.kick(viewerId);
    this.state.error.value = certificateMismatchError(name);
  }

  private fail(message: string): void {
    this.teardown();
    this.state.error.value = message;
    this.state.status.value = 'idle';
    void this.platform.stopHosting();
  }

  private teardown(): void {
    this.stats.stop();
    this.connection?.close();
    this.connection = null;
    this.delivery?.close();
    this.delivery = null;
    this.capture.stop();
    this.signals.security = null;
    this.returning.clear();
    this.signals.clear();
    this.roster.clear();
    this.state.joinUrls.value = [];
    this.state.port.value = null;
    this.state.notice.value = null;
    this.state.paused.value = false;
    this.state.totalBitrateHistory.value = [];
    this.state.uplink.value = null;
  }
}
