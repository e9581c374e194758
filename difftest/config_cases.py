"""The cases of config_differential.py: configuration lines HAProxy 3.5 and Shuttle must judge alike.

A case is one bad (or doubtful) line placed in a minimal valid configuration: a `defaults` section
with a mode and the three timeouts, then the section the line belongs in, named after the case
(backend for `server` options, frontend for `bind` options...). A case name is also a proxy name
and a file name: letters, digits and '-' only.
"""

DEFAULTS = (
    "defaults\n"
    "    mode http\n"
    "    timeout connect 1s\n"
    "    timeout client 1s\n"
    "    timeout server 1s\n"
)


class Case:
    """One configuration file: <section> <name> holding <lines>, after the minimal defaults.

    section "global" writes a global section; "raw" writes <lines> alone as the whole file, where
    @NAME@ stands for the case's name. alone: run in a process of its own (it would change what
    the other cases see, e.g. a second global setting of the same kind)."""

    def __init__(self, name, section, lines, alone=False):
        self.name = name
        self.section = section
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        # HAProxy 3.x reads every file's global section in a first pass and stops there at an error:
        # a global case would hide all the others.
        self.alone = alone or section == "global"

    def text(self):
        body = "".join("    %s\n" % line for line in self.lines)
        if self.section == "raw":
            return "\n".join(self.lines).replace("@NAME@", self.name) + "\n"
        if self.section == "global":
            return "global\n" + body
        return DEFAULTS + "%s %s\n" % (self.section, self.name) + body


def server(name, options):
    return Case("srv-" + name, "backend", "server s1 127.0.0.1:1 " + options)


def bind(name, options):
    return Case("bind-" + name, "frontend", "bind 127.0.0.1:8080 " + options)


# server keywords (configuration.txt 5.2) with a bad value, then each valued one without its value.
SERVER_BAD_VALUES = [
    ("weight-300", "weight 300"),
    ("weight-x", "weight x"),
    ("weight-neg", "weight -1"),
    ("maxconn-x", "maxconn x"),
    ("maxconn-neg", "maxconn -5"),
    ("maxqueue-x", "maxqueue x"),
    ("minconn-x", "minconn x"),
    ("max-reuse-x", "max-reuse x"),
    ("pool-low-conn-x", "pool-low-conn x"),
    ("pool-max-conn-x", "pool-max-conn x"),
    ("pool-max-conn-neg", "pool-max-conn -2"),
    ("pool-purge-delay-x", "pool-purge-delay x"),
    ("id-0", "id 0"),
    ("id-x", "id x"),
    ("id-neg", "id -3"),
    ("rise-0", "rise 0"),
    ("rise-x", "rise x"),
    ("fall-0", "fall 0"),
    ("fall-x", "fall x"),
    ("error-limit-0", "error-limit 0"),
    ("error-limit-x", "error-limit x"),
    ("inter-abc", "inter abc"),
    ("inter-0", "inter 0"),
    ("inter-unit", "inter 5q"),
    ("fastinter-abc", "fastinter abc"),
    ("downinter-abc", "downinter abc"),
    ("agent-inter-abc", "agent-inter abc"),
    ("slowstart-x", "slowstart x"),
    ("slowstart-unit", "slowstart 10x"),
    ("idle-ping-x", "idle-ping x"),
    ("port-99999", "check port 99999"),
    ("port-x", "check port x"),
    ("agent-port-99999", "agent-port 99999"),
    ("agent-port-x", "agent-port x"),
    ("addr-bad", "check addr 1.2.3.4.5"),
    ("agent-addr-bad", "agent-addr not..an..address"),
    ("observe-foo", "observe foo"),
    ("on-error-foo", "on-error foo"),
    ("on-marked-down-foo", "on-marked-down foo"),
    ("on-marked-up-foo", "on-marked-up foo"),
    ("init-addr-foo", "init-addr foo"),
    ("init-state-foo", "init-state foo"),
    ("resolve-prefer-foo", "resolve-prefer foo"),
    ("resolve-opts-foo", "resolve-opts foo"),
    ("resolve-net-bad", "resolve-net 10.0.0.0/99"),
    ("ssl-min-ver-foo", "ssl-min-ver foo"),
    ("ssl-max-ver-foo", "ssl-max-ver foo"),
    ("verify-foo", "verify foo"),
    ("proto-foo", "proto foo"),
    ("check-proto-foo", "check proto foo"),
    ("ws-foo", "ws foo"),
    ("log-proto-foo", "log-proto foo"),
    ("proxy-v2-options-foo", "send-proxy-v2 proxy-v2-options foo"),
    ("hash-key-foo", "hash-key foo"),
    ("socks4-bad", "socks4 nowhere"),
    ("source-bad-port", "source 1.2.3.4:99999"),
    ("ca-file-nofile", "ssl ca-file /nonexistent/ca.pem"),
    ("crt-nofile", "ssl crt /nonexistent/crt.pem"),
    ("crl-file-nofile", "ssl ca-file /nonexistent/ca.pem crl-file /nonexistent/crl.pem"),
    ("track-nosuch", "track nosuch"),
    ("track-nosuch-srv", "track nosuch/s1"),
    ("resolvers-nosuch", "resolvers nosuch"),
    ("guid-bad", "guid bad!guid"),
    ("sni-bad-expr", "ssl verify none sni nosuchfetch"),
    ("pool-conn-name-bad", "pool-conn-name nosuchfetch"),
    ("set-proxy-v2-tlv-fmt-bad", "set-proxy-v2-tlv-fmt(0xE1) %[nosuchfetch]"),
    ("unknown", "foo"),
    ("unknown-typo-check", "chekc"),
    ("unknown-typo-weight", "weigth 10"),
    ("unknown-far", "zzzzzzzzzzzzzz"),
    ("address-missing-port", "weight 10 check"),
]

