// Optional STUN/TURN servers, for viewers beyond the LAN. None by default: on a LAN
// the peers reach each other directly. One server a line:
//   stun:stun.example.org:3478
//   turn:turn.example.org:3478 USERNAME PASSWORD
import { err, ok, type Result } from '../../signaling/protocol';
import { loadText, saveText, type ReadableStorage, type WritableStorage } from './device-storage';

const KEY = 'webrtc-desktop-host.ice-servers';
const URL_PATTERN = /^(stun|stuns|turn|turns):[^\s]+$/;

export function parseIceServers(text: string): Result<RTCIceServer[], string> {
  const servers: RTCIceServer[] = [];
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  for (const [index, line] of lines.entries()) {
    const [url, username, credential, ...rest] = line.split(/\s+/);
    const where = `Line ${index + 1}`;
    if (!url || !URL_PATTERN.test(url))
      return err(`${where}: a server starts with stun:, stuns:, turn: or turns:, e.g. stun:stun.example.org:3478.`);
    if (rest.length > 0) return err(`${where}: too many words. Use: URL, then USERNAME and PASSWORD for TURN.`);
    const isTurn = url.startsWith('turn');
    if (isTurn && (!username || !credential))
      return err(`${where}: a TURN server needs a username and a password after its address.`);
    if (!isTurn && username) return err(`${where}: a STUN server takes no username or password.`);
    servers.push(isTurn ? { urls: url, username, credential } : { urls: url });
  }
  return ok(servers);
}

export const loadIceServersText = (storage?: ReadableStorage): string => loadText(KEY, storage);
export const saveIceServersText = (text: string, storage?: WritableStorage): void => saveText(KEY, text, storage);

/** The servers to use now: whatever valid text is stored (invalid text means none). */
export function currentIceServers(): RTCIceServer[] {
  const parsed = parseIceServers(loadIceServersText());
  return parsed.ok ? parsed.value : [];
}
