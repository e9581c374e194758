package dev.shuttle.stats;

/**
 * The typed form of {@code show stat} (management.txt §9.2): one line per value present,
 * {@code <letter>.<iid>.<sid>.<pos>.<name>.<process>:<tags>:<type>:<value>}, with the field's
 * description in quotes after it when {@code desc} is asked for.
 */
public final class StatTyped {
    /** Shuttle runs one process: every value is process 1's. */
    public static final int PROCESS = 1;

    private StatTyped() {}

    public static void appendRow(StringBuilder out, StatRow row, boolean withDescription) {
        for (StatField field : StatField.values()) {
            if (!row.has(field)) {
                continue;
            }
            out.append(row.type().letter()).append('.').append(row.proxyId()).append('.').append(row.serviceId())
                    .append('.').append(field.position()).append('.').append(field.column()).append('.')
                    .append(PROCESS).append(':').append(field.tags(row.type()).letters()).append(':')
                    .append(field.type().code()).append(':').append(row.text(field));
            if (withDescription) {
                out.append(":\"").append(field.description()).append('"');
            }
            out.append('\n');
        }
    }
}
