// MediaDelivery with one peer connection (and so one encoder) per viewer.
import type { MediaDelivery, SignalData, ViewerLinkReport } from './media-delivery';
import type { SenderSettings } from './presets';
import { ViewerLink } from './viewer-link';

export class PeerConnectionDelivery implements MediaDelivery {
  private readonly links = new Map<string, ViewerLink>();
  /** Links kept for a viewer that may come back: nothing is sent on them meanwhile. */
  private readonly suspended = new Set<ViewerLink>();
  private tracks: { video: MediaStreamTrack | null; audio: MediaStreamTrack | null } = { video: null, audio: null };
  private settings: SenderSettings | null = null;
  private paused = false;

  constructor(
    private readonly send: (viewerId: string, data: SignalData) => void,
    private readonly iceServers: RTCIceServer[] = [],
  ) {}

  addViewer(viewerId: string): void {
    this.removeViewer(viewerId);
    // Addressed by lookup, not by the id at creation: rebind() can change it.
    const link: ViewerLink = new ViewerLink((data) => this.sendFor(link, data), this.sentTracks(), this.settings, this.iceServers);
    this.links.set(viewerId, link);
    if (this.paused) this.send(viewerId, { control: { paused: true } });
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

  async handleSignal(viewerId: string, data: SignalData): Promise<void> {
    await this.links.get(viewerId)?.handleSignal(data);
  }

  async setSource(stream: MediaStream): Promise<void> {
    this.tracks = { video: stream.getVideoTracks()[0] ?? null, audio: stream.getAudioTracks()[0] ?? null };
    await this.updateTracks();
  }

  async applySettings(settings: SenderSettings): Promise<void> {
    this.settings = settings;
    if (this.tracks.video) this.tracks.video.contentHint = settings.contentHint;
    await Promise.all([...this.links.values()].map((link) => link.applySettings(settings)));
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
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.suspended.clear();
  }

  private sendFor(link: ViewerLink, data: SignalData): void {
    for (const [viewerId, candidate] of this.links) if (candidate === link) return this.send(viewerId, data);
  }

  private sentTracks() {
    return this.paused ? { video: null, audio: null } : this.tracks;
  }

  private async updateTracks(): Promise<void> {
    const tracks = this.sentTracks();
    await Promise.all([...this.links.values()].filter((link) => !this.suspended.has(link)).map((link) => link.setTracks(tracks)));
  }
}
