#!/usr/bin/env python3
"""A DNS server that never answers (a LAN without internet), printing each name asked.

usage: dns-sink.py ADDRESS --seconds 120   (exits by itself after --seconds)
"""
import argparse
import socket
import time


def question_name(query):
    labels, at = [], 12
    while at < len(query) and query[at] != 0:
        length = query[at]
        labels.append(query[at + 1 : at + 1 + length].decode("ascii", "replace"))
        at += 1 + length
    return ".".join(labels)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("address")
    parser.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()
    sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sink.bind((args.address, 53))
    deadline = time.monotonic() + args.seconds
    print("dns sink ready", flush=True)
    while time.monotonic() < deadline:
        sink.settimeout(max(deadline - time.monotonic(), 0.01))
        try:
            query, sender = sink.recvfrom(4096)
        except socket.timeout:
            continue
        print(f"dns query from {sender[0]}: {question_name(query)}", flush=True)


if __name__ == "__main__":
    main()
