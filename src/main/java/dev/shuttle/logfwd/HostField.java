package dev.shuttle.logfwd;

import dev.shuttle.config.LogForwardConfig;

/**
 * {@code option host} of a {@code log-forward} section (configuration.txt §12.6): what the relayed
 * rfc3164/rfc5424 header names as the host, given the received host name and the sender's IP.
 */
final class HostField {
    private HostField() {}

    /**
     * The host to write, or null for none ({@code localhost} in rfc3164, {@code -} in rfc5424).
     * Without a sender IP (a UNIX socket, or {@code dont-parse-log}) every strategy keeps.
     */
    static String choose(LogForwardConfig.Host strategy, String received, String senderIp) {
        if (senderIp == null) {
            return received;
        }
        return switch (strategy) {
            case REPLACE -> senderIp;
            case FILL -> received != null ? received : senderIp;
            case KEEP -> received;
            case APPEND -> received != null ? received + "," + senderIp : senderIp;
        };
    }
}
