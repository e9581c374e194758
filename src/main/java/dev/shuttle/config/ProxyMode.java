package dev.shuttle.config;

import java.util.Locale;

/** How a proxy treats its traffic: an opaque byte tunnel, or HTTP messages (configuration.txt, "mode"). */
public enum ProxyMode {
    TCP, HTTP;

    /** The keyword's spelling in a configuration file. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
