"""The requests of the differential test (see http_differential.py).

Each case is Case(name, raw, origin): the exact bytes a client writes on a
fresh connection to the proxy, and how the origin answers every request it
can frame on that case (the RESPONSES keys of http_differential.py):

    ok        HTTP/1.1 200 with content-length: 2 and body "ok" (the default)
    chunked   HTTP/1.1 200, chunked body
    close     HTTP/1.1 200 without length: the body ends when the origin closes
    204       HTTP/1.1 204 No Content
    101       HTTP/1.1 101 Switching Protocols, then the origin records what
              follows (the tunnel) and closes shortly after
    continue  HTTP/1.1 100 Continue, then the ok response
    early-hints  HTTP/1.1 103 Early Hints with a link field, then the ok response
    two-interim  102 Processing, then 103, then the ok response
    http10    HTTP/1.0 200 with content-length, no keep-alive
    reset     no answer: the origin resets the connection (RST) once it has the request

Requests are written with \\r\\n in full so that what is sent is what is read.
"""

from typing import NamedTuple


class Case(NamedTuple):
    name: str
    raw: bytes
    origin: str = "ok"


def req(head: str, body: bytes = b"") -> bytes:
    """A request head given with '|' for each CRLF, then the body."""
    return head.replace("|", "\r\n").encode("latin-1") + body


def headers(count: int, start: int = 0) -> str:
    """count distinct header lines X-Hn: vn, each ending with '|'."""
    return "".join(f"X-H{i}: v{i}|" for i in range(start, start + count))


H = "Host: example.com|"
CHUNKED = "Transfer-Encoding: chunked|"

