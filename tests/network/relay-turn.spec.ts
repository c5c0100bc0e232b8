// Relay mode with the host behind NAT: only the signaling port is forwarded, so a
// viewer away reaches the relay's media only through the TURN server set on the host,
// over UDP, TCP or TLS.
import { startCoturn, type TurnServer } from './lab/coturn';
import { joinAndWatch, linkVia, selectedRemote, SIGNALING_PORT, startHosting } from './lab/hosting-lab';
import { expect, test } from './lab/lab-fixture';
import { NAT, natLab } from './lab/nat-topology';
import { turnUnavailable } from './lab/commands';

const TRANSPORTS: readonly { name: string; server: (turn: TurnServer) => string }[] = [
  { name: 'TURN over UDP', server: (turn) => turn.turnUdp },
  { name: 'TURN over TCP', server: (turn) => turn.turnTcp },
  { name: 'TURN over TLS (turns:)', server: (turn) => turn.turnTls },
];

test.describe('host behind NAT, TURN set on the host', () => {
  test.skip(turnUnavailable() !== null, `network lab TURN scenarios skipped: ${turnUnavailable()}`);

  for (const { name, server } of TRANSPORTS)
    test(`a viewer away watches through ${name} in relay mode`, async ({ lab }) => {
      test.setTimeout(90_000);
      const net = natLab(lab, SIGNALING_PORT);
      const turn = await startCoturn(lab, net.turn, NAT.turn);
      // The host trusts the TURN server's TLS certificate as it would a real one's (here: self-signed, given to Node).
      const env = { ...process.env, NODE_EXTRA_CA_CERTS: turn.certificate };
      const { joinLink } = await startHosting(lab, net.home, { iceServers: [server(turn)], env });
      // The viewer typed only a STUN server (its own public address); the media path is the host's TURN relay.
      const viewer = await joinAndWatch(lab, net.away, linkVia(joinLink, NAT.homePublic), 'Away', {
        iceServers: [turn.stun],
      });
      expect(await selectedRemote(viewer), "the viewer's media comes from the relay's TURN candidate").toMatchObject({
        type: 'relay',
        address: NAT.turn,
      });
    });
});
