// Which MediaDelivery a hosting session uses: the relay (the default: the host
// encodes once for everyone) unless "direct" (one connection and encoder per
// viewer) is chosen on this device. The relay falls back to direct by itself when
// the server has no relay.
import type { Signal } from '@preact/signals';
import { loadText, saveText, type ReadableStorage, type WritableStorage } from '../app/device-storage';
import type { HostingEndpoint } from '../platform/platform';
import type { DeliveryFactory } from './host-session';
import { PeerConnectionDelivery } from './peer-connection-delivery';
import { RelayDelivery, type DeliveryMode } from './relay-delivery';
import { relayUrlFor } from './relay-control-socket';

const KEY = 'webrtc-desktop-host.delivery';

export const loadDeliveryPreference = (storage?: ReadableStorage): DeliveryMode =>
  loadText(KEY, storage) === 'direct' ? 'direct' : 'relay';
export const saveDeliveryPreference = (mode: DeliveryMode, storage?: WritableStorage): void =>
  saveText(KEY, mode, storage);

export function chooseDelivery(mode: Signal<DeliveryMode | null>, iceServers: () => RTCIceServer[]): DeliveryFactory {
  return (send, endpoint: HostingEndpoint) => {
    if (loadDeliveryPreference() === 'direct') {
      mode.value = 'direct';
      return new PeerConnectionDelivery(send, iceServers());
    }
    mode.value = null; // known once the relay answers or is found missing
    return new RelayDelivery(
      send,
      relayUrlFor(endpoint.signalUrl),
      endpoint.hostKey,
      iceServers(),
      (m) => (mode.value = m),
    );
  };
}
