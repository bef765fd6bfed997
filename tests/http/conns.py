# tests/http/conns.py: many concurrent connections to a server on loopback,
# for the connection tests (test_slowclients.sh, test_connlimits.sh).
#
#   conns.py trickle PORT N SECONDS
#       N connections, spread over the source addresses 127.0.0.2..127.0.0.9,
#       each sending one byte of a request head that never ends, then one
#       byte every 5 s, for SECONDS. Writes "ready" to stdout once all are
#       open, then, at the end, for each connection closed by the server,
#       how long after its opening ("closed SECONDS"); and "open" for each
#       still open.
#   conns.py hold PORT SOURCES N SECONDS HEAD
#       N connections from the addresses SOURCES (separated by commas, taken
#       in turn), all opened before any request is
#       sent; then on each, in order, the request HEAD (with \r\n line ends;
#       "{a}.{b}" is replaced by two numbers that differ for each
#       connection); prints one line per connection: the status of its
#       answer, or "closed" when the server closed it without one, or "none"
#       when it had not answered after SECONDS (the connections stay open
#       meanwhile). Writes "sent" to standard error once every head is sent.
import selectors
import socket
import sys
import time

HEAD = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 100000


def connect(port, source):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((source, 0))
    s.settimeout(5)
    s.connect(("127.0.0.1", port))
    s.setblocking(False)
    return s


def trickle(port, n, seconds):
    sel = selectors.DefaultSelector()
    conns = []                                  # [socket, opened, bytes sent, closed after]
    for i in range(n):
        s = connect(port, "127.0.0.%d" % (2 + i % 8))
        c = [s, time.monotonic(), 0, None]
        conns.append(c)
        sel.register(s, selectors.EVENT_READ, c)
    print("ready", flush=True)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        now = time.monotonic()
        for c in conns:
            if c[3] is None and now >= c[1] + 5 * c[2]:
                try:
                    c[0].send(HEAD[c[2]:c[2] + 1])
                    c[2] += 1
                except OSError:
                    pass                        # closed: the selector says when
        for key, _ in sel.select(0.05):
            c = key.data
            try:
                gone = c[0].recv(4096) == b""
            except BlockingIOError:
                gone = False
            except OSError:
                gone = True
            if gone:
                c[3] = time.monotonic() - c[1]
                sel.unregister(c[0])
                c[0].close()
    for c in conns:
        print("open" if c[3] is None else "closed %.2f" % c[3])


def hold(port, sources, n, seconds, head):
    sources = sources.split(",")
    socks = [connect(port, sources[i % len(sources)]) for i in range(n)]
    for i, s in enumerate(socks):
        h = head.replace("{a}.{b}", "%d.%d" % (i // 250, 1 + i % 250))
        s.send(h.replace("\\r\\n", "\r\n").encode())
        time.sleep(0.001)                       # in order
    print("sent", file=sys.stderr, flush=True)
    got = [b""] * n
    closed = [False] * n
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for i, s in enumerate(socks):
            if closed[i] or b"\r\n\r\n" in got[i]:
                continue
            try:
                d = s.recv(65536)
                if d:
                    got[i] += d
                else:
                    closed[i] = True
            except BlockingIOError:
                pass
            except OSError:
                closed[i] = True
        time.sleep(0.01)
    for i in range(n):
        if got[i].startswith(b"HTTP/1.1 "):
            print(got[i][9:12].decode())
        else:
            print("closed" if closed[i] else "none")
    for s in socks:
        s.close()


if sys.argv[1] == "trickle":
    trickle(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
else:
    hold(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6])
