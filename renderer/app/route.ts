// Which view a URL opens. /host#k=KEY: the Host view of a headless server;
// /join#t=TOKEN: the Join view with the link filled in; / : the Join view.
import { HOST_PATH, JOIN_PATH } from '../../signaling/protocol';

export interface Route {
  readonly view: 'host' | 'join';
  /** The join link to fill in, when the page itself is one. */
  readonly link: string;
}

export function routeFor(location: { pathname: string; href: string; hash: string }): Route {
  if (location.pathname === HOST_PATH) return { view: 'host', link: '' };
  const isJoinLink = location.pathname === JOIN_PATH && /(^#|&)t=/.test(location.hash);
  return { view: 'join', link: isJoinLink ? location.href : '' };
}
