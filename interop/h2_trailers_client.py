#!/usr/bin/env python3
"""Sends one HTTP/2 POST with a body and trailer fields (with the h2 library, Debian's python3-h2)
over prior knowledge, and prints the response's status and body.

    h2_trailers_client.py PORT PATH
"""

import socket
import sys

import h2.config
import h2.connection
import h2.events


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    conn.send_headers(1, [(":method", "POST"), (":scheme", "http"), (":authority", "interop"), (":path", path)])
    conn.send_data(1, b"part one, ")
    conn.send_data(1, b"part two")
    conn.send_headers(1, [("x-checksum", "abc123"), ("x-count", "2")], end_stream=True)
    sock.sendall(conn.data_to_send())
    status, body, done = None, b"", False
    while not done:
        data = sock.recv(65536)
        if not data:
            break
        for event in conn.receive_data(data):
            if isinstance(event, h2.events.ResponseReceived):
                status = dict(event.headers).get(b":status", b"").decode()
            elif isinstance(event, h2.events.DataReceived):
                body += event.data
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, (h2.events.StreamEnded, h2.events.StreamReset)):
                done = True
        sock.sendall(conn.data_to_send())
    print(status, body.decode())


if __name__ == "__main__":
    main()
