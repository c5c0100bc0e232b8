// How media should reach viewers, chosen on this device (the "Media delivery" field):
// through the relay (the default) or direct. Remembered in device storage; the host
// session's delivery reads it when hosting starts.
import { loadText, saveText, type ReadableStorage, type WritableStorage } from './device-storage';

export type DeliveryPreference = 'relay' | 'direct';

const KEY = 'webrtc-desktop-host.delivery';

export const loadDeliveryPreference = (storage?: ReadableStorage): DeliveryPreference =>
  loadText(KEY, storage) === 'direct' ? 'direct' : 'relay';
export const saveDeliveryPreference = (mode: DeliveryPreference, storage?: WritableStorage): void =>
  saveText(KEY, mode, storage);
