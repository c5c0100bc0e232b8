// Applies the preset's sender settings to a video sender (per-viewer links and the relay's publisher link).
import type { SenderSettings } from './presets';

export async function applySenderSettings(sender: RTCRtpSender, settings: SenderSettings): Promise<void> {
  const params = sender.getParameters();
  const [encoding] = params.encodings ?? [];
  if (!encoding) return; // not negotiated yet: applied after the answer
  encoding.maxBitrate = settings.maxBitrate;
  encoding.maxFramerate = settings.maxFramerate;
  encoding.scaleResolutionDownBy = settings.scaleResolutionDownBy;
  (params as RTCRtpSendParameters & { degradationPreference?: RTCDegradationPreference }).degradationPreference = settings.degradationPreference;
  await sender.setParameters(params).catch(() => undefined);
}
