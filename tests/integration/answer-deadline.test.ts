// Through the host session against a real server (issue 14 item 9): a viewer that never answers
// the host's offer is kicked after 20 s and the host says why; one that answered stays. Real
// time, because the server's sockets run on it: the test takes about 20 s.
import { createAppState } from '../../renderer/app/app-state';
import { HostSession } from '../../renderer/host/host-session';
import type { SignalPayload } from '../../signaling/protocol';
import { fakePlatform, RecordingDelivery, until } from '../support/session-fakes';
import { startServer, track } from '../support/server-fixture';
import { TestClient } from '../support/test-client';

/** Offers every viewer it is given, as a real delivery does. */
class OfferingDelivery extends RecordingDelivery {
  constructor(private readonly send: (viewerId: string, data: SignalPayload) => void) {
    super();
  }
  override addViewer(id: string) {
    super.addViewer(id);
    this.send(id, { sdp: { type: 'offer', sdp: 'v=0' }, link: 'abc' });
  }
}

it('kicks a viewer that leaves the offer unanswered for 20 s, and keeps one that answered', async () => {
  const fixture = await startServer({ requireApproval: false });
  const app = createAppState({ view: 'host' });
  const host = new HostSession(
    app.host,
    fakePlatform(() => fixture.info),
    (send) => new OfferingDelivery(send),
  );
  try {
    await host.connect();
    await until(() => app.host.status.value === 'ready', 'ready');
    host.setOnlyVerified(false); // raw clients without the link key
    const join = async (name: string) => {
      const client = track(await TestClient.connect(fixture.signalUrl));
      client.send({ type: 'hello', role: 'viewer', token: fixture.info.token, name, protocol: 1 });
      for (;;) {
        const signal = await client.nextOfType('signal');
        if (signal.data.sdp !== undefined) return client;
      }
    };
    const silent = await join('Silent');
    const answering = await join('Answering');
    answering.send({ type: 'signal', to: 'host', data: { sdp: { type: 'answer', sdp: 'v=0' }, link: 'abc' } });
    const started = Date.now();
    expect((await silent.closed).code).toBe(4004);
    expect(Date.now() - started).toBeGreaterThan(18_000);
    expect(app.host.notice.value).toMatch(
      /Silent was dropped: .* did not answer the connection offer within 20 seconds/,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(app.host.viewers.value.map((v) => v.name)).toEqual(['Answering']);
  } finally {
    await host.stopHosting();
  }
}, 40_000);
