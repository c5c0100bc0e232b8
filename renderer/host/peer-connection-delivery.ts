// MediaDelivery with one peer connection (and so one encoder) per viewer. While
// sharing, one spare link is kept negotiated ahead of the next viewer (offer made,
// candidates gathered), so a joining viewer gets its offer the moment it is let in.
import type { SignalPayload } from '../../signaling/protocol';
import type { MediaDelivery, SignalData, ViewerLinkReport } from './media-delivery';
import type { SenderSettings } from './presets';
import { ViewerLink } from './viewer-link';

export class PeerConnectionDelivery implements MediaDelivery {
  private readonly links = new Map<string, ViewerLink>();
  /** Links kept for a viewer that may come back: nothing is sent on them meanwhile. */
  private readonly suspended = new Set<ViewerLink>();
  /** The next viewer's link, and what it has said so far (offer, candidates) for whoever takes it. */
  private spare: { readonly link: ViewerLink; readonly outbox: SignalData[] } | null = null;
  private tracks: { video: MediaStreamTrack | null; audio: MediaStreamTrack | null } = { video: null, audio: null };
  private settings: SenderSettings | null = null;
  private paused = false;

  constructor(
    private readonly send: (viewerId: string, data: SignalData) => void,
    private readonly iceServers: RTCIceServer[] = [],
  ) {}

  addViewer(viewerId: string): void {
    this.removeViewer(viewerId);
    const spare = this.spare;
    this.spare = null;
    const link = spare?.link ?? this.newLink();
    this.links.set(viewerId, link);
    for (const data of spare?.outbox ?? []) this.send(viewerId, data);
    if (this.paused) this.send(viewerId, { control: { paused: true } });
    this.prepareSpare();
  }

  suspend(viewerId: string): void {
    const link = this.links.get(viewerId);
    if (!link) return;
    this.suspended.add(link);
    void link.setTracks({ video: null, audio: null });
  }

  rebind(formerId: string, viewerId: string): boolean {
    const link = this.links.get(formerId);
    if (!link) return false;
    this.links.delete(formerId);
    this.links.get(viewerId)?.close();
    this.links.set(viewerId, link);
    this.suspended.delete(link);
    void link.setTracks(this.sentTracks());
    return true;
  }

  removeViewer(viewerId: string): void {
    const link = this.links.get(viewerId);
    if (link) this.suspended.delete(link);
    link?.close();
    this.links.delete(viewerId);
  }

  async handleSignal(viewerId: string, data: SignalPayload): Promise<void> {
    await this.links.get(viewerId)?.handleSignal(data);
  }

  async setSource(stream: MediaStream): Promise<void> {
    this.tracks = { video: stream.getVideoTracks()[0] ?? null, audio: stream.getAudioTracks()[0] ?? null };
    this.prepareSpare();
    await this.updateTracks();
  }

  async applySettings(settings: SenderSettings): Promise<void> {
    this.settings = settings;
    if (this.tracks.video) this.tracks.video.contentHint = settings.contentHint;
    await Promise.all(this.allLinks().map((link) => link.applySettings(settings)));
  }

  async setPaused(paused: boolean): Promise<void> {
    this.paused = paused;
    // Nothing is sent while paused; viewers are told so they show "paused", not a frozen frame.
    await this.updateTracks();
    for (const viewerId of this.links.keys()) this.send(viewerId, { control: { paused } });
  }

  async collectStats(): Promise<Map<string, ViewerLinkReport>> {
    const entries = await Promise.all([...this.links].map(async ([id, link]) => [id, await link.report()] as const));
    return new Map(entries);
  }

  close(): void {
    for (const link of this.allLinks()) link.close();
    this.links.clear();
    this.suspended.clear();
    this.spare = null;
  }

  private newLink(): ViewerLink {
    // Addressed by lookup, not by the id at creation: a spare has none yet, and rebind() can change it.
    const link: ViewerLink = new ViewerLink(
      (data) => this.sendFor(link, data),
      this.sentTracks(),
      this.settings,
      this.iceServers,
    );
    return link;
  }

  /** Only while there is something to share: a host that never starts sharing holds no idle connection. */
  private prepareSpare(): void {
    if (this.spare || !this.tracks.video) return;
    this.spare = { link: this.newLink(), outbox: [] };
  }

  private sendFor(link: ViewerLink, data: SignalData): void {
    if (this.spare?.link === link) {
      this.spare.outbox.push(data);
      return;
    }
    for (const [viewerId, candidate] of this.links) if (candidate === link) return this.send(viewerId, data);
  }

  private allLinks(): ViewerLink[] {
    return this.spare ? [...this.links.values(), this.spare.link] : [...this.links.values()];
  }

  private sentTracks() {
    return this.paused ? { video: null, audio: null } : this.tracks;
  }

  private async updateTracks(): Promise<void> {
    const tracks = this.sentTracks();
    await Promise.all(
      this.allLinks()
        .filter((link) => !this.suspended.has(link))
        .map((link) => link.setTracks(tracks)),
    );
  }
}
