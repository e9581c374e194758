package dev.shuttle.config.parse;

import dev.shuttle.config.ProxySending;
import dev.shuttle.config.ProxyV2Option;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The PROXY protocol options of a {@code server} or {@code default-server} line (configuration.txt
 * §5.2): {@code send-proxy}, {@code send-proxy-v2}, {@code send-proxy-v2-ssl}, {@code
 * send-proxy-v2-ssl-cn} and their {@code no-} forms, {@code proxy-v2-options <opt>[,<opt>]*}, and
 * {@code set-proxy-v2-tlv-fmt(<id>) <fmt>}, as {@code default-server} presets them and each server
 * line adds to them. As HAProxy 3.5 does (checked live), {@code proxy-v2-options} and {@code
 * set-proxy-v2-tlv-fmt} send nothing by themselves; they shape the header {@code send-proxy-v2*}
 * sends. {@code unique-id} sends the stream's {@code unique-id-format} value.
 */
final class ProxyServerOptions {
    private static final Set<String> FLAGS = Set.of("send-proxy", "send-proxy-v2", "send-proxy-v2-ssl",
            "send-proxy-v2-ssl-cn", "no-send-proxy", "no-send-proxy-v2", "no-send-proxy-v2-ssl",
            "no-send-proxy-v2-ssl-cn");
    private static final String TLV_FORMAT = "set-proxy-v2-tlv-fmt";

    /** Compiles a log-format expression in the server's section. */
    @FunctionalInterface
    interface FormatCompiler {
        LogFormat compile(String text) throws ConfigException;
    }

    private boolean v1;
    private boolean v2;
    private final EnumSet<ProxyV2Option> options = EnumSet.noneOf(ProxyV2Option.class);
    private final List<ProxySending.CustomTlv> tlvs = new ArrayList<>();

    static boolean handles(String option) {
        return FLAGS.contains(option) || option.equals("proxy-v2-options") || option.startsWith(TLV_FORMAT);
    }

    ProxyServerOptions copy() {
        ProxyServerOptions copy = new ProxyServerOptions();
        copy.v1 = v1;
        copy.v2 = v2;
        copy.options.addAll(options);
        copy.tlvs.addAll(tlvs);
        return copy;
    }

    ProxySending settings() {
        int version = v2 ? 2 : v1 ? 1 : 0;
        return version == 0 ? ProxySending.NONE : new ProxySending(version, options, tlvs);
    }

    /** Parses the option at word {@code i}; returns the index of the next one. */
    int parse(KeywordContext line, int i, String context, FormatCompiler compiler) throws ConfigException {
        String option = line.arg(i);
        switch (option) {
            case "send-proxy" -> v1 = true;
            case "no-send-proxy" -> v1 = false;
            case "send-proxy-v2" -> v2 = true;
            case "send-proxy-v2-ssl" -> {
                v2 = true;
                options.add(ProxyV2Option.SSL);
            }
            case "send-proxy-v2-ssl-cn" -> {
                v2 = true;
                options.add(ProxyV2Option.SSL);
                options.add(ProxyV2Option.CERT_CN);
            }
            case "no-send-proxy-v2" -> v2 = false;
            case "no-send-proxy-v2-ssl" -> {
                v2 = false;
                options.remove(ProxyV2Option.SSL);
            }
            case "no-send-proxy-v2-ssl-cn" -> {
                v2 = false;
                options.remove(ProxyV2Option.SSL);
                options.remove(ProxyV2Option.CERT_CN);
            }
            case "proxy-v2-options" -> {
                parseOptions(line, context, line.arg(i + 1));
                return i + 2;
            }
            default -> {
                tlvs.add(new ProxySending.CustomTlv(tlvType(context, option), format(line, i, context, compiler)));
                return i + 2;
            }
        }
        return i + 1;
    }

    private void parseOptions(KeywordContext line, String context, String list) throws ConfigException {
        // 3.5 names the unknown word alone (the empty one when the list is missing).
        for (String word : list.split(",", -1)) {
            Optional<ProxyV2Option> option = ProxyV2Option.of(word);
            if (option.isEmpty()) {
                throw new ConfigException(context + " : '" + word + "' : proxy v2 option not implemented.");
            }
            options.add(option.get());
        }
    }

    /** The {@code <id>} of {@code set-proxy-v2-tlv-fmt(<id>)}: 0 to 255, decimal or {@code 0x} hex. */
    private static int tlvType(String context, String option) throws ConfigException {
        String rest = option.substring(TLV_FORMAT.length());
        if (!rest.startsWith("(") || !rest.endsWith(")") || rest.length() < 3) {
            throw new ConfigException(context + " : '" + option + "' : expects a TLV type in parentheses, as in "
                    + "'set-proxy-v2-tlv-fmt(0xE0)'.");
        }
        String id = rest.substring(1, rest.length() - 1);
        try {
            int type = id.startsWith("0x") || id.startsWith("0X") ? Integer.parseInt(id.substring(2), 16)
                    : Integer.parseInt(id);
            if (type < 0 || type > 0xFF) {
                throw new NumberFormatException();
            }
            return type;
        } catch (NumberFormatException e) {
            throw new ConfigException(context + " : '" + option + "' : the TLV type '" + id
                    + "' is not a number between 0 and 255.");
        }
    }

    private static LogFormat format(KeywordContext line, int i, String context, FormatCompiler compiler)
            throws ConfigException {
        if (i + 1 >= line.words().size()) {
            throw new ConfigException(context + " : '" + line.arg(i) + "' expects a log-format string.");
        }
        try {
            return compiler.compile(line.arg(i + 1));
        } catch (ConfigException e) {
            throw new ConfigException(context + " : '" + line.arg(i) + "' : " + e.getMessage());
        }
    }
}
