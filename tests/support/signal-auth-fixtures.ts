// Shared by the signal-authentication unit and property tests.
import { deriveSignalKeys, type SignalKeys } from '../../renderer/security/signal-mac';
import { ViewerSignalAuth } from '../../renderer/security/viewer-signal-auth';

export const LINK_KEY = 'AAECAwQFBgcICQoLDA0ODw'; // 16 bytes, base64url
const KEYS = deriveSignalKeys(LINK_KEY)!;

/** Keys of LINK_KEY (derived once) or of another link key. */
export const keys = (key = LINK_KEY): SignalKeys => (key === LINK_KEY ? KEYS : deriveSignalKeys(key)!);

/** A viewer that has been welcomed as `id`. */
export function viewerAs(id: string, k = keys()): ViewerSignalAuth {
  const viewer = new ViewerSignalAuth(k);
  viewer.setSelfId(id);
  return viewer;
}
