// Writes a Janus config dir for one test run: only the VideoRoom plugin and the HTTP and
// WebSocket transports, all on loopback, and one VideoRoom with a high bitrate cap.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const JANUS_LIB_DIR = process.env.JANUS_LIB_DIR ?? '/usr/lib/x86_64-linux-gnu/janus';
/** The test room. Janus's demo room 1234 caps publishers at 128 kbit/s, far below a shared screen. */
export const TEST_ROOM = 4242;
export const TEST_ROOM_BITRATE_BPS = 8_000_000;
/** A room that takes only H.264 video: a VP8-only publisher is refused its codec there. */
export const H264_ONLY_ROOM = 4243;

export interface JanusPorts {
  readonly http: number;
  readonly ws: number;
}

export async function writeJanusConfig(dir: string, ports: JanusPorts): Promise<string> {
  // Folders of links: Janus loads every library in its plugin/transport folders, and the
  // Debian ones hold many we do not want (SIP, MQTT, RabbitMQ...).
  const folders = { plugins: ['libjanus_videoroom.so'], transports: ['libjanus_http.so', 'libjanus_websockets.so'] };
  for (const [folder, libraries] of Object.entries(folders)) {
    await mkdir(join(dir, folder), { recursive: true });
    for (const library of libraries) await symlink(join(JANUS_LIB_DIR, folder, library), join(dir, folder, library));
  }
  await mkdir(join(dir, 'events'), { recursive: true });
  await mkdir(join(dir, 'loggers'), { recursive: true });
  const files: Record<string, string> = {
    'janus.jcfg': `general: {
  configs_folder = "${dir}"
  plugins_folder = "${join(dir, 'plugins')}"
  transports_folder = "${join(dir, 'transports')}"
  events_folder = "${join(dir, 'events')}"
  loggers_folder = "${join(dir, 'loggers')}"
  debug_level = 4
}
media: { rtp_port_range = "30000-40000" }
# ICE on loopback only: the tests must not use any other interface.
nat: { ice_enforce_list = "127.0.0.1" }
`,
    'janus.transport.http.jcfg': `general: { json = "compact" base_path = "/janus" http = true port = ${ports.http} ip = "127.0.0.1" https = false }
admin: { admin_http = false admin_https = false }
`,
    'janus.transport.websockets.jcfg': `general: { json = "compact" ws = true ws_port = ${ports.ws} ws_ip = "127.0.0.1" wss = false }
admin: { admin_ws = false admin_wss = false }
`,
    'janus.plugin.videoroom.jcfg': `general: { }
room-${TEST_ROOM}: {
  description = "WDH WHIP tests"
  publishers = 4
  bitrate = ${TEST_ROOM_BITRATE_BPS}
  fir_freq = 10
  audiocodec = "opus"
  videocodec = "vp8"
}
room-${H264_ONLY_ROOM}: {
  description = "WDH WHIP tests, H.264 only"
  publishers = 4
  bitrate = ${TEST_ROOM_BITRATE_BPS}
  audiocodec = "opus"
  videocodec = "h264"
}
`,
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return join(dir, 'janus.jcfg');
}
