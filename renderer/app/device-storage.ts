// Small settings remembered on this device. Storage can be unavailable (private
// mode, sandboxed frames, full disk): then nothing is remembered and nothing breaks.

export type ReadableStorage = Pick<Storage, 'getItem'> | undefined;
export type WritableStorage = Pick<Storage, 'setItem'> | undefined;

export function loadText(key: string, storage: ReadableStorage = globalThis.localStorage): string {
  try {
    return storage?.getItem(key) ?? '';
  } catch {
    return '';
  }
}

export function saveText(key: string, value: string, storage: WritableStorage = globalThis.localStorage): void {
  try {
    storage?.setItem(key, value);
  } catch {
    return; // not remembered past this page
  }
}
