package dev.shuttle.stats;

/**
 * One row of {@code show stat}: a frontend, backend, server or listener, with a value per
 * {@link StatField} or none (an empty CSV cell, a line the typed output leaves out).
 *
 * <p>Built by one thread, then only read: not safe for concurrent writes.
 */
public final class StatRow {
    private final ObjectType type;
    private final int proxyId;
    private final int serviceId;
    // Long for the integer types, String for STR; null: no value
    private final Object[] values = new Object[StatField.values().length];

    /**
     * @param proxyId   the proxy's {@code iid}
     * @param serviceId the {@code sid}: the server's or listener's id, 0 for FRONTEND and BACKEND
     */
    public StatRow(ObjectType type, int proxyId, int serviceId) {
        this.type = type;
        this.proxyId = proxyId;
        this.serviceId = serviceId;
    }

    public ObjectType type() {
        return type;
    }

    public int proxyId() {
        return proxyId;
    }

    public int serviceId() {
        return serviceId;
    }

    /** Sets an integer field's value. */
    public StatRow set(StatField field, long value) {
        if (!field.type().isNumber()) {
            throw new IllegalArgumentException(field.column() + " holds a string");
        }
        values[field.ordinal()] = value;
        return this;
    }

    /** Sets a string field's value. */
    public StatRow set(StatField field, String value) {
        if (field.type().isNumber()) {
            throw new IllegalArgumentException(field.column() + " holds a number");
        }
        values[field.ordinal()] = value;
        return this;
    }

    /** Sets each of {@code fields} to {@code value}: the counters Shuttle keeps none of report their zero this way. */
    public StatRow zero(StatField... fields) {
        for (StatField field : fields) {
            set(field, 0);
        }
        return this;
    }

    /** Whether the field has a value on this row. */
    public boolean has(StatField field) {
        return values[field.ordinal()] != null;
    }

    /** The field's value as text (a number in decimal), or "" when it has none. */
    public String text(StatField field) {
        Object value = values[field.ordinal()];
        return value == null ? "" : value.toString();
    }

    /** The integer value of a numeric field, or 0 when it has none. */
    public long number(StatField field) {
        return values[field.ordinal()] instanceof Long number ? number : 0;
    }

    public String proxyName() {
        return text(StatField.PXNAME);
    }

    public String serviceName() {
        return text(StatField.SVNAME);
    }
}
