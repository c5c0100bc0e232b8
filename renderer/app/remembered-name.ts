// The viewer's name, remembered across visits.
import { loadText, saveText, type ReadableStorage, type WritableStorage } from './device-storage';

const KEY = 'webrtc-desktop-host.name';

export const loadName = (storage?: ReadableStorage): string => loadText(KEY, storage);
export const saveName = (name: string, storage?: WritableStorage): void => saveText(KEY, name, storage);
