package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;

/** The {@code port} of a check's {@code connect} rule ({@code tcp-check connect}, {@code http-check connect}). */
final class CheckPorts {
    private CheckPorts() {}

    /** A port 1-65535, else an alert naming {@code keyword}. */
    static int parse(String value, String keyword) throws ConfigException {
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535) {
            throw new ConfigException("'" + keyword + "' : invalid port '" + value + "'.");
        }
        return Integer.parseInt(value);
    }
}
