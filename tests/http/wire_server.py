#!/usr/bin/python3
"""wire_server.py: a feed server for tests/http/test_wire.sh and bench/feeds.

    wire_server.py DIR PORTFILE

Serves the files of DIR on a free loopback port (written to PORTFILE) as an
agency's feed server would: a strong ETag (a hash of the bytes) and a
Last-Modified (the file's time), 304 to a matching If-None-Match or, without
one, to an If-Modified-Since not older than the file; gzip when the request
accepts it. Paths: /NAME serves DIR/NAME; /status/CODE answers CODE;
/slow sleeps 60 s; /big sends 20 MB of zeros gzipped (a bomb). Every request
is appended to DIR/requests.log as "PATH STATUS ENCODING".
"""
import email.utils
import gzip
import hashlib
import http.server
import os
import socketserver
import sys
import time

ROOT = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def note(self, status, enc=""):
        with open(os.path.join(ROOT, "requests.log"), "a") as f:
            f.write("%s %d %s\n" % (self.path, status, enc or "-"))

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/status/"):
            code = int(path[8:])
            self.note(code)
            return self.send(code, b"no")
        if path == "/slow":
            time.sleep(60)
            return self.send(200, b"late")
        if path == "/big":
            body = gzip.compress(b"<rss>" + b" " * (20 << 20))
            self.note(200, "gzip")
            return self.send(200, body, [("Content-Encoding", "gzip"),
                                         ("Content-Type", "application/rss+xml")])
        name = os.path.join(ROOT, os.path.basename(path))
        if not os.path.isfile(name):
            self.note(404)
            return self.send(404, b"not found")
        data = open(name, "rb").read()
        mtime = int(os.path.getmtime(name))
        etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        lm = email.utils.formatdate(mtime, usegmt=True)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            fresh = etag in [t.strip() for t in inm.split(",")]
        elif ims:
            try:
                fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
            except (TypeError, ValueError):
                fresh = False
        hdrs = [("ETag", etag), ("Last-Modified", lm), ("Content-Type", "application/rss+xml")]
        if fresh:
            self.note(304)
            return self.send(304, b"", hdrs)
        enc = ""
        if "gzip" in (self.headers.get("Accept-Encoding") or ""):
            data = gzip.compress(data)
            enc = "gzip"
            hdrs.append(("Content-Encoding", "gzip"))
        self.note(200, enc)
        self.send(200, data, hdrs)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass                # a client that hangs up (the bomb refused) is not news


srv = Server(("127.0.0.1", 0), Handler)
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
srv.serve_forever()
