// Applies the preset's sender settings to a video sender (under every SendOnlyConnection: viewers' and the uplink).
import type { SenderSettings } from './presets';

/**
 * True when the sender took them; false when it has no encodings yet (some browsers, before negotiation) or refused
 * them.
 */
export async function applySenderSettings(sender: RTCRtpSender, settings: SenderSettings): Promise<boolean> {
  const params = sender.getParameters();
  const [encoding] = params.encodings ?? [];
  if (!encoding) return false;
  encoding.maxBitrate = settings.maxBitrate;
  encoding.maxFramerate = settings.maxFramerate;
  encoding.scaleResolutionDownBy = settings.scaleResolutionDownBy;
  (params as RTCRtpSendParameters & { degradationPreference?: RTCDegradationPreference }).degradationPreference =
    settings.degradationPreference;
  try {
    await sender.setParameters(params);
    return true;
  } catch {
    return false;
  }
}
