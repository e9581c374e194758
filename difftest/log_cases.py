"""The cases of the log differential test (see log_differential.py).

A traffic case, Case(name, fmt, ...):

    fmt        the log-format string (unquoted; the script quotes it), written by `directive`
               (log-format by default; None: none, e.g. with `option httplog`)
    expect     the format the lines are compared against (default: fmt); for the options,
               their log-format equivalents (configuration.txt §8.2.2 to §8.2.5)
    frontend, backend, defaults
               more lines of the case's sections; @LOG@ is the case's UDP receiver, @ORIGIN@
               the origin, @DEAD@ a port where nothing listens. A frontend without a `log`
               line gets `log @LOG@ format <syslog> local0`.
    mode       http or tcp (in the case's defaults)
    bind       options added to the frontend's bind line
    server     the backend's server address (None: no server)
    exchanges  the client's connections, in order (Exchange below)
    lines      how many log lines the case expects from each proxy
    syslog     the log format (raw, priority, rfc3164, rfc5424): its header is compared too
    sd         the log-format-sd string (rfc5424)
    shapes     {item text or alias: a shape name of log_differential.NAMED_SHAPES} for items
               compared by shape that are not in its SHAPES (a volatile sample, %ID)
    global_log the lines come through `log global` (one case at most)

A config-check case, ConfigCase(name, config, expect, line, mention): the whole configuration
(@PORT@ a free port, @LOG@ a log target); expect "refused" (exit status not 0, an [ALERT]
naming the line), "warning" (accepted, a [WARNING] naming the line) or "accepted"; mention, a
regular expression that a message must match on both proxies.

The aliases are those of the table of configuration.txt §8.2.6 (3.5); ALIASES_COVERED below
lists them and the script's self-check (python3 log_cases.py) says which no case uses.
"""

import re
from typing import NamedTuple


class Exchange(NamedTuple):
    raw: bytes
    after: str = "read"   # read (until the proxy is done), close (at once), reset (RST), rst-stream (HTTP/2: RST_STREAM on stream 1, then a close); with tls: notify (read, then a close_notify), reset (read, then a RST), badrecord (read the answer, then a record that does not decrypt)
    pause: float = 0.0    # seconds between sending and closing (close, reset)
    tls: bool = False     # over TLS 1.2 (ECDHE-ECDSA-AES128-GCM-SHA256, SNI www.test); then always read
    drain: object = False  # True: read what comes during the pause (close then sends a FIN, nothing left
                           # unread); bytes: the same, but stop once what was read ends with them
    background: bool = False  # run on its own thread: the next exchange starts once it ran alone a moment


def get(target="/", fields="", method="GET", version="HTTP/1.1", body=b""):
    """A request with Host: example.com, then the fields (each ending with '|' for CRLF)."""
    head = "%s %s %s|Host: example.com|%s|" % (method, target, version, fields)
    return head.replace("|", "\r\n").encode("latin-1") + body


GET = (Exchange(get()),)
TLS_GET = (Exchange(get(), tls=True),)
TLS_BIND = " ssl crt @CERTS@/site.pem"  # @CERTS@: the certificates of vtc/tls/make-certs.sh
# The first TLS handshakes of a JVM just started took more than 1 s on a loaded machine (2 cores,
# load 8): a handshake timeout (timeout client) that leaves them time.
TLS_DEFAULTS = "timeout client 5s"
TCP = (Exchange(b"ping\n"),)


def h2_get(path):
    """An HTTP/2 client's preface, SETTINGS and a GET of path on stream 1 (HPACK without the table)."""
    def frame(kind, flags, stream, payload):
        return len(payload).to_bytes(3, "big") + bytes([kind, flags]) + stream.to_bytes(4, "big") + payload
    block = b"\x82\x86\x44" + bytes([len(path)]) + path.encode() + b"\x41\x01a"  # GET, http, :path, :authority a
    return b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + frame(4, 0, 0, b"") + frame(1, 5, 1, block)


