package dev.shuttle.config;

/**
 * The per-server settings that {@code default-server} presets and {@code server} lines override.
 * Mutable while a section is parsed; {@link #copy()} gives each server line its own.
 */
public final class ServerSettings {
    int weight = 1;
    int maxconn;
    boolean disabled;
    boolean backup;
    Integer id;

    public ServerSettings copy() {
        ServerSettings copy = new ServerSettings();
        copy.weight = weight;
        copy.maxconn = maxconn;
        copy.disabled = disabled;
        copy.backup = backup;
        return copy;
    }
}
