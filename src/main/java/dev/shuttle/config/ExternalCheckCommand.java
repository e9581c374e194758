package dev.shuttle.config;

/**
 * What {@code option external-check} runs (configuration.txt §4, "external-check command",
 * "external-check path").
 *
 * @param command the program: an absolute path, or a name looked up in {@code path}
 * @param path    the {@code PATH} the program gets and is looked up in; "" by default, as in HAProxy
 */
public record ExternalCheckCommand(String command, String path) {
    /** No command declared. */
    public static final ExternalCheckCommand NONE = new ExternalCheckCommand("", "");
}
