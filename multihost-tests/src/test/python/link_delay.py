#!/usr/bin/env python3
"""Holds every packet that iptables queues to NFQUEUE <queue> for <delay-ms> before letting it pass.

Added latency for the multi-host tests: the machines' kernel has no tc netem, but it has NFQUEUE. Run it inside a test
host's network namespace with a rule such as
  iptables -A OUTPUT -o eth0 -d 10.77.0.0/24 -j NFQUEUE --queue-num 7 --queue-bypass
(--queue-bypass: packets pass undelayed when this program is not running). Pure Python over the nfnetlink_queue
netlink protocol (no libnetfilter_queue); packets are released in arrival order, so one FIFO is enough.

usage: link_delay.py QUEUE DELAY_MS
"""
import collections
import os
import select
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET, NFQNL_MSG_VERDICT, NFQNL_MSG_CONFIG = 0, 1, 2
NFQA_PACKET_HDR, NFQA_VERDICT_HDR = 1, 2
NFQA_CFG_CMD, NFQA_CFG_PARAMS, NFQA_CFG_QUEUE_MAXLEN = 1, 2, 3
NFQNL_CFG_CMD_BIND = 1
NFQNL_COPY_META = 1
NLM_F_REQUEST = 1
NLMSG_ERROR = 2
NF_ACCEPT = 1
SOL_NETLINK = 270
NETLINK_NO_ENOBUFS = 5


def attribute(kind, payload):
    length = 4 + len(payload)
    return struct.pack("=HH", length, kind) + payload + b"\0" * ((4 - length % 4) % 4)


def message(msg_type, queue, attributes, seq):
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attributes)
    return struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | msg_type, NLM_F_REQUEST, seq, 0) + body


def attributes(data, offset, end):
    while offset + 4 <= end:
        length, kind = struct.unpack_from("=HH", data, offset)
        if length < 4:
            return
        yield kind & 0x7FFF, data[offset + 4:offset + length]
        offset += (length + 3) & ~3


def main():
    queue, delay = int(sys.argv[1]), int(sys.argv[2]) / 1000.0
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    sock.setsockopt(SOL_NETLINK, NETLINK_NO_ENOBUFS, 1)
    sock.bind((0, 0))
    sock.send(message(NFQNL_MSG_CONFIG, queue,
                      [attribute(NFQA_CFG_CMD, struct.pack("!BBH", NFQNL_CFG_CMD_BIND, 0, socket.AF_INET))], 1))
    sock.send(message(NFQNL_MSG_CONFIG, queue,
                      [attribute(NFQA_CFG_PARAMS, struct.pack("!IB", 0, NFQNL_COPY_META))], 2))
    sock.send(message(NFQNL_MSG_CONFIG, queue, [attribute(NFQA_CFG_QUEUE_MAXLEN, struct.pack("!I", 65536))], 3))
    print("link_delay: queue %d, %d ms" % (queue, delay * 1000), flush=True)
    held = collections.deque()
    seq = 4
    while True:
        timeout = max(0.0, held[0][0] - time.monotonic()) if held else 1.0
        readable, _, _ = select.select([sock], [], [], timeout)
        if readable:
            data = sock.recv(1 << 20)
            offset = 0
            while offset + 16 <= len(data):
                length, msg_type = struct.unpack_from("=IH", data, offset)
                if length < 16:
                    break
                if msg_type == NLMSG_ERROR:
                    error = struct.unpack_from("=i", data, offset + 16)[0]
                    if error != 0:
                        sys.exit("link_delay: netlink error %d (is NFQUEUE %d bound elsewhere?)" % (error, queue))
                elif msg_type == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
                    for kind, payload in attributes(data, offset + 20, offset + length):
                        if kind == NFQA_PACKET_HDR:
                            held.append((time.monotonic() + delay, struct.unpack_from("!I", payload)[0]))
                offset += (length + 3) & ~3
        now = time.monotonic()
        while held and held[0][0] <= now:
            packet_id = held.popleft()[1]
            sock.send(message(NFQNL_MSG_VERDICT, queue,
                              [attribute(NFQA_VERDICT_HDR, struct.pack("!II", NF_ACCEPT, packet_id))], seq))
            seq += 1


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        os._exit(0)
