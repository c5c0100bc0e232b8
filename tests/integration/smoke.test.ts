import { startServer } from '../support/server-fixture';

it('admits a viewer and relays an offer from the host', async () => {
  const f = await startServer();
  const host = await f.host();
  const { client: viewer, id } = await f.viewer('Ann');
  expect(await host.next()).toEqual({ type: 'viewer-joined', id, name: 'Ann', address: '127.0.0.1', state: 'waiting' });
  host.send({ type: 'admit', id });
  expect(await viewer.next()).toEqual({ type: 'admitted' });
  host.send({ type: 'signal', to: id, data: { sdp: { type: 'offer', sdp: 'v=0' } } });
  expect(await viewer.next()).toEqual({ type: 'signal', from: 'host', data: { sdp: { type: 'offer', sdp: 'v=0' } } });
});
