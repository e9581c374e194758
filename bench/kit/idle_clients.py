"""Holds N idle keep-alive connections to 127.0.0.1:PORT: each sends one GET and reads the
whole response, then stays open doing nothing. Prints "ready <ok> <failed>" when all are
set, exits when its stdin closes (or after 15 minutes at most).

    python3 idle_clients.py PORT COUNT [PATH]
"""

import asyncio
import resource
import sys

HOST = "127.0.0.1"
MAX_HOLD_SECONDS = 900


async def one(port, path, limit):
    async with limit:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 10)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await asyncio.wait_for(reader.readexactly(length), 10)
        return writer


async def main(port, count, path):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, count + 1024)), hard))
    limit = asyncio.Semaphore(200)  # open at most 200 at a time: no SYN flood on the backlog
    results = await asyncio.gather(*(one(port, path, limit) for _ in range(count)), return_exceptions=True)
    writers = [r for r in results if not isinstance(r, BaseException)]
    print(f"ready {len(writers)} {count - len(writers)}", flush=True)
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(loop.run_in_executor(None, sys.stdin.read), MAX_HOLD_SECONDS)
    except asyncio.TimeoutError:
        pass
    for w in writers:
        w.close()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "/small"))
