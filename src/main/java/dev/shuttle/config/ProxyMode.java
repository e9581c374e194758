package dev.shuttle.config;

/** How a proxy treats its traffic: an opaque byte tunnel, or HTTP messages (configuration.txt, "mode"). */
public enum ProxyMode {
    TCP, HTTP;

    /** The keyword's spelling in a configuration file. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