def websocket(kind):
    """A WebSocket upgrade to the origin's tunnel of that kind (log_differential.Origin._tunnel)."""
    return get("/" + kind, "Connection: upgrade|Upgrade: websocket|Sec-WebSocket-Version: 13|"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==|")


def connect(kind):
    """A CONNECT to the origin's tunnel of that kind."""
    return ("CONNECT %s:80 HTTP/1.1\r\nHost: %s:80\r\n\r\n" % (kind, kind)).encode("latin-1")


# An HTTP tunnel's line: the tunnel's end in the state, its bytes, its events. A CONNECT's %U is
# left out: 3.5 counts its Host field without the port (67 bytes where Shuttle counts 70), not
# a tunnel's matter.
TUNNEL = "%ST|%ts|%B|%U|%[term_events]|%[fc_err_name]|%[bc_err_name]"
CONNECT_TUNNEL = TUNNEL.replace("%U|", "")


class Case:
    def __init__(self, name, fmt=None, expect=None, frontend="", backend="", defaults="", mode="http", bind="",
                 server="@ORIGIN@", exchanges=GET, lines=1, syslog="raw", sd=None, shapes=None,
                 directive="log-format", global_log=False):
        self.name, self.fmt, self.frontend, self.backend = name, fmt, frontend, backend
        self.expect = expect if expect is not None else fmt
        self.defaults, self.mode, self.bind, self.server = defaults, mode, bind, server
        self.exchanges, self.lines, self.syslog, self.sd = exchanges, lines, syslog, sd
        self.shapes, self.directive, self.global_log = shapes or {}, directive, global_log


class ConfigCase(NamedTuple):
    name: str
    config: str
    expect: str
    line: int = 0
    mention: str = ""


# The log-format equivalents of the options (configuration.txt §8.2.2-§8.2.5, 3.5).
HTTP_LOG = ("%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc "
            "%sq/%bq %hr %hs %{+Q}r")
HTTP_CLF = ('%{+Q}o %{-Q}ci - - [%trg] %r %ST %B "" "" %cp %ms %ft %b %s %TR %Tw %Tc %Tr %Ta %tsc %ac %fc '
            "%bc %sc %rc %sq %bq %CC %CS %hrl %hsl")
HTTPS_LOG = (HTTP_LOG + " %[fc_err]/%[ssl_fc_err,hex]/%[ssl_c_err]/%[ssl_c_ca_err]/%[ssl_fc_is_resumed] "
             "%[ssl_fc_sni]/%sslv/%sslc")
TCP_LOG = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq"
TCP_CLF = ('%{+Q}o %{-Q}ci - - [%T] "TCP " 000 %B "" "" %cp %ms %ft %b %s %Th %Tw %Tc %Tt %U %ts-- %ac %fc %bc '
           '%sc %rc %sq %bq "" "" ')
# The default error log line (configuration.txt §8.2.5): "<frontend>/<listener>: <message>", the
# listener unnamed, so its number (1).
ERROR_LOG = "%ci:%cp [%tr] %ft/1: %[fc_err_str]"

# A failed TLS handshake's connection error line with its termination events and errors.
TLS_HANDSHAKE_EVENTS = "%[term_events]|%[fc_err_name]|%[ssl_fc_err]"


def tls_handshake_events(name, exchange, defaults=TLS_DEFAULTS):
    return Case(name, "%f", frontend='error-log-format "%s"' % TLS_HANDSHAKE_EVENTS, expect=TLS_HANDSHAKE_EVENTS,
                defaults=defaults, bind=TLS_BIND, exchanges=(exchange,))


# A server reached over TLS (the TLS origin, not verified) and what its exchanges log.
TLS_SERVER = "@TLSORIGIN@ ssl verify none"
TLS_SERVER_EVENTS = "%ST|%ts|%[term_events]|%[bc_err_name]"

# Timers and states of an exchange, for the termination-state cases.
STATE = "%ST|%ts|%tsc|%b|%s|%B|%U|%TR|%Tw|%Tc|%Tr|%Ta|%Tt|%rc|%{+Q}r"

CASES = [
    # ------------------------------------------------------------- every alias of §8.2.6's table
    Case("alias-dates", "%T|%Tl|%Ts|%t|%ms|%tr|%trg|%trl"),
    Case("alias-timers", "%Th|%Ti|%TR|%Tq|%Tw|%Tc|%Tr|%Td|%Ta|%Tt|%Tu", exchanges=(Exchange(get("/slow")),)),
    Case("alias-timers-keepalive", "%Ti|%TR|%Tq|%Tw|%Tc|%Tr|%Td|%Ta|%Tt|%Tu|%rt",
         exchanges=(Exchange(get("/a") + get("/b")),), lines=2),
    Case("alias-bytes-status", "%ST|%B|%U", exchanges=(Exchange(get("/big", "Content-Length: 5|", "POST",
                                                                     body=b"hello")),)),
    Case("alias-status-404", "%ST|%B|%ts", exchanges=(Exchange(get("/404")),)),
    # The proxy's own services take the server's place in the line: <STATS>, <PROMEX> (their bytes
    # are the pages, which differ, so %B is left out), reached at once (%Tw, %Tc 0).
    Case("applet-stats-page", "%b/%s|%Tw|%Tc|%ST|%tsc", frontend="stats enable\nstats uri /stats",
         exchanges=(Exchange(get("/stats")),)),
    Case("applet-prometheus", "%b/%s|%Tw|%Tc|%ST|%tsc",
         frontend="http-request use-service prometheus-exporter if { path /metrics }",
         exchanges=(Exchange(get("/metrics")),)),
    # %ST in each: HAProxy 3.5 logs a line whose items are all known at request time twice
    # (at txn_request, then txn_response: log-request-only-format below).
    Case("alias-request", "%HM|%HP|%HPO|%HQ|%HU|%HV|%r|%{+Q}r|%ST", exchanges=(Exchange(get("/a/b?x=1&y=2")),)),
    Case("alias-request-absolute", "%HM|%HP|%HPO|%HQ|%HU|%HV|%r|%ST",
         exchanges=(Exchange(get("http://example.com/p/q?z")),)),
    Case("alias-request-http10", "%HM|%HP|%HQ|%HU|%HV|%r|%ST", exchanges=(Exchange(get("/", "", "HEAD", "HTTP/1.0")),)),
    Case("alias-names", "%f|%ft|%b|%s|%H|%pid|%OG"),
    Case("alias-addresses", "%ci|%cp|%fi|%fp|%bi|%bp|%si|%sp"),
    Case("alias-counters", "%ac|%fc|%bc|%sc|%rc|%sq|%bq|%lc|%rt"),
    Case("alias-counters-second-line", "%fc|%bc|%sc|%lc",
         exchanges=(Exchange(get("/a")), Exchange(get("/b"))), lines=2),
    Case("alias-termination", "%ts|%tsc"),
    Case("alias-cookies", "%CC|%CS", exchanges=(Exchange(get("/cookie", "Cookie: SRV=s1; b=2|")),)),
    Case("alias-ssl-on-plain", "%sslc|%sslv|%[ssl_fc]"),
    Case("alias-unique-id", "%ID|%[unique-id]",
         frontend='unique-id-format "%{+X}o %ci:%cp_%fi:%fp_%Ts_%rt:%pid"\nunique-id-header X-Unique-ID',
         shapes={"%ID": "unique-id", "%[unique-id]": "unique-id"}),
    Case("alias-unique-id-fixed", "%ID|%{+Q}ID|%[unique-id]",
         frontend='unique-id-format "%{+X}o%ci-%[str(abc)]-%HM"'),
    Case("alias-unique-id-none", "%ID|%[unique-id]"),
    Case("alias-captures", "%hr|%hrl|%hs|%hsl|%[capture.req.hdr(0)]|%[capture.res.hdr(0)]",
         frontend="capture request header Host len 5\ncapture request header User-Agent len 10\n"
                  "capture response header X-Resp len 8",
         exchanges=(Exchange(get("/", "User-Agent: a-very-long-agent|")),)),
    Case("alias-captures-missing", "%hr|%hrl|%hs|%hsl",
         frontend="capture request header X-None len 5\ncapture response header X-None len 5"),
    Case("alias-captures-none", "%hr|%hrl|%hs|%hsl|%f"),
    Case("alias-hex", "%{+X}o %ci|%cp|%fi|%fp|%bi|%si|%sp|%Ts|%rt|%pid|%ST|%B"),

    # ------------------------------------------------------------- samples, flags, names
    # HAProxy 3.5 refuses the request's and response's own fetches (req.hdr, path, res.hdr...) in a
    # log-format (cfg-req-hdr-in-log-format): the message is gone at log time; captures remain.
    Case("sample-expressions", "%[capture.req.hdr(0)]|%[str(abc),upper]|%[src,ipmask(24)]|%[method]|"
                               "%[req.ver]|%[status]|%[txn.status]|%[be_name]|%[fe_name]|%[srv_name]|"
                               "%[method,lower,length]|%[capture.res.hdr(0)]",
         frontend="capture request header Host len 20\ncapture response header X-Resp len 8"),
    Case("sample-missing", "%[capture.req.hdr(0)]|%{+Q}[capture.req.hdr(0)]|%[var(txn.none)]|%{+Q}[str()]|"
                           "%{+Q}[var(txn.none)]", frontend="capture request header X-None len 5"),
    Case("sample-variables", "%[var(txn.a)]|%{+Q}[var(txn.a)]|%[var(txn.n)]|%[var(txn.n),add(1)]",
         frontend="http-request set-var(txn.a) str(hello)\nhttp-request set-var(txn.n) int(41)"),
    Case("sample-volatile", "%[date]|%[pid]|%[rand(10)]", shapes={"%[date]": "integer", "%[pid]": "integer",
                                                                 "%[rand(10)]": "integer"}),
    Case("flags-quote", "%{+Q}f|%{+Q}b|%{+Q}ST|%{+Q}r|%{+Q}[str(a)]|%{+Q}HM"),
    Case("flags-o-propagation", "%{+Q}o %f %{-Q}b %s %[str(x)] %ST %{-Q}r"),
    Case("flags-escape", "%{+E}[capture.req.hdr(0)]|%{+Q,+E}[capture.req.hdr(0)]|%{+E}r|%{+E}hr",
         frontend="capture request header X-E len 20", exchanges=(Exchange(get('/"a]', 'X-E: a"b\\c]d|')),)),
    Case("flags-escape-global", '%{+Q,+E}o %[capture.req.hdr(0)] %r', frontend="capture request header X-E len 20",
         exchanges=(Exchange(get("/", 'X-E: x"y]|')),)),
    Case("flags-json", "%{+json}o %(fe)f %(status)ST %(request)r %(tt)Tt %(custom)[str(custom)] "
                       "%(n:sint)[str(12)] %(yes:bool)[str(1)] %(missing)[var(txn.none)] %(bytes)B %f"),
    Case("flags-json-item", "%f %{+json}[str(ab)] %(x){+json}ST"),
    Case("flags-cbor", "%{+cbor}o %(fe)f %(status)ST %(request)r %(custom_expr)[str(custom)] %(n:sint)[str(7)]"),
    Case("flags-bin", "%{+bin}o %f|%[str(ab)]|%ST"),
    Case("named-without-encoding", "%(name)ST|%(x:sint)B|%(:str)f|%(y:bool)[str(1)]"),
    Case("percent", "100%%|%f%%|%%%ST"),
    Case("spaces-merged", "a   b  %f    c %%"),
    Case("literal-only", "hello"),
    # Seen on 3.5-dev5: a format with only request-time items and no client port logs the request
    # twice, at txn_request and txn_response (%OG); with %cp or %ST once, at txn_response.
    Case("log-request-only-format", "%HM|%OG", lines=2),

    # ------------------------------------------------------------- the options' formats
    Case("httplog", expect=HTTP_LOG, frontend="option httplog", exchanges=(Exchange(get("/a?b=c")),)),
    Case("httplog-captures", expect=HTTP_LOG, frontend="option httplog\ncapture request header Host len 20\n"
                                                        "capture response header X-Resp len 8"),
    Case("httplog-clf", expect=HTTP_CLF, frontend="option httplog clf"),
    Case("httplog-server-down", expect=HTTP_LOG, frontend="option httplog", server="@DEAD@"),
    Case("httpslog-plain", expect=HTTPS_LOG, frontend="option httpslog"),
    Case("tcplog", expect=TCP_LOG, frontend="option tcplog", mode="tcp", exchanges=TCP),
    Case("tcplog-clf", expect=TCP_CLF, frontend="option tcplog clf", mode="tcp", exchanges=TCP),
    # A longer timeout client than the retries take: else either may end first (cC or SC, seen on 3.5).
    Case("tcplog-server-down", expect=TCP_LOG, frontend="option tcplog", mode="tcp", exchanges=TCP,
         server="@DEAD@", defaults="timeout client 3s", backend="retries 1"),
    Case("tcp-custom", "%ci|%f|%b|%s|%B|%U|%ts|%Tw|%Tc|%Tt|%rc", mode="tcp", exchanges=TCP),
    Case("tcp-http-aliases", "%HM|%HP|%HU|%HV|%r|%ST|%TR|%Tr|%Ta|%hr|%tsc|%CC", mode="tcp", exchanges=TCP),

    # ------------------------------------------------------------- TLS (what Shuttle has today)
    Case("tls-aliases", "%ft|%sslv|%sslc|%[ssl_fc]|%[ssl_fc_sni]|%[ssl_fc_protocol]|%[ssl_fc_cipher]|%ST",
         defaults=TLS_DEFAULTS, bind=TLS_BIND, exchanges=TLS_GET),
    Case("httplog-tls", expect=HTTP_LOG, frontend="option httplog", defaults=TLS_DEFAULTS, bind=TLS_BIND,
         exchanges=TLS_GET),
    Case("httpslog-tls", expect=HTTPS_LOG, frontend="option httpslog", defaults=TLS_DEFAULTS, bind=TLS_BIND,
         exchanges=TLS_GET),
    Case("tcplog-tls", expect=TCP_LOG, frontend="option tcplog", mode="tcp", defaults=TLS_DEFAULTS, bind=TLS_BIND,
         exchanges=(Exchange(b"ping\n", tls=True),)),
    Case("error-log-tls-handshake", expect=ERROR_LOG, frontend="option httplog", defaults=TLS_DEFAULTS,
         bind=TLS_BIND, exchanges=(Exchange(get()),)),
    # Termination events of the TLS layers: failed handshakes (the connection error log), TLS
    # tunnels ending with or without a close_notify.
    tls_handshake_events("term-events-tls-handshake-garbage", Exchange(get())),
    tls_handshake_events("term-events-tls-handshake-close", Exchange(b"\x16\x03\x01\x00\x50\x01", "close", 0.2)),
    tls_handshake_events("term-events-tls-handshake-reset", Exchange(b"\x16\x03\x01\x00\x50\x01", "reset", 0.2)),
    tls_handshake_events("term-events-tls-handshake-empty-close", Exchange(b"", "close", 0.2)),
    tls_handshake_events("term-events-tls-handshake-empty-reset", Exchange(b"", "reset", 0.2)),
    tls_handshake_events("term-events-tls-handshake-timeout", Exchange(b"\x16\x03\x01\x00\x50\x01", "close", 1.0),
                         defaults="timeout client 300ms"),
    Case("term-events-tls-tcp-close", "%ts|%[term_events]", mode="tcp", defaults=TLS_DEFAULTS, bind=TLS_BIND,
         exchanges=(Exchange(b"ping\n", tls=True),)),
    Case("term-events-tls-tcp-close-notify", "%ts|%[term_events]", mode="tcp", defaults=TLS_DEFAULTS, bind=TLS_BIND,
         exchanges=(Exchange(b"ping\n", "notify", tls=True),)),
    # A TLS client that resets its TCP connection after the handshake: an error of the TLS transport.
    Case("term-events-tls-tcp-reset", "%ts|%[term_events]", mode="tcp", defaults=TLS_DEFAULTS,
         bind=TLS_BIND, exchanges=(Exchange(b"ping\n", "reset", tls=True),)),
    Case("term-events-tls-http-reset", "%ST|%ts|%[term_events]|%[fc_err_name]", defaults=TLS_DEFAULTS,
         bind=TLS_BIND, exchanges=(Exchange(get("/dribble"), "reset", 0.4, tls=True),)),
    # A TLS client whose record does not decrypt after the handshake: an error of the TLS layer, not
    # of its socket (as a fatal alert would be).
    Case("term-events-tls-tcp-bad-record", "%ts|%[term_events]|%[fc_err_name]", mode="tcp", defaults=TLS_DEFAULTS,
         bind=TLS_BIND, exchanges=(Exchange(b"ping\n", "badrecord", tls=True),)),
    Case("term-events-tls-http-bad-record", "%ST|%ts|%[term_events]|%[fc_err_name]", defaults=TLS_DEFAULTS,
         bind=TLS_BIND, exchanges=(Exchange(get("/dribble"), "badrecord", 0.4, tls=True),)),
    # The same while the body stalls beyond timeout server: seen at once (the client failure watch
    # watches the socket beneath the TLS), not by the server's timeout (sD).
    Case("term-events-tls-http-reset-stalled", "%ST|%ts|%[term_events]|%[fc_err_name]", defaults=TLS_DEFAULTS,
         bind=TLS_BIND, exchanges=(Exchange(get("/stall"), "reset", 0.4, tls=True),)),
    Case("term-events-tls-http", "%ST|%ts|%[term_events]", defaults=TLS_DEFAULTS, bind=TLS_BIND, exchanges=TLS_GET),
    Case("term-events-tls-http-close", "%ST|%ts|%[term_events]", defaults=TLS_DEFAULTS, bind=TLS_BIND,
         exchanges=(Exchange(get("/", "Connection: close|"), tls=True),)),
    # Termination events of the server side's TLS transport (X): a TLS origin (@TLSORIGIN@) that
    # answers and keeps the connection, ends it with a close_notify or resets it under the session,
    # a server whose certificate fails verification, and a server that speaks plain TCP.
    Case("term-events-tls-server-http", TLS_SERVER_EVENTS, server=TLS_SERVER),
    # (3.5 read the client's end first in 1 of 7 runs: {f2f1,m2m1,e2e1,s2S2s1,...} on the client side)
    Case("term-events-tls-server-http-close", TLS_SERVER_EVENTS, server=TLS_SERVER,
         exchanges=(Exchange(get("/tlsclose")),)),
    Case("term-events-tls-server-http-reset", TLS_SERVER_EVENTS, server=TLS_SERVER,
         exchanges=(Exchange(get("/tlsreset")),)),
    # A certificate that fails verification: the state and bc_err only. 3.5 logs the server
    # connection's H6 in about half the runs and not in the others, even with retries 0 (against
    # itself, --self-check: 3 of 6 differ), so its term_events are no reference here; Shuttle's H6
    # for a failed handshake is StreamTerminationEventsTlsTest's.
    Case("term-events-tls-server-verify-ca", "%ST|%ts|%[bc_err_name]", backend="retries 0",
         server="@TLSORIGIN@ ssl verify required ca-file @CERTS@/rogue.crt"),
    Case("term-events-tls-server-plain", TLS_SERVER_EVENTS, server="@ORIGIN@ ssl verify none", backend="retries 0"),
    Case("term-events-tls-server-tcp-close", TLS_SERVER_EVENTS, mode="tcp", server=TLS_SERVER,
         exchanges=(Exchange(b"tlsclose\n"),)),
    Case("term-events-tls-server-tcp-reset", TLS_SERVER_EVENTS, mode="tcp", server=TLS_SERVER,
         exchanges=(Exchange(b"tlsreset\n"),)),
    # (retries 0: the retries' pauses took 3.5 past timeout client once, cC)
    Case("term-events-tls-server-tcp-plain", TLS_SERVER_EVENTS, mode="tcp", server="@ORIGIN@ ssl verify none",
         backend="retries 0", exchanges=(Exchange(b"ping\n"),)),
    Case("error-log-format-tls-handshake", "%f", frontend='error-log-format "%ci|%ft|%[fc_err]|%[ssl_fc_err]"',
         expect="%ci|%ft|%[fc_err]|%[ssl_fc_err]", defaults=TLS_DEFAULTS, bind=TLS_BIND,
         exchanges=(Exchange(get()),)),

    # ------------------------------------------------------------- logging options
    Case("dontlognull-http", "%f|%ST|%ts", frontend="option dontlognull", exchanges=(Exchange(b"", "close"),),
         lines=0),
    Case("dontlognull-tcp", expect=TCP_LOG, frontend="option tcplog\noption dontlognull", mode="tcp",
         exchanges=(Exchange(b"", "close"),), lines=0),
    Case("null-connection-logged", "%f|%ST|%ts|%{+Q}r", exchanges=(Exchange(b"", "close"),)),
    Case("dontlog-normal-ok", "%f|%ST|%ts", frontend="option dontlog-normal", lines=0),
    Case("dontlog-normal-error", "%f|%ST|%ts", frontend="option dontlog-normal", server="@DEAD@"),
    Case("log-separate-errors", "%f|%ST|%ts", frontend="option log-separate-errors", server="@DEAD@",
         syslog="priority"),
    Case("log-separate-errors-ok", "%f|%ST|%ts", frontend="option log-separate-errors", syslog="priority"),
    Case("logasap", "%Tt|%Ta|%B|%ST|%ts|%OG", frontend="option logasap", exchanges=(Exchange(get("/big")),)),
    Case("logasap-httplog", expect=HTTP_LOG, frontend="option httplog\noption logasap"),
    Case("logasap-tcplog", expect=TCP_LOG, frontend="option tcplog\noption logasap", mode="tcp", exchanges=TCP),
    Case("log-tag", "%f|%ST", frontend="log-tag mytag", syslog="rfc3164"),
    Case("log-tag-defaults", "%f|%ST", defaults="log-tag deftag", syslog="rfc3164"),
    Case("rfc5424-default-tag", "%f|%ST", syslog="rfc5424"),
    Case("rfc5424-sd", "%f|%ST", syslog="rfc5424", sd='%{+Q,+E}o [exampleSDID@1234 fe=%f st=%ST r=%r]'),
    Case("priority-level", "%f", frontend="log @LOG@ format priority local3 info", syslog="priority"),
    Case("priority-level-filtered", "%f", frontend="log @LOG@ format priority local3 notice", syslog="priority",
         lines=0),
    Case("no-log", "%f|%ST", defaults="log @LOG@ format raw local0", frontend="no log", lines=0),
    # log-format inherited from defaults, lines through the global section's log target.
    Case("log-global", defaults='log-format "%f|%ST|%b"', expect="%f|%ST|%b", frontend="log global",
         global_log=True),
    Case("defaults-log-format", defaults='log-format "%f|%b|%ST|%HM"', expect="%f|%b|%ST|%HM"),
    Case("defaults-log-format-overridden", "%f|%ST", defaults='log-format "%f|%b|%ST|%HM"'),
    Case("defaults-httplog-then-format", "%f|%s", defaults="option httplog"),
    Case("error-log-format", "%f|%ST", frontend='error-log-format "%ci|%f|%[fc_err]|%[fc_err_str]|%ts"',
         bind=" accept-proxy", exchanges=(Exchange(b"GARBAGE\r\n\r\n"),),
         expect="%ci|%f|%[fc_err]|%[fc_err_str]|%ts"),
    # 11 bytes: fewer than a v2 signature (16 with the rest of its fixed header).
    Case("error-log-default", expect=ERROR_LOG, frontend="option httplog", bind=" accept-proxy",
         exchanges=(Exchange(b"GARBAGE\r\n\r\n"),)),
    Case("error-log-default-long", expect=ERROR_LOG, frontend="option httplog", bind=" accept-proxy",
         exchanges=(Exchange(b"GARBAGE GARBAGE GARBAGE\r\n\r\n"),)),
    Case("error-log-dontlognull", expect=ERROR_LOG, frontend="option httplog\noption dontlognull",
         bind=" accept-proxy", exchanges=(Exchange(b"", "close"),), lines=0),

    # ------------------------------------------------------------- termination states (§8.5)
    Case("term-normal", STATE),
    Case("term-server-down", STATE, server="@DEAD@"),
    Case("term-server-closes", STATE, exchanges=(Exchange(get("/none")),)),
    Case("term-server-timeout", STATE, backend="timeout server 300ms", exchanges=(Exchange(get("/hang")),)),
    Case("term-client-aborts", STATE, exchanges=(Exchange(b"GET / HTTP/1.1\r\nHost: a\r\n", "close", 0.1),)),
    Case("term-client-aborts-during-data", STATE,
         exchanges=(Exchange(get("/slow", "Content-Length: 10|", "POST", body=b"abc"), "close", 0.1),)),
    Case("term-client-timeout-request", STATE, defaults="timeout http-request 300ms",
         exchanges=(Exchange(b"GET / HTTP/1.1\r\nHost: a\r\n"),)),
    Case("term-bad-request", STATE, exchanges=(Exchange(b"GET / HTTP/1.1\r\nHost a\r\n\r\n"),)),
    # A malformed head: the frontend mux reports a protocol error (3.5's mux_h1: muxc_tevt_type_proto_err, "m9").
    Case("term-events-bad-request", "%ST|%ts|%[term_events]|%[fc_err_name]",
         exchanges=(Exchange(b"GET / HTTP/1.1\r\nHost a\r\n\r\n"),)),
    Case("term-deny", STATE, frontend="http-request deny"),
    Case("term-return", STATE, frontend="http-request return status 200 content-type text/plain string ok",
         server=None),
    Case("term-tarpit", STATE, defaults="timeout tarpit 200ms", frontend="http-request tarpit"),
    Case("term-redirect", STATE, frontend="http-request redirect location /x"),
    Case("term-no-server", STATE, server=None),
    Case("term-tcp-client-timeout", "%ts|%B|%U|%Tt|%Tc", mode="tcp", defaults="timeout client 300ms",
         exchanges=(Exchange(b"ping\n", "close", 1.0),)),
    Case("term-tcp-server-down", "%ts|%B|%U|%Tw|%Tc|%Tt|%rc", mode="tcp", exchanges=TCP, server="@DEAD@",
         defaults="timeout client 3s", backend="retries 1"),
    Case("term-tcp-client-reset", "%ts|%B|%U", mode="tcp", exchanges=(Exchange(b"ping\n", "reset", 0.2),)),

    # ------------------------------------------------------------- %OG, do-log before the stream
    # Where 3.5 makes the line: with the server's response head when the format waits for nothing
    # at the end; at the end for a reply of its own; once connected for a TCP logasap; as the
    # session's error when no request head came.
    Case("origin-response-head", "%f|%OG|%ST|%HU"),
    Case("origin-own-reply", "%f|%OG|%ST", frontend="http-request return status 200", server=None),
    Case("origin-tcp-logasap", "%f|%OG|%b/%s", mode="tcp", frontend="option logasap", exchanges=TCP),
    Case("origin-session-error", "%f|%OG|%ST|%ts",
         exchanges=(Exchange(b"GET / HTTP/1.1\r\nHost: a\r\n", "close", 0.1),)),
    Case("do-log-tcp-request-connection", "%f|%OG|%b/%s|%ST|%ts|%[term_events]|%r",
         frontend="tcp-request connection do-log\nhttp-request return status 200", server=None, lines=2),
    # Termination events in the data phase: the server breaks the response body it started.
    Case("term-events-server-cuts-body", "%ST|%ts|%B|%[term_events]", exchanges=(Exchange(get("/cut")),)),
    Case("term-events-server-resets-body", "%ST|%ts|%B|%[term_events]|%[bc_err_name]",
         exchanges=(Exchange(get("/cutreset")),)),
    Case("term-events-tcp-server-down", "%ts|%[term_events]|%[bc_err_name]", mode="tcp", exchanges=TCP,
         server="@DEAD@", backend="retries 0"),
    Case("term-events-tcp-client-closes", "%ts|%[term_events]", mode="tcp", exchanges=TCP),
    Case("term-events-tcp-client-resets", "%ts|%[term_events]", mode="tcp",
         exchanges=(Exchange(b"ping\n", "reset", 0.2),)),
    Case("term-events-tcp-client-closes-early", "%ts|%[term_events]", mode="tcp",
         exchanges=(Exchange(b"ping\n", "close", 0.2),)),
    Case("fetch-aborted-http1", "%[fs.aborted]|%[bs.aborted]|%ST"),
    Case("fetch-aborted-tcp", "%[fs.aborted]|%[bs.aborted]|%ts", mode="tcp", exchanges=TCP),
    # The client leaves while the response body is on its way (closes, resets): CD as 3.5.
    Case("term-client-closes-response-body", "%ST|%ts|%[term_events]|%[fc_err_name]",
         exchanges=(Exchange(get("/dribble"), "close", 0.4),)),
    Case("term-client-resets-response-body", "%ST|%ts|%[term_events]|%[fc_err_name]",
         exchanges=(Exchange(get("/dribble"), "reset", 0.4),)),
    # The client leaves while the response head is awaited (the server answers after 6 s, beyond
    # timeout server): its reset is read at once, as 3.5 reads it.
    Case("term-client-resets-response-head", "%ST|%ts|%[term_events]|%[fc_err_name]",
         exchanges=(Exchange(get("/hang"), "reset", 0.3),)),
    Case("term-client-closes-response-head", "%ST|%ts|%[term_events]|%[fc_err_name]",
         exchanges=(Exchange(get("/hang"), "close", 0.3),)),
    # option abortonclose (on by default in HTTP backends): the client's FIN (after 0.3 s) aborts
    # a request queued (a first one holds the server's only slot, and closes after 2 s: CH), one
    # whose connect does not complete (@SILENT@), one between two connect retries (@DEAD@ refuses,
    # 1 s pauses); "no option abortonclose" waits for the server.
    Case("term-client-closes-queued", "%ST|%ts|%[term_events]|%Tw|%Tc|%Tr", server="@ORIGIN@ maxconn 1",
         defaults="timeout server 5s", lines=2,
         exchanges=(Exchange(get("/hang"), "close", 2.0, background=True), Exchange(get("/"), "close", 0.3))),
    Case("term-client-closes-connecting", "%ST|%ts|%[term_events]|%Tw|%Tc|%Tr", server="@SILENT@",
         defaults="timeout connect 3s", exchanges=(Exchange(get("/"), "close", 0.3),)),
    Case("term-client-closes-connect-retry", "%ST|%ts|%[term_events]|%Tw|%Tc|%Tr", server="@DEAD@",
         backend="retries 3", exchanges=(Exchange(get("/"), "close", 0.3),)),
    # (its term_events vary on 3.5 itself: the FIN is read, or not, before the server's timeout)
    Case("term-client-closes-response-head-no-abortonclose", "%ST|%ts|%Tr",
         backend="no option abortonclose\ntimeout server 1s", exchanges=(Exchange(get("/hang"), "close", 0.3),)),
    # The same with an HTTP/2 client: its RST_STREAM, its connection's reset or close. The client
    # leaves after 1 s (time for a JVM just started to take the request), the server answers at 6 s.
    *[Case("term-h2-client-%s-response-head" % name, "%ST|%ts|%[term_events]|%[fc_err_name]", bind=" proto h2",
           defaults="timeout server 5s", exchanges=(Exchange(h2_get("/hang"), after, 1.0, drain=True),))
      for name, after in (("rst-stream", "rst-stream"), ("resets", "reset"), ("closes", "close"))],
    Case("term-client-closes-request-body", "%ST|%ts|%[term_events]|%[fc_err_name]",
         exchanges=(Exchange(get("/slow", "Content-Length: 10|", "POST", body=b"abc"), "close", 0.1),)),
    Case("term-client-resets-request-body", "%ST|%ts|%[term_events]|%[fc_err_name]",
         exchanges=(Exchange(get("/slow", "Content-Length: 10|", "POST", body=b"abc"), "reset", 0.1),)),
    # What the stream waited on when the client's timeout hit (waiting_entity).
    Case("fetch-waiting-entity-buffer-request", "%ST|%ts|%[waiting_entity]",
         frontend="option http-buffer-request", defaults="timeout http-request 300ms",
         exchanges=(Exchange(get("/", "Content-Length: 10|", "POST", body=b"abc")),)),
    # TCP tunnels that end by a timeout: the client silent (timeout client), the server silent.
    Case("term-events-tcp-client-timeout", "%ts|%[term_events]|%Tt", mode="tcp", defaults="timeout client 300ms",
         exchanges=(Exchange(b"ping\n", "close", 1.0),)),
    Case("term-events-tcp-server-timeout", "%ts|%[term_events]", mode="tcp",
         defaults="timeout client 5s\ntimeout server 300ms", exchanges=(Exchange(b"ping\n", "close", 1.0),)),
    Case("term-events-tcp-tunnel-timeout", "%ts|%[term_events]", mode="tcp",
         defaults="timeout client 5s\ntimeout server 5s\ntimeout tunnel 300ms",
         exchanges=(Exchange(b"ping\n", "close", 1.0),)),
    # HTTP tunnels (WebSocket 101, CONNECT 200) closed or reset by either side.
    # The client reads the echo of its "hi" (so that its close is a FIN), or waits for the proxy's close.
    # (Both wait long for a JVM just started on a loaded host: the drain ends as soon as it can.)
    *[Case("term-events-%s-%s" % (name, end), fmt, exchanges=(exchange,))
      for name, request, fmt in (("websocket", websocket, TUNNEL), ("connect", connect, CONNECT_TUNNEL))
      for end, exchange in (
          ("client-closes", Exchange(request("tunnel-hold") + b"hi", "close", 3.0, drain=b"hi")),
          ("client-resets", Exchange(request("tunnel-hold") + b"hi", "reset", 3.0, drain=b"hi")),
          ("server-closes", Exchange(request("tunnel-close"), "close", 4.0, drain=True)),
          ("server-resets", Exchange(request("tunnel-reset"), "close", 4.0, drain=True)))],
    Case("term-events-websocket-tunnel-timeout", TUNNEL,
         defaults="timeout client 5s\ntimeout server 5s\ntimeout tunnel 300ms",
         exchanges=(Exchange(websocket("tunnel-silent"), "close", 1.0, drain=True),)),
    Case("do-log-tcp-request-session-tcp", "%f|%OG|%b/%s|%ts|%[term_events]|%B",
         frontend="tcp-request session do-log\ntcp-request content reject", mode="tcp", exchanges=TCP, lines=2),
]

CONFIG_HEAD = """\
defaults
    mode {mode}
    timeout connect 1s
    timeout client 1s
    timeout server 1s
frontend fe
    bind 127.0.0.1:@PORT@
    log @LOG@ format raw local0
"""
# Line 9 is the frontend's next line.
CONFIG_TAIL = """    default_backend be
backend be
    server s1 127.0.0.1:1
"""


def config(line, mode="http"):
    return CONFIG_HEAD.format(mode=mode) + "    " + line + "\n" + CONFIG_TAIL


CONFIG_CASES = [
    ConfigCase("cfg-unknown-alias", config('log-format "%ci|%zz|%Tt"'), "refused", 9, "zz"),
    ConfigCase("cfg-missing-bracket", config('log-format "%ci|%[src"'), "refused", 9, r"'\]'"),
    ConfigCase("cfg-unknown-fetch", config('log-format "%[nosuchfetch]"'), "refused", 9, "nosuchfetch"),
    ConfigCase("cfg-unknown-converter", config('log-format "%[src,nosuchconv]"'), "refused", 9, "nosuchconv"),
    ConfigCase("cfg-http-fetch-in-tcp", config('log-format "%ci|%[req.hdr(host)]"', "tcp"), "refused", 9,
               r"req\.hdr"),
    ConfigCase("cfg-req-hdr-in-log-format", config('log-format "%ci|%[req.hdr(host)]"'), "refused", 9,
               r"req\.hdr"),
    ConfigCase("cfg-path-in-log-format", config('log-format "%[path]"'), "refused", 9, "<path>"),
    ConfigCase("cfg-res-hdr-in-log-format", config('log-format "%[res.hdr(x)]"'), "refused", 9,
               r"res\.hdr"),
    ConfigCase("cfg-http-alias-in-tcp", config('log-format "%ci|%HM|%r|%ST"', "tcp"), "accepted"),
    ConfigCase("cfg-httplog-in-tcp", config("option httplog", "tcp"), "warning", 9, "httplog"),
    ConfigCase("cfg-unique-id-unknown-alias", config('unique-id-format "%zz"'), "refused", 9, "zz"),
    ConfigCase("cfg-good-format", config('log-format "%{+Q}o %ci:%cp %(n:sint)ST %{+json}[str(a)] %%"'),
               "accepted"),
]

ALIASES_COVERED = ("o T Tl Ts t ms tr trg trl Ta Tc Td Th Ti Tq TR Tr Tt Tu Tw B CC CS H HM HP HPO HQ HU HV ID ST U "
                   "ac b bc bi bp bq ci cp f fc fi fp ft lc hr hrl hs hsl OG pid r rc rt s sc si sp sq sslc sslv "
                   "ts tsc").split()

if __name__ == "__main__":
    used = set()
    for case in CASES:
        for text in (case.fmt, case.expect, case.sd, case.frontend, case.defaults):
            used |= set(re.findall(r"%(?:\([^)]*\))?(?:\{[^}]*\})?([A-Za-z]+)", text or ""))
    missing = [a for a in ALIASES_COVERED if a not in used]
    print("aliases no case uses: %s" % (" ".join(missing) or "none"))
