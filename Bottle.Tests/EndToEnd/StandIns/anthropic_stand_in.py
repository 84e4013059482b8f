"""A stand-in for the Anthropic Messages API, for Bottle's end-to-end tests (never a real outside address).

It serves HTTPS on :443 with the certificate in /certs (issued by the test's CA), records every request it
receives - method, path, every header as sent, body - as one JSON line in /records/requests.jsonl, and answers
POST /v1/messages with a fixed reply (as server-sent events when the request asks for a stream), so a real
client (Claude Code) prints it. Anything else gets the API's 404 error shape. Python's standard library only.
"""

import json
import os
import ssl
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPLY = os.environ.get("STAND_IN_REPLY", "Hello from the Bottle stand-in.")
RECORDS = os.environ.get("STAND_IN_RECORDS", "/records/requests.jsonl")
_lock = threading.Lock()


def record(entry):
    # One write of one whole line, so a reader never sees half a request.
    line = (json.dumps(entry, separators=(",", ":")) + "\n").encode()
    with _lock:
        fd = os.open(RECORDS, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)


def message(model):
    return {
        "id": "msg_standin" + uuid.uuid4().hex[:16],
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": REPLY}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 12, "output_tokens": 8},
    }


def sse(model):
    whole = message(model)
    start = dict(whole, content=[], stop_reason=None, usage={"input_tokens": 12, "output_tokens": 1})
    events = [
        ("message_start", {"type": "message_start", "message": start}),
        ("content_block_start", {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        ("ping", {"type": "ping"}),
        ("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": REPLY}}),
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
        ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None}, "usage": {"output_tokens": 8}}),
        ("message_stop", {"type": "message_stop"}),
    ]
    return "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return body
                body += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def handle_any(self):
        body = self.read_body()
        record({
            "method": self.command,
            "path": self.path,
            "headers": [[name, value] for name, value in self.headers.items()],
            "body": body.decode("utf-8", "replace"),
        })
        path = self.path.split("?")[0]
        if self.command == "POST" and path == "/v1/messages":
            try:
                request = json.loads(body or b"{}")
            except ValueError:
                request = {}
            model = request.get("model", "claude-stand-in")
            if request.get("stream"):
                self.answer(200, "text/event-stream", sse(model))
            else:
                self.answer(200, "application/json", json.dumps(message(model)).encode())
        elif self.command == "POST" and path == "/v1/messages/count_tokens":
            self.answer(200, "application/json", b'{"input_tokens": 12}')
        else:
            error = {"type": "error", "error": {"type": "not_found_error", "message": f"stand-in: no {self.command} {path}"}}
            self.answer(404, "application/json", json.dumps(error).encode())

    def answer(self, status, content_type, payload):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("request-id", "req_standin" + uuid.uuid4().hex[:16])
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any

    def log_message(self, format, *args):
        sys.stderr.write("stand-in: %s %s\n" % (self.address_string(), format % args))


def main():
    server = ThreadingHTTPServer(("0.0.0.0", 443), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain("/certs/server.pem", "/certs/server.key")
    # The handshake runs lazily in each request's thread, so one stalled client cannot block accept().
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    sys.stderr.write("stand-in: listening on :443\n")
    server.serve_forever()


if __name__ == "__main__":
    main()