CASES = [
    # ----------------------------------------------------------- ordinary
    Case("get-simple", req("GET / HTTP/1.1|" + H + "|")),
    Case("get-query-and-headers", req(
        "GET /p/a.html?x=1&y=%20z HTTP/1.1|" + H +
        "User-Agent: difftest/1|Accept: */*|Accept-Encoding: gzip|Cookie: a=1; b=2||")),
    Case("head-simple", req("HEAD /h HTTP/1.1|" + H + "|")),
    Case("post-content-length", req(
        "POST /form HTTP/1.1|" + H + "Content-Type: text/plain|Content-Length: 5||", b"hello")),
    Case("post-content-length-zero", req("POST /z HTTP/1.1|" + H + "Content-Length: 0||")),
    Case("put-content-length", req("PUT /r HTTP/1.1|" + H + "Content-Length: 11||", b"hello world")),
    Case("delete", req("DELETE /r/1 HTTP/1.1|" + H + "|")),
    Case("get-with-body", req("GET /b HTTP/1.1|" + H + "Content-Length: 3||", b"abc")),
    Case("response-chunked", req("GET /c HTTP/1.1|" + H + "|"), "chunked"),
    Case("response-close-delimited", req("GET /cd HTTP/1.1|" + H + "|"), "close"),
    Case("response-204", req("GET /n HTTP/1.1|" + H + "|"), "204"),
    Case("response-http10", req("GET /o HTTP/1.1|" + H + "|"), "http10"),
    Case("post-chunked", req("POST /c HTTP/1.1|" + H + CHUNKED + "|", b"5\r\nhello\r\n0\r\n\r\n")),
    Case("post-chunked-extensions", req(
        "POST /c HTTP/1.1|" + H + CHUNKED + "|",
        b"5;name=value\r\nhello\r\n6;a;b=\"q\"\r\n world\r\n0;last\r\n\r\n")),
    Case("post-chunked-trailers", req(
        "POST /c HTTP/1.1|" + H + CHUNKED + "Trailer: X-Sum|",
        b"5\r\nhello\r\n0\r\nX-Sum: 42\r\nX-Other: a b\r\n\r\n")),
    Case("post-chunked-uppercase-hex", req(
        "POST /c HTTP/1.1|" + H + CHUNKED + "|",
        b"A\r\n0123456789\r\n00B\r\nabcdefghijk\r\n0\r\n\r\n")),
    Case("pipelined-two-gets", req("GET /1 HTTP/1.1|" + H + "|GET /2 HTTP/1.1|" + H + "|")),
    Case("pipelined-post-then-get", req(
        "POST /1 HTTP/1.1|" + H + "Content-Length: 4||", b"abcd") +
        req("GET /2 HTTP/1.1|" + H + "|")),
    Case("pipelined-three-with-chunked", req("GET /1 HTTP/1.1|" + H + "|") +
         req("POST /2 HTTP/1.1|" + H + CHUNKED + "|", b"3\r\nabc\r\n0\r\n\r\n") +
         req("GET /3 HTTP/1.1|" + H + "Connection: close||")),
    Case("http10-no-keepalive", req("GET / HTTP/1.0||")),
    Case("http10-keepalive", req("GET / HTTP/1.0|Connection: keep-alive||")),
    Case("http10-with-host", req("GET /x HTTP/1.0|" + H + "|")),
    Case("http10-post-content-length", req("POST /x HTTP/1.0|Content-Length: 2||", b"hi")),
    Case("http11-connection-close", req("GET / HTTP/1.1|" + H + "Connection: close||")),
    Case("connection-close-keepalive-list", req(
        "GET / HTTP/1.1|" + H + "Connection: keep-alive, close||")),
    Case("connection-custom-token", req(
        "GET / HTTP/1.1|" + H + "Connection: X-Hop|X-Hop: 1||")),
    Case("absolute-form", req("GET http://example.com/x?q=1 HTTP/1.1|" + H + "|")),
    Case("absolute-form-with-port", req("GET http://example.com:80/x HTTP/1.1|Host: example.com:80||")),
    Case("absolute-form-https", req("GET https://example.com/x HTTP/1.1|" + H + "|")),
    Case("absolute-form-no-host-header", req("GET http://example.com/x HTTP/1.1||")),
    Case("absolute-form-empty-path", req("GET http://example.com HTTP/1.1|" + H + "|")),
    Case("options-asterisk", req("OPTIONS * HTTP/1.1|" + H + "|")),
    Case("connect-authority", req("CONNECT example.com:443 HTTP/1.1|Host: example.com:443||")),
    Case("expect-100-continue", req(
        "POST /e HTTP/1.1|" + H + "Expect: 100-continue|Content-Length: 5||", b"hello")),
    Case("origin-sends-103", req("GET / HTTP/1.1|" + H + "|"), "early-hints"),
    Case("origin-sends-103-to-http10", req("GET / HTTP/1.0|" + H + "|"), "early-hints"),
    Case("origin-sends-102-then-103", req("GET / HTTP/1.1|" + H + "|"), "two-interim"),
    Case("origin-sends-100-continue", req(
        "POST /e HTTP/1.1|" + H + "Expect: 100-continue|Content-Length: 5||", b"hello"), "continue"),
    Case("upgrade-websocket", req(
        "GET /ws HTTP/1.1|" + H + "Connection: Upgrade|Upgrade: websocket|"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==|Sec-WebSocket-Version: 13||"), "101"),
    Case("long-header-8k", req("GET / HTTP/1.1|" + H + "X-Long: " + "a" * 8000 + "||")),
    Case("many-headers-90", req("GET / HTTP/1.1|" + H + headers(89) + "|")),
    Case("header-name-case-mixed", req("GET / HTTP/1.1|hOsT: example.com|cOnTeNt-TyPe: x/y||")),
    Case("header-value-whitespace", req("GET / HTTP/1.1|" + H + "X-A:   spaced  \t|X-B:\tv||")),
    Case("header-value-empty", req("GET / HTTP/1.1|" + H + "X-Empty:|X-Empty2: ||")),
    Case("header-value-obs-text", req("GET / HTTP/1.1|" + H + "X-U: caf\xe9 \xff||")),
    Case("header-name-token-chars", req("GET / HTTP/1.1|" + H + "X_A!#$%&'*+-.^`|~: t||")),
    Case("leading-empty-lines", req("||GET / HTTP/1.1|" + H + "|")),
    Case("unknown-method", req("PURGE /x HTTP/1.1|" + H + "|")),
    Case("te-trailers-header", req("GET / HTTP/1.1|" + H + "TE: trailers||")),
    Case("proxy-connection-header", req("GET / HTTP/1.1|" + H + "Proxy-Connection: keep-alive||")),
    Case("duplicate-host-same", req("GET / HTTP/1.1|" + H + H + "|")),
    Case("content-length-leading-zeros", req("POST / HTTP/1.1|" + H + "Content-Length: 005||", b"hello")),
    # ------------------------------------------- framing: CL and TE conflicts
    Case("cl-duplicate-same", req(
        "POST / HTTP/1.1|" + H + "Content-Length: 5|Content-Length: 5||", b"hello")),
    Case("cl-duplicate-different", req(
        "POST / HTTP/1.1|" + H + "Content-Length: 5|Content-Length: 6||", b"hello!")),
    Case("cl-list-same", req("POST / HTTP/1.1|" + H + "Content-Length: 5, 5||", b"hello")),
    Case("cl-list-different", req("POST / HTTP/1.1|" + H + "Content-Length: 5, 6||", b"hello!")),
    Case("cl-negative", req("POST / HTTP/1.1|" + H + "Content-Length: -1||")),
    Case("cl-plus-sign", req("POST / HTTP/1.1|" + H + "Content-Length: +5||", b"hello")),
    Case("cl-not-a-number", req("POST / HTTP/1.1|" + H + "Content-Length: abc||")),
    Case("cl-empty", req("POST / HTTP/1.1|" + H + "Content-Length:||")),
    Case("cl-inner-space", req("POST / HTTP/1.1|" + H + "Content-Length: 1 2||", b"hello world!")),
    Case("cl-overflow", req("POST / HTTP/1.1|" + H + "Content-Length: 99999999999999999999999||")),
    Case("cl-and-te-chunked", req(
        "POST / HTTP/1.1|" + H + "Content-Length: 3|" + CHUNKED + "|", b"5\r\nhello\r\n0\r\n\r\n")),
    Case("te-chunked-not-last", req(
        "POST / HTTP/1.1|" + H + "Transfer-Encoding: chunked, gzip||", b"5\r\nhello\r\n0\r\n\r\n")),
    Case("te-gzip-only", req("POST / HTTP/1.1|" + H + "Transfer-Encoding: gzip||", b"hello")),
    Case("te-gzip-then-chunked", req(
        "POST / HTTP/1.1|" + H + "Transfer-Encoding: gzip, chunked||", b"5\r\nhello\r\n0\r\n\r\n")),
    Case("te-chunked-twice-list", req(
        "POST / HTTP/1.1|" + H + "Transfer-Encoding: chunked, chunked||", b"5\r\nhello\r\n0\r\n\r\n")),
    Case("te-two-headers", req(
        "POST / HTTP/1.1|" + H + CHUNKED + CHUNKED + "|", b"5\r\nhello\r\n0\r\n\r\n")),
    Case("te-uppercase-chunked", req(
        "POST / HTTP/1.1|" + H + "Transfer-Encoding: CHUNKED||", b"5\r\nhello\r\n0\r\n\r\n")),
    Case("te-identity", req("POST / HTTP/1.1|" + H + "Transfer-Encoding: identity||", b"hello")),
    Case("te-in-http10", req(
        "POST / HTTP/1.0|" + H + CHUNKED + "|", b"5\r\nhello\r\n0\r\n\r\n")),
    Case("te-with-space-before-colon", req(
        "POST / HTTP/1.1|" + H + "Transfer-Encoding : chunked|Content-Length: 5||", b"hello")),
    Case("body-longer-than-cl", req(
        "POST / HTTP/1.1|" + H + "Content-Length: 5||", b"helloGARBAGE\r\n\r\n")),
    # ------------------------------------------------------ chunk syntax
    Case("chunk-size-not-hex", req("POST / HTTP/1.1|" + H + CHUNKED + "|", b"g\r\nhello\r\n0\r\n\r\n")),
    Case("chunk-size-overflow", req(
        "POST / HTTP/1.1|" + H + CHUNKED + "|", b"fffffffffffffffff1\r\nhello\r\n0\r\n\r\n")),
    Case("chunk-size-negative", req("POST / HTTP/1.1|" + H + CHUNKED + "|", b"-5\r\nhello\r\n0\r\n\r\n")),
    Case("chunk-size-leading-space", req(
        "POST / HTTP/1.1|" + H + CHUNKED + "|", b" 5\r\nhello\r\n0\r\n\r\n")),
    Case("chunk-size-trailing-space", req(
        "POST / HTTP/1.1|" + H + CHUNKED + "|", b"5 \r\nhello\r\n0\r\n\r\n")),
    Case("chunk-size-empty", req("POST / HTTP/1.1|" + H + CHUNKED + "|", b"\r\nhello\r\n0\r\n\r\n")),
    Case("chunk-data-longer-than-size", req(
        "POST / HTTP/1.1|" + H + CHUNKED + "|", b"3\r\nhello\r\n0\r\n\r\n")),
    Case("chunk-bare-lf", req("POST / HTTP/1.1|" + H + CHUNKED + "|", b"5\nhello\n0\n\n")),
    Case("chunk-extension-bare-semicolon", req(
        "POST / HTTP/1.1|" + H + CHUNKED + "|", b"5;\r\nhello\r\n0\r\n\r\n")),
    Case("chunk-trailer-malformed", req(
        "POST / HTTP/1.1|" + H + CHUNKED + "|", b"5\r\nhello\r\n0\r\nno colon here\r\n\r\n")),
    # ------------------------------------------------ head syntax errors
    Case("obs-fold", req("GET / HTTP/1.1|" + H + "X-Folded: a|  b||")),
    Case("obs-fold-first-header", req("GET / HTTP/1.1| X-A: b|" + H + "|")),
    Case("nul-in-header-value", req("GET / HTTP/1.1|" + H + "X-A: a\x00b||")),
    Case("cr-in-header-value", req("GET / HTTP/1.1|" + H + "X-A: a\rb||")),
    Case("lf-in-header-value", req("GET / HTTP/1.1|" + H + "X-A: a\nX-B: b||")),
    Case("ctl-in-header-value", req("GET / HTTP/1.1|" + H + "X-A: a\x01\x7fb||")),
    Case("space-before-colon", req("GET / HTTP/1.1|Host : example.com||")),
    Case("tab-before-colon", req("GET / HTTP/1.1|" + H + "X-A\t: b||")),
    Case("header-without-colon", req("GET / HTTP/1.1|" + H + "NoColonHere||")),
    Case("header-name-invalid-char", req("GET / HTTP/1.1|" + H + "X(A): b||")),
    Case("header-name-space-inside", req("GET / HTTP/1.1|" + H + "X A: b||")),
    Case("header-name-empty", req("GET / HTTP/1.1|" + H + ": empty name||")),
    Case("header-name-high-byte", req("GET / HTTP/1.1|" + H + "X-\xe9: b||")),
    Case("bare-lf-line-endings", b"GET / HTTP/1.1\nHost: example.com\nX-A: b\n\n"),
    Case("mixed-line-endings", b"GET / HTTP/1.1\r\nHost: example.com\nX-A: b\r\n\n"),
    Case("bare-cr-line-ending", b"GET / HTTP/1.1\rHost: example.com\r\n\r\n"),
    Case("version-1.2", req("GET / HTTP/1.2|" + H + "|")),
    Case("version-2.0", req("GET / HTTP/2.0|" + H + "|")),
    Case("version-lowercase", req("GET / http/1.1|" + H + "|")),
    Case("version-no-minor", req("GET / HTTP/1|" + H + "|")),
    Case("version-two-digits", req("GET / HTTP/1.10|" + H + "|")),
    Case("version-garbage", req("GET / FOO/1.1|" + H + "|")),
    Case("http09-request", req("GET /|")),
    Case("request-line-double-space", req("GET  / HTTP/1.1|" + H + "|")),
    Case("request-line-tab-separator", req("GET\t/\tHTTP/1.1|" + H + "|")),
    Case("request-line-trailing-space", req("GET / HTTP/1.1 |" + H + "|")),
    Case("uri-with-space", req("GET /a b HTTP/1.1|" + H + "|")),
    Case("uri-with-high-bytes", req("GET /caf\xe9 HTTP/1.1|" + H + "|")),
    Case("uri-with-quote-and-brackets", b'GET /a"<b>{c}|d HTTP/1.1\r\nHost: example.com\r\n\r\n'),
    Case("uri-with-ctl", req("GET /a\x01b HTTP/1.1|" + H + "|")),
    Case("missing-host-http11", req("GET / HTTP/1.1||")),
    Case("empty-host-http11", req("GET / HTTP/1.1|Host:||")),
    Case("duplicate-host-different", req("GET / HTTP/1.1|Host: a.example|Host: b.example||")),
    Case("host-absolute-form-mismatch", req("GET http://a.example/x HTTP/1.1|Host: b.example||")),
    Case("host-with-invalid-chars", req("GET / HTTP/1.1|Host: exa mple.com||")),
    # HAProxy 3.x checks the authority and the first Host value for characters that could change
    # how they are reassembled (below 0x21, above 0x7e, ",", "#", "/", "?", "@", "\\", and brackets
    # other than an IP-literal's).
    Case("host-with-comma", req("GET / HTTP/1.1|Host: a.example,b.example||")),
    Case("host-with-at", req("GET / HTTP/1.1|Host: user@example.com||")),
    Case("host-with-backslash", req("GET / HTTP/1.1|Host: exa\\mple.com||")),
    Case("host-with-slash", req("GET / HTTP/1.1|Host: example.com/x||")),
    Case("host-with-question-mark", req("GET / HTTP/1.1|Host: example.com?x||")),
    Case("host-with-del", req("GET / HTTP/1.1|Host: exa\x7fmple.com||")),
    Case("host-with-high-byte", req("GET / HTTP/1.1|Host: exa\xe9mple.com||")),
    Case("host-ip-literal", req("GET / HTTP/1.1|Host: [::1]:80||")),
    Case("host-ip-literal-no-port", req("GET / HTTP/1.1|Host: [::1]||")),
    Case("host-unbalanced-bracket", req("GET / HTTP/1.1|Host: [::1:80||")),
    Case("host-bracket-inside", req("GET / HTTP/1.1|Host: a[b]c||")),
    Case("host-sub-delims", req("GET / HTTP/1.1|Host: a!$&'()*+;=b.example||")),
    Case("host-second-invalid", req("GET / HTTP/1.1|Host: example.com|Host: exa mple.com||")),
    Case("absolute-form-userinfo", req("GET http://user@example.com/ HTTP/1.1|" + H + "|")),
    Case("absolute-form-authority-comma", req("GET http://exa,mple.com/ HTTP/1.1|Host: exa,mple.com||")),
    Case("absolute-form-query-no-path", req("GET http://example.com?x=1 HTTP/1.1|" + H + "|")),
    Case("absolute-form-fragment", req("GET http://example.com/p#frag HTTP/1.1|" + H + "|")),
    Case("origin-form-fragment", req("GET /p#frag HTTP/1.1|" + H + "|")),
    Case("asterisk-form-get", req("GET * HTTP/1.1|" + H + "|")),
    Case("authority-form-get", req("GET example.com:80 HTTP/1.1|" + H + "|")),
    Case("te-header-gzip-trailers", req("GET / HTTP/1.1|" + H + "TE: gzip, trailers||")),
    Case("te-header-gzip-only", req("GET / HTTP/1.1|" + H + "TE: gzip||")),
    Case("expect-unknown", req("POST / HTTP/1.1|" + H + "Expect: something|Content-Length: 5||", b"hello")),
    Case("expect-100-http10", req("POST / HTTP/1.0|" + H + "Expect: 100-continue|Content-Length: 5||", b"hello")),
    Case("expect-100-uppercase", req("POST / HTTP/1.1|" + H + "Expect: 100-Continue|Content-Length: 5||", b"hello")),
    Case("lowercase-method", req("get / HTTP/1.1|" + H + "|")),
    Case("method-invalid-char", req("GE(T / HTTP/1.1|" + H + "|")),
    Case("headers-100", req("GET / HTTP/1.1|" + H + headers(99) + "|")),
    Case("headers-101", req("GET / HTTP/1.1|" + H + headers(100) + "|")),
    Case("headers-102", req("GET / HTTP/1.1|" + H + headers(101) + "|")),
    Case("oversized-head-16k", req("GET / HTTP/1.1|" + H + "".join(
        f"X-Big{i}: {'b' * 1000}|" for i in range(16)) + "|")),
    Case("oversized-request-line", req("GET /" + "u" * 16000 + " HTTP/1.1|" + H + "|")),
    Case("h2-preface-on-h1", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
    Case("garbage-bytes", b"\x16\x03\x01\x00\x05hello\r\n\r\n"),
    Case("server-resets", req("GET / HTTP/1.1|" + H + "|"), "reset"),
    Case("server-resets-during-upload", req("POST / HTTP/1.1|" + H + "Content-Length: 5||", b"hello"), "reset"),
    # ---------------------------------------------- incomplete and timeouts
    Case("incomplete-head", req("GET / HTTP/1.1|" + H)),
    Case("incomplete-body", req("POST / HTTP/1.1|" + H + "Content-Length: 10||", b"hello")),
    Case("pipelined-second-malformed", req("GET /1 HTTP/1.1|" + H + "|") +
         req("GET /2 HTTP/1.1|" + H + "Bad Header: x||")),
]
