package dev.shuttle.config.parse;

import dev.shuttle.config.CheckConnect;
import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.VariableName;
import dev.shuttle.sample.VariableStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The protocol checks (configuration.txt §4, "option smtpchk", "option mysql-check", "option
 * pgsql-check", "option redis-check", "option ldap-check", "option spop-check"). As HAProxy 3.5
 * does, each is a sequence of tcp-check rules, written here as the {@code tcp-check} lines they
 * are and read by the same parser, with the protocol's parameters preset as {@code check.}
 * variables; the replies no pattern can judge (MySQL, LDAP, SPOP) have rules of their own
 * ({@link TcpCheckRule.ExpectReply}). The bytes and patterns are HAProxy 3.5's (src/tcpcheck.c).
 */
final class ProtocolCheckKeywords {
    private ProtocolCheckKeywords() {}

    /** 3.5's {@code tcp-check connect default proto none} (spop-check): the server's check settings. */
    private static final TcpCheckRule.Connect CONNECT_DEFAULT = new TcpCheckRule.Connect(new CheckConnect(true, 0,
            Optional.empty(), 0, false, false, Optional.empty(), Optional.empty(), false, false));
    /** 3.5's {@code tcp-check connect default linger} (smtpchk, pgsql-check, mysql-check): closed with a FIN. */
    private static final TcpCheckRule.Connect CONNECT_DEFAULT_LINGER = new TcpCheckRule.Connect(new CheckConnect(true,
            0, Optional.empty(), 0, false, false, Optional.empty(), Optional.empty(), true, false));

    /** Redis: {@code PING} as a RESP array, answered {@code +PONG}. */
    static final String REDIS_PING = "*1\r\n$4\r\nPING\r\n";
    /** LDAPv3 simple bind request, anonymous (RFC 4511 §4.2): message 1, version 3, empty name and password. */
    static final String LDAP_BIND = "300C020101600702010304008000";
    /** SPOP HAPROXY-HELLO frame (doc/SPOE.txt §3.2.4): versions "2.0", max-frame-size 16380, no capability, healthcheck true. */
    static final String SPOP_HELLO = "0000004e0100000001" + "0000"
            + "12737570706f727465642d76657273696f6e730803322e30"
            + "0e6d61782d6672616d652d73697a6503fcf0060c63617061"
            + "62696c697469657308000b6865616c7468636865636b11";
    /** PostgreSQL StartupMessage, protocol 3.0, {@code user} only. */
    static final String PGSQL_STARTUP = "%[var(check.plen),htonl,hex]00030000" + "7573657200"
            + "%[var(check.username),hex]00" + "00";
    /** MySQL client authentication before 4.1, then COM_QUIT. */
    static final String MYSQL_40_AUTH = "%[var(check.header),hex]" + "0080" + "000001"
            + "%[var(check.username),hex]00" + "00" + "010000" + "00" + "01";
    /** MySQL 4.1 client authentication (utf8, 23 filler bytes), then COM_QUIT. */
    static final String MYSQL_41_AUTH = "%[var(check.header),hex]" + "00820000" + "00800001" + "21"
            + "0".repeat(46) + "%[var(check.username),hex]00" + "00" + "010000" + "00" + "01";
    /** MySQL 8.0 client authentication naming the mysql_native_password plugin, then COM_QUIT. */
    static final String MYSQL_80_AUTH = "%[var(check.header),hex]" + "00820800" + "00800001" + "21"
            + "0".repeat(46) + "%[var(check.username),hex]00" + "00"
            + "6d7973716c5f6e61746976655f70617373776f726400" + "010000" + "00" + "01";

    static void register(KeywordRegistry registry) {
        registry.option("smtpchk", Need.BACKEND, ProtocolCheckKeywords::smtp);
        registry.option("redis-check", Need.BACKEND, (line, proxy) -> {
            noArguments(line);
            use(proxy, List.of(
                    rule(line, proxy, "send", REDIS_PING),
                    rule(line, proxy, "expect", "string", "+PONG\r\n", "error-status", "L7STS",
                            "on-error", "%[res.payload(0,0),cut_crlf]", "on-success", "Redis server is ok")));
        });
        registry.option("ldap-check", Need.BACKEND, (line, proxy) -> {
            noArguments(line);
            use(proxy, List.of(
                    rule(line, proxy, "send-binary", LDAP_BIND),
                    rule(line, proxy, "expect", "rbinary", "^30", "min-recv", "14", "on-error",
                            "Not LDAPv3 protocol"),
                    reply(TcpCheckRule.ExpectReply.Reply.LDAP_BIND_RESPONSE)));
        });
        registry.option("spop-check", Need.BACKEND, (line, proxy) -> {
            noArguments(line);
            use(proxy, List.of(
                    CONNECT_DEFAULT,
                    rule(line, proxy, "send-binary", SPOP_HELLO),
                    reply(TcpCheckRule.ExpectReply.Reply.SPOP_AGENT_HELLO)));
        });
        registry.option("pgsql-check", Need.BACKEND, ProtocolCheckKeywords::pgsql);
        registry.option("mysql-check", Need.BACKEND, ProtocolCheckKeywords::mysql);
    }

    /** {@code option smtpchk [EHLO|HELO <domain>]}: greeting, EHLO/HELO, QUIT, each answered 2xx. */
    private static void smtp(KeywordContext line, ProxySection proxy) throws ConfigException {
        plainOption(line, 2);
        String command = "HELO localhost";
        if (line.argCount() == 2 && (line.arg(1).equals("EHLO") || line.arg(1).equals("HELO"))) {
            command = line.arg(1) + " " + line.arg(2);
        } else if (line.argCount() > 0) {
            line.warning("'option smtpchk' : '" + String.join(" ", line.words().subList(1, line.words().size()))
                    + "' is not 'EHLO <domain>' nor 'HELO <domain>': 'HELO localhost' is sent, as HAProxy does.");
        }
        String reply = "%[res.payload(4,0),ltrim(' '),cut_crlf]";
        use(proxy, List.of(
                preset("check.smtp_cmd", Sample.str(command)),
                CONNECT_DEFAULT_LINGER,
                rule(line, proxy, "expect", "rstring", "^[0-9]{3}[ \r]", "min-recv", "4", "error-status", "L7RSP",
                        "on-error", "%[res.payload(0,0),cut_crlf]"),
                rule(line, proxy, "expect", "rstring", "^2[0-9]{2}[ \r]", "min-recv", "4", "error-status", "L7STS",
                        "on-error", reply, "status-code", "res.payload(0,3)"),
                rule(line, proxy, "send-lf", "%[var(check.smtp_cmd)]\r\n"),
                rule(line, proxy, "expect", "rstring", "^(2[0-9]{2}-[^\r]*\r\n)*2[0-9]{2}[ \r]", "error-status", "L7STS",
                        "on-error", reply, "on-success", reply, "status-code", "res.payload(0,3)"),
                rule(line, proxy, "send", "QUIT\r\n"),
                rule(line, proxy, "expect", "rstring", "^2[0-9]{2}[- \r]", "min-recv", "4", "error-status", "L7STS",
                        "on-error", reply, "on-success", reply, "status-code", "res.payload(0,3)")));
    }

    /** {@code option pgsql-check user <name>}: a StartupMessage; any reply but an error, then AuthenticationOk or a request for a password. */
    private static void pgsql(KeywordContext line, ProxySection proxy) throws ConfigException {
        plainOption(line, 2);
        if (line.arg(1).isEmpty() || line.arg(2).isEmpty()) {
            throw new ConfigException("'option pgsql-check' expects 'user <username>' as argument.");
        }
        if (!line.arg(1).equals("user")) {
            throw new ConfigException("'option pgsql-check' only supports optional values: 'user'.");
        }
        String user = line.arg(2);
        use(proxy, List.of(
                preset("check.username", Sample.str(user)),
                preset("check.plen", Sample.sint(15 + user.getBytes(StandardCharsets.UTF_8).length)),
                CONNECT_DEFAULT_LINGER,
                rule(line, proxy, "send-binary-lf", PGSQL_STARTUP),
                rule(line, proxy, "expect", "!rstring", "^E", "min-recv", "5", "error-status", "L7RSP",
                        "on-error", "%[res.payload(6,0)]"),
                rule(line, proxy, "expect", "rbinary", "^52000000[A-Z0-9]{2}000000(00|02|03|04|05|06|07|09|0A)",
                        "min-recv", "9", "error-status", "L7STS", "on-success", "PostgreSQL server is ok",
                        "on-error", "PostgreSQL unknown error")));
    }

    /**
     * {@code option mysql-check [user <name> [post-41|pre-41|post-80]]}: the server's handshake;
     * with a user, a client authentication and COM_QUIT, and the packet that answers it.
     */
    private static void mysql(KeywordContext line, ProxySection proxy) throws ConfigException {
        plainOption(line, 3);
        List<TcpCheckRule> rules = new ArrayList<>();
        String request = null;
        if (!line.arg(1).isEmpty()) {
            if (!line.arg(1).equals("user")) {
                throw new ConfigException("'option mysql-check' only supports optional values: 'user' (got '"
                        + line.arg(1) + "').");
            }
            if (line.arg(2).isEmpty()) {
                throw new ConfigException("'option mysql-check user' expects <username> as argument.");
            }
            byte[] user = line.arg(2).getBytes(StandardCharsets.UTF_8);
            int length;
            switch (line.arg(3)) {
                case "", "post-41" -> {
                    length = user.length + 7 + 27;
                    request = MYSQL_41_AUTH;
                }
                case "pre-41" -> {
                    length = user.length + 7;
                    request = MYSQL_40_AUTH;
                }
                case "post-80" -> {
                    length = user.length + 7 + 27 + 22;
                    request = MYSQL_80_AUTH;
                }
                default -> throw new ConfigException("keyword 'user' only supports 'post-41', 'pre-41' and "
                        + "'post-80' (got '" + line.arg(3) + "').");
            }
            // 3 bytes of packet length, little-endian, and the sequence id 1.
            byte[] header = {(byte) length, (byte) (length >> 8), (byte) (length >> 16), 1};
            rules.add(preset("check.header", Sample.bin(header)));
            rules.add(preset("check.username", Sample.str(line.arg(2))));
        }
        rules.add(CONNECT_DEFAULT_LINGER);
        if (request != null) {
            rules.add(rule(line, proxy, "send-binary-lf", request));
        }
        rules.add(reply(TcpCheckRule.ExpectReply.Reply.MYSQL_HANDSHAKE));
        if (request != null) {
            rules.add(reply(TcpCheckRule.ExpectReply.Reply.MYSQL_OK));
        }
        use(proxy, rules);
    }

    private static void use(ProxySection proxy, List<TcpCheckRule> rules) {
        proxy.checks.kind = HealthCheckConfig.Kind.TCP_PROTOCOL;
        proxy.checks.protocolRules = List.copyOf(rules);
    }

    /** One rule, parsed from the words of its {@code tcp-check} line. */
    private static TcpCheckRule rule(KeywordContext line, ProxySection proxy, String... words) throws ConfigException {
        List<String> all = new ArrayList<>(words.length + 1);
        all.add("tcp-check");
        all.addAll(List.of(words));
        return TcpCheckKeywords.rule(new KeywordContext(all, false, line.where(), line.state()), proxy);
    }

    private static TcpCheckRule reply(TcpCheckRule.ExpectReply.Reply reply) {
        return new TcpCheckRule.ExpectReply(reply, TcpCheckRule.ExpectOptions.NONE);
    }

    private static TcpCheckRule preset(String name, Sample value) {
        return new TcpCheckRule.Preset(new VariableName(VariableStore.Scope.CHECK, name.substring("check.".length())),
                value);
    }

    private static void noArguments(KeywordContext line) throws ConfigException {
        plainOption(line, 0);
    }

    /** No {@code no}/{@code default} form, at most {@code max} arguments (HAProxy 3.5's words). */
    private static void plainOption(KeywordContext line, int max) throws ConfigException {
        if (line.negated()) {
            throw new ConfigException("negation/default is not supported for option '" + line.keyword() + "'.");
        }
        if (line.argCount() > max) {
            throw new ConfigException("'option " + line.keyword() + "' cannot handle unexpected argument '"
                    + line.arg(max + 1) + "'.");
        }
    }
}
