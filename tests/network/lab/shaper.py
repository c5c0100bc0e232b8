#!/usr/bin/env python3
"""The lab's delay and random-loss shaper (this kernel has no netem).

Forwards every Ethernet frame between two veth ends in one namespace, each way held for
the delay and a share dropped at random; rate limits are tc's job on the same ends.
Exits by itself after --seconds, so a test that dies cannot leave it running. The
veth ends on the path need checksum and segmentation offloads off (ethtool -K): a frame
read here must be complete and no larger than the link's MTU.

usage: shaper.py IF_A IF_B --delay-ms 40 --loss 0.03 --seconds 120
"""
import argparse
import heapq
import random
import select
import signal
import socket
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4  # frames this socket (or the kernel) sent out of the interface: not ours to forward


def open_end(device):
    end = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    end.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    end.bind((device, 0))
    end.setblocking(False)
    return end


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--delay-ms", type=float, default=0)
    parser.add_argument("--loss", type=float, default=0)
    parser.add_argument("--seconds", type=float, default=300)
    args = parser.parse_args()
    ends = [open_end(args.a), open_end(args.b)]
    other = {ends[0]: ends[1], ends[1]: ends[0]}
    delay = args.delay_ms / 1000
    deadline = time.monotonic() + args.seconds
    counts = {"forwarded": 0, "lost": 0, "unsendable": 0}
    print("shaper ready", flush=True)
    try:
        forward(ends, other, delay, args.loss, deadline, counts)
    except Stopped:
        pass
    print(f"shaper done {counts}", flush=True)


class Stopped(Exception):
    """The lab stops the shaper with SIGTERM; it still prints its counts."""


def stop(*_):
    raise Stopped()


def forward(ends, other, delay, loss, deadline, counts):
    signal.signal(signal.SIGTERM, stop)
    queue = []  # (due, sequence, frame, out)
    sequence = 0
    while True:
        now = time.monotonic()
        if now >= deadline:
            break
        while queue and queue[0][0] <= now:
            _, _, frame, out = heapq.heappop(queue)
            try:
                out.send(frame)
                counts["forwarded"] += 1
            except OSError:
                counts["unsendable"] += 1  # e.g. larger than the link's MTU
        wait = min(deadline - now, (queue[0][0] - now) if queue else 0.5)
        readable, _, _ = select.select(ends, [], [], max(wait, 0))
        for end in readable:
            for _ in range(256):
                try:
                    frame, address = end.recvfrom(65535)
                except BlockingIOError:
                    break
                if address[2] == PACKET_OUTGOING:
                    continue
                if random.random() < loss:
                    counts["lost"] += 1
                    continue
                sequence += 1
                heapq.heappush(queue, (time.monotonic() + delay, sequence, frame, other[end]))


if __name__ == "__main__":
    main()