SERVER_VALUED = [
    "addr", "agent-addr", "agent-inter", "agent-port", "agent-send", "alpn", "ca-file", "check-alpn",
    "check-pool-conn-name", "check-proto", "check-sni", "ciphers", "ciphersuites", "cookie", "crl-file", "crt",
    "curves", "downinter", "error-limit", "fall", "fastinter", "guid", "hash-key", "id", "idle-ping",
    "init-addr", "init-state", "inter", "log-bufsize", "log-proto", "max-reuse", "maxconn", "maxqueue",
    "minconn", "namespace", "npn", "observe", "on-error", "on-marked-down", "on-marked-up",
    "pool-conn-name", "pool-low-conn", "pool-max-conn", "pool-purge-delay", "port", "proto",
    "proxy-v2-options", "redir", "resolve-net", "resolve-opts", "resolve-prefer", "resolvers", "rise",
    "shard", "sigalgs", "slowstart", "sni", "socks4", "source", "ssl-max-ver", "ssl-min-ver", "track",
    "verify", "verifyhost", "weight", "ws",
]

BIND_BAD_VALUES = [
    ("unknown", "foo"),
    ("unknown-typo", "acept-proxy"),
    ("maxconn-x", "maxconn x"),
    ("backlog-x", "backlog x"),
    ("nice-x", "nice x"),
    ("id-0", "id 0"),
    ("id-x", "id x"),
    ("mss-x", "mss x"),
    ("tcp-ut-x", "tcp-ut x"),
    ("thread-x", "thread x"),
    ("shards-x", "shards x"),
    ("level-foo", "level foo"),
    ("severity-output-foo", "severity-output foo"),
    ("ssl-no-crt", "ssl"),
    ("crt-nofile", "ssl crt /nonexistent/crt.pem"),
    ("ssl-min-ver-foo", "ssl-min-ver foo"),
    ("verify-foo", "verify foo"),
    ("proto-foo", "proto foo"),
    ("accept-proxy-arg", "accept-proxy yes"),
    ("user-nosuch", "user nosuchuser"),
    ("bad-port", ""),  # replaced below: the address itself
]

BIND_VALUED = ["alpn", "backlog", "ciphers", "curves", "id", "interface", "maxconn", "mss", "name", "nice",
               "proto", "tcp-ut", "thread", "level", "crt", "ca-file", "verify", "label"]


