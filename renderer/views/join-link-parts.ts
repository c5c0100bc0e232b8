// Address, port and access code typed separately, turned into a join link, with
// plain words for whatever is missing or wrong.
import { buildJoinUrl, err, isWellFormedSecret, ok, type Result } from '../../signaling/protocol';

const HOST_PATTERN = /^[A-Za-z0-9.-]+$|^[0-9A-Fa-f:.]+$/;

export function linkFromParts(address: string, port: string, code: string): Result<string, string> {
  const host = address.trim().replace(/^\[(.*)\]$/, '$1');
  if (!host) return err('Type the host’s address, for example 192.168.1.20.');
  if (!HOST_PATTERN.test(host)) return err('The address has characters an address cannot have. It looks like 192.168.1.20.');
  const portText = port.trim();
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) return err('The port is a number from 1 to 65535, for example 9470.');
  const token = code.trim();
  if (!isWellFormedSecret(token)) return err('The access code is the long code the host sees after “#t=” in their link. Copy it exactly.');
  return ok(buildJoinUrl({ host, port: Number(portText), token }));
}
