#!/usr/bin/env python3
"""Opens a WebSocket over HTTP/2 (RFC 8441 extended CONNECT, with the h2 library, Debian's
python3-h2) over prior knowledge, sends MESSAGE as DATA, and prints the response's status and the
bytes that came back before the end of the stream.

    h2_websocket_client.py PORT PATH MESSAGE
"""

import socket
import sys

import h2.config
import h2.connection
import h2.events
import h2.settings


def main():
    port, path, message = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    sock.sendall(conn.data_to_send())
    # The extended CONNECT needs the server's SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 §3).
    while conn.remote_settings.get(h2.settings.SettingCodes.ENABLE_CONNECT_PROTOCOL) != 1:
        data = sock.recv(65536)
        if not data:
            print("closed before the server's SETTINGS allowed an extended CONNECT")
            return 1
        conn.receive_data(data)
        sock.sendall(conn.data_to_send())
    conn.send_headers(1, [(":method", "CONNECT"), (":protocol", "websocket"), (":scheme", "http"),
                          (":authority", "interop"), (":path", path), ("sec-websocket-version", "13")])
    sock.sendall(conn.data_to_send())
    status, echoed, done = None, b"", False
    while not done:
        data = sock.recv(65536)
        if not data:
            break
        for event in conn.receive_data(data):
            if isinstance(event, h2.events.ResponseReceived):
                status = dict(event.headers).get(b":status", b"").decode()
                conn.send_data(1, message, end_stream=True)
            elif isinstance(event, h2.events.DataReceived):
                echoed += event.data
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, (h2.events.StreamEnded, h2.events.StreamReset)):
                done = True
        sock.sendall(conn.data_to_send())
    print(status, echoed.decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
