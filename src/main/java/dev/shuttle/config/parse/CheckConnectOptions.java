package dev.shuttle.config.parse;

import dev.shuttle.config.ApplicationProtocols;
import dev.shuttle.config.CheckConnect;
import dev.shuttle.lang.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@code tcp-check connect} and {@code http-check connect} (configuration.txt §4):
 * {@code default}, {@code port <n>}, {@code addr <ip>[:<port>]}, {@code send-proxy}, {@code ssl},
 * {@code sni <name>}, {@code alpn <list>}, {@code proto <name>}, {@code linger}, {@code comment
 * <text>}, {@code via-socks4} (through the server's {@code socks4} proxy); {@code proto} takes what Shuttle's
 * checks speak: {@code none} for tcp-check (the bytes as they are), {@code h1} for http-check.
 */
final class CheckConnectOptions {
    private CheckConnectOptions() {}

    /**
     * Reads the words after {@code connect} of {@code <keyword> connect ...}.
     *
     * @param keyword {@code tcp-check} or {@code http-check}
     */
    static CheckConnect parse(KeywordContext line, String keyword) throws ConfigException {
        String where = "'" + keyword + " connect'";
        boolean useDefaults = false;
        int port = 0;
        Optional<String> address = Optional.empty();
        int addressPort = 0;
        boolean sendProxy = false;
        boolean ssl = false;
        Optional<String> sni = Optional.empty();
        Optional<List<String>> alpn = Optional.empty();
        boolean linger = false;
        boolean viaSocks4 = false;
        for (int i = 2; i <= line.argCount(); i++) {
            String word = line.arg(i);
            switch (word) {
                case "default" -> useDefaults = true;
                case "port" -> {
                    String value = value(line, ++i, where, word, "a port number or a sample expression");
                    if (!value.matches("[0-9]+")) {
                        throw new ConfigException(where + " : 'port' : a sample expression ('" + value + "') is not "
                                + "supported by Shuttle yet; give a port number.");
                    }
                    port = CheckPorts.parse(value, keyword + " connect");
                }
                case "addr" -> {
                    String text = value(line, ++i, where, word, "<ipv4|ipv6>");
                    String[] split = splitPort(text);
                    if (!isIpLiteral(split[0])) {
                        throw new ConfigException(where + " : 'addr' expects an IPv4 or IPv6 address (host names "
                                + "are not supported by Shuttle for checks), got '" + text + "'.");
                    }
                    address = Optional.of(split[0]);
                    addressPort = split[1] == null ? 0 : CheckPorts.parse(split[1], keyword + " connect addr");
                }
                case "send-proxy" -> sendProxy = true;
                case "ssl" -> ssl = true;
                case "sni" -> sni = Optional.of(value(line, ++i, where, word, "a string"));
                case "alpn" -> {
                    String list = value(line, ++i, where, word, "a string");
                    try {
                        alpn = Optional.of(spoken(line, TlsBindOptions.alpn(list), keyword, where));
                    } catch (ConfigException e) {
                        throw new ConfigException(where + " : 'alpn' : " + e.getMessage() + ".");
                    }
                }
                case "proto" -> proto(value(line, ++i, where, word, "a MUX protocol"), keyword, where);
                case "linger" -> linger = true;
                case "comment" -> value(line, ++i, where, word, "a string");
                case "via-socks4" -> viaSocks4 = true;
                default -> throw new ConfigException(where + " : expects 'comment', 'port', 'addr', 'send-proxy', "
                        + "'ssl', 'sni', 'alpn' or 'via-socks4', 'linger', 'default' but got '" + word
                        + "' as argument.");
            }
        }
        return new CheckConnect(useDefaults, port, address, addressPort, sendProxy, ssl, sni, alpn, linger, viaSocks4,
                false);
    }

    /**
     * {@code proto <name>}: HAProxy's multiplexer names. A tcp-check speaks bytes ({@code none}), an
     * http-check HTTP/1 ({@code h1}); {@code h2}, {@code fcgi}, {@code quic} await their protocols.
     */
    private static void proto(String name, String keyword, String where) throws ConfigException {
        boolean http = keyword.equals("http-check");
        switch (name) {
            case "h1", "h2", "fcgi", "quic" -> {
                if (!http) {
                    throw new ConfigException(where + " : 'proto' : invalid MUX protocol '" + name
                            + "' for tcp-check");
                }
                if (!name.equals("h1")) {
                    throw new ConfigException(where + " : 'proto' : '" + name + "' is not supported by Shuttle "
                            + "yet (its health checks speak HTTP/1.1: 'proto h1').");
                }
            }
            case "none", "spop" -> {
                if (http) {
                    throw new ConfigException(where + " : 'proto' : invalid MUX protocol '" + name
                            + "' for http-check");
                }
                if (name.equals("spop")) {
                    throw new ConfigException(where + " : 'proto' : invalid MUX protocol 'spop' for tcp-check");
                }
            }
            default -> throw new ConfigException(where + " : 'proto' : unknown MUX protocol '" + name + "'.");
        }
    }

    /** An http-check's ALPN list without the protocols its HTTP/1.1 checks do not speak, each left out with a warning. */
    private static List<String> spoken(KeywordContext line, List<String> protocols, String keyword, String where) {
        if (!keyword.equals("http-check")) {
            return protocols;
        }
        List<String> kept = new ArrayList<>();
        for (String protocol : protocols) {
            if (ApplicationProtocols.SEQUENCE_CHECK_UNSPOKEN.contains(protocol)) {
                line.warning(where + " : 'alpn' offers '" + protocol + "', which Shuttle's HTTP checks do not speak "
                        + "yet (HTTP/1.1): it is not offered.");
            } else {
                kept.add(protocol);
            }
        }
        return kept;
    }

    /** "1.2.3.4:80" as {"1.2.3.4", "80"}, "[::1]:80" as {"::1", "80"}; the port is null when none is written. */
    private static String[] splitPort(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close > 0) {
                String rest = text.substring(close + 1);
                return new String[] {text.substring(1, close), rest.startsWith(":") ? rest.substring(1) : null};
            }
            return new String[] {text, null};
        }
        int colon = text.lastIndexOf(':');
        if (colon > 0 && text.indexOf(':') == colon) {
            return new String[] {text.substring(0, colon), text.substring(colon + 1)};
        }
        return new String[] {text, null};
    }

    /** An IPv4 dotted quad or an IPv6 literal: checks never resolve names. */
    private static boolean isIpLiteral(String value) {
        return value.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || value.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    }

    private static String value(KeywordContext line, int index, String where, String word, String what)
            throws ConfigException {
        if (index > line.argCount() || line.arg(index).isEmpty()) {
            throw new ConfigException(where + " : '" + word + "' expects " + what + " as argument.");
        }
        return line.arg(index);
    }
}