def _cases():
    cases = [server(name, options) for name, options in SERVER_BAD_VALUES]
    cases += [server(keyword + "-missing", keyword) for keyword in SERVER_VALUED]
    cases += [bind(name, options) for name, options in BIND_BAD_VALUES if name != "bad-port"]
    cases += [bind(keyword + "-missing", keyword) for keyword in BIND_VALUED]
    cases += [
        Case("bind-port-99999", "frontend", "bind 127.0.0.1:99999"),
        Case("bind-no-address", "frontend", "bind"),
        Case("bind-bad-host", "frontend", "bind not_a_host:80"),
        Case("bind-bad-family", "frontend", "bind foo@bar"),
        Case("server-no-address", "backend", "server s1"),
        Case("server-no-name", "backend", "server"),
        Case("server-bad-port", "backend", "server s1 127.0.0.1:70000"),
        Case("server-bad-host", "backend", "server s1 not_a_host:80"),
        Case("server-in-frontend", "frontend", "server s1 127.0.0.1:1"),
        Case("default-server-unknown", "backend", "default-server foo"),
        Case("default-server-id", "backend", "default-server id 3"),
        # Unknown keywords in each section.
        Case("unknown-global", "global", "foo-bar-setting 1"),
        Case("unknown-defaults", "raw", [DEFAULTS.rstrip("\n"), "    bogus"]),
        Case("unknown-frontend", "frontend", "bogus"),
        Case("unknown-backend", "backend", "bogus"),
        Case("unknown-listen", "listen", "bogus"),
        Case("unknown-listen-typo", "listen", "maxcon 10"),
        Case("unknown-resolvers", "raw", ["resolvers @NAME@", "    bogus"]),
        Case("unknown-peers", "raw", ["peers @NAME@", "    bogus"]),
        Case("unknown-userlist", "raw", ["userlist @NAME@", "    bogus"]),
        Case("unknown-ring", "raw", ["ring @NAME@", "    bogus"]),
        Case("unknown-http-errors", "raw", ["http-errors @NAME@", "    bogus"]),
        Case("unknown-cache", "raw", ["cache @NAME@", "    bogus"]),
        Case("unknown-mailers", "raw", ["mailers @NAME@", "    bogus"]),
        Case("unknown-section", "raw", ["nosuchsection @NAME@", "    bogus"]),
        Case("unknown-option", "backend", "option nosuchoption"),
        Case("unknown-option-typo", "backend", "option httplgo"),
        # Global keywords.
        Case("global-maxconn-x", "global", "maxconn x"),
        Case("global-maxconn-missing", "global", "maxconn"),
        Case("global-nbthread-x", "global", "nbthread x"),
        Case("global-nbthread-0", "global", "nbthread 0"),
        Case("global-daemon-arg", "global", "daemon yes"),
        Case("global-bufsize-x", "global", "tune.bufsize x"),
        Case("global-log-missing", "global", "log"),
        Case("global-stats-timeout-x", "global", "stats timeout x"),
        # Proxy keywords.
        Case("proxy-balance-foo", "backend", "balance foo"),
        Case("proxy-balance-missing", "backend", "balance"),
        Case("proxy-timeout-abc", "backend", "timeout server abc"),
        Case("proxy-timeout-foo", "backend", "timeout foo 1s"),
        Case("proxy-timeout-missing", "backend", "timeout server"),
        Case("proxy-mode-foo", "backend", "mode foo"),
        Case("proxy-maxconn-x", "frontend", "maxconn x"),
        Case("proxy-retries-x", "backend", "retries x"),
        Case("proxy-fullconn-x", "backend", "fullconn x"),
        Case("proxy-default-backend-missing", "frontend", "default_backend"),
        Case("proxy-use-backend-nosuch", "frontend", "use_backend nosuch"),
        Case("proxy-default-backend-nosuch", "frontend", "default_backend nosuch"),
        Case("proxy-http-request-foo", "frontend", "http-request foo"),
        Case("proxy-acl-missing", "frontend", "acl"),
        Case("proxy-acl-nosuchfetch", "frontend", "acl a nosuchfetch"),
        Case("proxy-cookie-missing", "backend", "cookie"),
        Case("proxy-hash-type-foo", "backend", "hash-type foo"),
        Case("proxy-stick-table-type-foo", "backend", "stick-table type foo size 1"),
        Case("proxy-log-format-bad", "frontend", "log-format \"%[\""),
        Case("proxy-option-httplog-arg", "frontend", "option httplog foo"),
    ]
    return cases


CASES = _cases()
