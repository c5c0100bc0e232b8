// What the host shares: the capture (with the preset's constraints and system audio),
// the one way a new capture reaches viewers (capture, then setSource, then preset),
// presets and caps applied to the track and the senders, and the capture label.
import type { HostState } from '../app/app-state';
import type { Platform } from '../platform/platform';
import { describeCaptureError } from './host-words';
import type { MediaDelivery } from './media-delivery';
import { captureConstraintsFor, presetById, senderSettingsFor } from './presets';

export class CaptureController {
  private current: MediaStream | null = null;

  constructor(
    private readonly state: HostState,
    private readonly platform: Platform,
    /** The user ended sharing from the browser's own bar. */
    private readonly onEnded: () => void,
  ) {}

  get stream(): MediaStream | null {
    return this.current;
  }

  /**
   * Captures `sourceId` and sends it instead of what was shared (viewers stay connected), then applies the preset.
   * False, with the error shown, when the capture failed.
   */
  async share(delivery: MediaDelivery, sourceId: string | undefined): Promise<boolean> {
    const previous = this.current;
    try {
      await this.capture(sourceId);
    } catch (error) {
      this.state.error.value = describeCaptureError(error);
      return false;
    }
    await delivery.setSource(this.current!);
    await this.applyPreset(delivery);
    if (previous && previous !== this.current) for (const track of previous.getTracks()) track.stop();
    return true;
  }

  async applyPreset(delivery: MediaDelivery | null): Promise<void> {
    const preset = presetById(this.state.presetId.value);
    const video = this.current?.getVideoTracks()[0];
    if (video) {
      await video.applyConstraints(captureConstraintsFor(preset, this.state.caps.value)).catch(() => undefined);
      this.describe();
    }
    const settings = video?.getSettings();
    const frame = settings?.width && settings.height ? { width: settings.width, height: settings.height } : undefined;
    await delivery?.applySettings(senderSettingsFor(preset, this.state.caps.value, frame));
  }

  stop(): void {
    for (const track of this.current?.getTracks() ?? []) {
      track.onended = null;
      track.stop();
    }
    this.current = null;
    this.state.captureLabel.value = null;
  }

  private async capture(sourceId: string | undefined): Promise<void> {
    const constraints = captureConstraintsFor(presetById(this.state.presetId.value), this.state.caps.value);
    const systemAudio = this.state.systemAudio.value;
    this.current = await this.platform.capture({ sourceId, ...constraints, systemAudio });
    const video = this.current.getVideoTracks()[0];
    // The user can end sharing from the browser's own bar: treat it as Stop hosting.
    if (video) video.onended = () => this.onEnded();
    this.describe();
  }

  private describe(): void {
    const settings = this.current?.getVideoTracks()[0]?.getSettings();
    this.state.captureLabel.value = settings?.width
      ? `${settings.width}×${settings.height} at ${Math.round(settings.frameRate ?? 0)} fps`
      : null;
  }
}
