#!/usr/bin/env python3
"""Differential probe against haproxy 2.6, used to fill the h1 verdict tables.

Start haproxy with haproxy-probe.cfg (haproxy -db -f haproxy-probe.cfg), then
    python3 haproxy-probe.py req 18080 cases.txt    # strict frontend (18082: accept-invalid-http-request)
    python3 haproxy-probe.py resp 18090 cases.txt   # strict backend  (18092: accept-invalid-http-response)
cases.txt holds "name<TAB>python bytes literal" lines; for responses a literal may start with
b"@METHOD@" to pick the request method (GETWS: a WebSocket GET). Prints, per case, the status
haproxy answered and the bytes the server received (requests), or what the client got (responses).
"""
import socket, sys, threading, time, ast, queue

received = queue.Queue()
canned = {'resp': b''}

def serve_requests():
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('127.0.0.1', 18081)); s.listen(50)
    while True:
        c, _ = s.accept(); c.settimeout(0.4); data = b''
        try:
            while True:
                d = c.recv(65536)
                if not d: break
                data += d
        except socket.timeout: pass
        received.put(data)
        try: c.sendall(b'HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n')
        except OSError: pass
        c.close()

def serve_responses():
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('127.0.0.1', 18091)); s.listen(50)
    while True:
        c, _ = s.accept(); c.settimeout(0.5); data = b''
        try:
            while b'\r\n\r\n' not in data:
                d = c.recv(65536)
                if not d: break
                data += d
        except socket.timeout: pass
        try: c.sendall(canned['resp']); time.sleep(0.2)
        except OSError: pass
        c.close()

def send(port, payload, wait=1.2):
    c = socket.create_connection(('127.0.0.1', port)); c.settimeout(wait)
    c.sendall(payload); out = b''
    try:
        while True:
            d = c.recv(65536)
            if not d: break
            out += d
    except socket.timeout: pass
    c.close(); return out

def drain():
    got = []
    time.sleep(0.5)
    while not received.empty(): got.append(received.get())
    return got

def main():
    mode, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    threading.Thread(target=serve_requests, daemon=True).start()
    threading.Thread(target=serve_responses, daemon=True).start()
    time.sleep(0.2)
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'): continue
        name, lit = line.split('\t', 1)
        data = eval(lit)
        drain()
        if mode == 'req':
            out = send(port, data)
            got = drain()
            status = out.split(b'\r\n', 1)[0].decode('latin1') if out else '(no response)'
            print(f'{name}\t{status}\t{got!r}')
        else:
            method = b'GET'
            if data.startswith(b'@'):
                method, data = data[1:].split(b'@', 1)
            canned['resp'] = data
            target = b'example.com:443' if method == b'CONNECT' else b'/'
            extra = b''
            if method == b'GETWS':
                method = b'GET'
                extra = b'Upgrade: websocket\r\nConnection: upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'
            host = b'example.com:443' if method == b'CONNECT' else b'a'
            out = send(port, method + b' ' + target + b' HTTP/1.1\r\nHost: ' + host + b'\r\n' + extra + b'\r\n')
            print(f'{name}\t{out!r}')
main()
