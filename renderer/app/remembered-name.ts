// The viewer's name, remembered across visits. Storage can be unavailable
// (private mode, sandboxed frames): then it is simply not remembered.
const KEY = 'webrtc-desktop-host.name';

export function loadName(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string {
  try {
    return storage?.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveName(name: string, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, name);
  } catch {
    // not remembered; joining works the same
    return;
  }
}
