package dev.shuttle.config;

import dev.shuttle.sample.LogFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code log-profile} section (configuration.txt §8.3.5): how the lines sent to the {@code log}
 * targets that name it are made, per step: dropped, or with another format and structured data,
 * and with another syslog tag. A step without its own {@code on} line takes the {@code on any}
 * one, if any; a step neither names keeps the proxy's format.
 *
 * @param steps the {@code on <step>} lines
 * @param any   the {@code on any} line
 */
public record LogProfile(String name, Optional<String> tag, Map<LogStep, Override> steps, Optional<Override> any) {
    /** {@code on <step> [drop] [format <fmt>] [sd <sd_fmt>]}. */
    public record Override(boolean drop, Optional<LogFormat> format, Optional<LogFormat> structuredData) {}

    public LogProfile {
        steps = Map.copyOf(steps);
    }

    /** What the profile says for a line made at {@code step}. */
    public Optional<Override> at(LogStep step) {
        return Optional.ofNullable(steps.get(step)).or(() -> any);
    }
}
