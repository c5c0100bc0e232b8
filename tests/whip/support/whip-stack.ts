// Janus + Meetecho's simple-whip-server on loopback, for the WHIP tests: started with their own
// config and ports, stopped (with their temp dirs removed) also when a test fails.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildService } from './child-service';
import { freePort } from '../../e2e/support/hosting';
import { JanusVideoRoomApi } from './janus-api';
import { JANUS_BINARY, WHIP_SERVER_DIR } from './availability';
import { TEST_ROOM, writeJanusConfig } from './janus-config';
import { WhipFrontEnd } from './whip-front-end';

const START_TIMEOUT_MS = 15_000;

export interface WhipStack {
  readonly janus: JanusVideoRoomApi;
  readonly whip: WhipFrontEnd;
  /** Janus's process, for tests that restart or inspect it. */
  readonly janusProcess: ChildService;
  stop(): Promise<void>;
}

export async function startWhipStack(): Promise<WhipStack> {
  const dir = await mkdtemp(join(tmpdir(), 'wdh-janus-'));
  const services: ChildService[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports = { http: await freePort(), ws: await freePort() };
    const config = await writeJanusConfig(dir, ports);
    const janusProcess = ChildService.start('Janus', JANUS_BINARY, ['-C', config, '-F', dir], {});
    services.push(janusProcess);
    const janusHttp = `http://127.0.0.1:${ports.http}/janus`;
    await janusProcess.waitUntil(async () => (await fetch(`${janusHttp}/info`)).ok, START_TIMEOUT_MS);
    const whip = await WhipFrontEnd.start(WHIP_SERVER_DIR, `ws://127.0.0.1:${ports.ws}`, services);
    const janus = await JanusVideoRoomApi.attach(janusHttp, TEST_ROOM);
    return { janus, whip, janusProcess, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
