// Address, port and access code typed separately, turned into a join link, with
// plain words for whatever is missing or wrong.
import { buildJoinUrl, err, isWellFormedSecret, ok, withLinkKey, type Result } from '../../signaling/protocol';

const HOST_PATTERN = /^[A-Za-z0-9.-]+$|^[0-9A-Fa-f:.]+$/;

export function linkFromParts(address: string, port: string, code: string): Result<string, string> {
  const host = address.trim().replace(/^\[(.*)\]$/, '$1');
  if (!host) return err('Type the host’s address, for example 192.168.1.20.');
  if (!HOST_PATTERN.test(host))
    return err('The address has characters an address cannot have. It looks like 192.168.1.20.');
  const portText = port.trim();
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)
    return err('The port is a number from 1 to 65535, for example 9470.');
  // Everything after "#t=" in the host's link: the token, then "&k=" and the link key.
  const [token = '', linkKey] = code.trim().split('&k=');
  if (!isWellFormedSecret(token))
    return err('The access code is the long code the host sees after “#t=” in their link. Copy it exactly.');
  if (linkKey !== undefined && !isWellFormedSecret(linkKey))
    return err('The part after “&k=” in the access code is damaged. Copy everything after “#t=” exactly.');
  const link = buildJoinUrl({ host, port: Number(portText), token });
  return ok(linkKey === undefined ? link : withLinkKey(link, linkKey));
}
