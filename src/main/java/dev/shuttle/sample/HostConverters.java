package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;

/**
 * The converters that take a Host header value or a host name apart (configuration.txt §7.3.1):
 * {@code host_only}, {@code port_only} and {@code reverse_dom}. Their answers on odd input
 * ({@code a:b:c}, {@code x:abc}, {@code [::1]x}) were checked against HAProxy 3.5.
 */
public final class HostConverters {
    private HostConverters() {}

    public static void register(SampleRegistry registry) {
        registry.registerConverter(new ConverterDefinition("host_only", List.of(), 0, SampleType.STR, SampleType.STR,
                (in, a, c) -> Optional.of(Sample.str(hostOnly(in.asString())))));
        registry.registerConverter(new ConverterDefinition("port_only", List.of(), 0, SampleType.STR, SampleType.SINT,
                (in, a, c) -> Optional.of(Sample.sint(portOnly(in.asString())))));
        registry.registerConverter(new ConverterDefinition("reverse_dom", List.of(), 0, SampleType.STR, SampleType.STR,
                (in, a, c) -> reverseDomain(in.asString()).map(Sample::str)));
    }

    /**
     * Where the port's ':' is in a Host value (RFC 9110 §7.2: {@code uri-host [ ":" port ]}), or -1:
     * right after the ']' of an IP literal, else the last ':'.
     */
    static int portSeparator(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close >= 0 && close + 1 < host.length() && host.charAt(close + 1) == ':' ? close + 1 : -1;
        }
        return host.lastIndexOf(':');
    }

    /** The host without its port, in lower case. */
    static String hostOnly(String host) {
        int separator = portSeparator(host);
        return StringConverters.asciiCase(separator < 0 ? host : host.substring(0, separator), false);
    }

    /**
     * The port, 0 when there is none. Like HAProxy, each byte after the ':' counts as a digit
     * ({@code c - '0'}) without any check, so {@code x:abc} gives 5451.
     */
    static long portOnly(String host) {
        int separator = portSeparator(host);
        if (separator < 0) {
            return 0;
        }
        int port = 0;
        for (int i = separator + 1; i < host.length(); i++) {
            port = port * 10 + (host.charAt(i) - '0');
        }
        return port;
    }

    /**
     * The labels in reverse order ({@code mail.example.com} gives {@code com.example.mail}); one
     * trailing dot is ignored; an empty label (or an empty name) makes the converter fail.
     */
    static Optional<String> reverseDomain(String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        String[] labels = trimmed.split("\\.", -1);
        StringBuilder out = new StringBuilder(trimmed.length());
        for (int i = labels.length - 1; i >= 0; i--) {
            if (labels[i].isEmpty()) {
                return Optional.empty();
            }
            out.append(labels[i]);
            if (i > 0) {
                out.append('.');
            }
        }
        return Optional.of(out.toString());
    }
}
