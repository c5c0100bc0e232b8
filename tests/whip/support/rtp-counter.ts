// Counts the RTP that Janus forwards to a loopback UDP port: packets, and frames (one RTP
// timestamp per video frame), with the arrival time of the first one.
import { createSocket, type Socket } from 'node:dgram';

const RTP_HEADER_BYTES = 12;

export interface RtpCounts {
  readonly packets: number;
  readonly frames: number;
  readonly firstPacketAt: number | undefined;
  readonly lastPacketAt: number | undefined;
}

export class RtpCounter {
  private packets = 0;
  private readonly timestamps = new Set<number>();
  private firstPacketAt: number | undefined;
  private lastPacketAt: number | undefined;

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
  ) {
    socket.on('message', (packet) => this.count(packet));
  }

  static open(): Promise<RtpCounter> {
    const socket = createSocket('udp4');
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve(new RtpCounter(socket, socket.address().port)));
    });
  }

  counts(): RtpCounts {
    return {
      packets: this.packets,
      frames: this.timestamps.size,
      firstPacketAt: this.firstPacketAt,
      lastPacketAt: this.lastPacketAt,
    };
  }

  close(): void {
    this.socket.close();
  }

  private count(packet: Buffer): void {
    // RTP version 2 and at least a header: anything else is not Janus's forwarded media.
    if (packet.length < RTP_HEADER_BYTES || packet[0] === undefined || packet[0] >> 6 !== 2) return;
    const now = Date.now();
    this.firstPacketAt ??= now;
    this.lastPacketAt = now;
    this.packets += 1;
    this.timestamps.add(packet.readUInt32BE(4));
  }
}
