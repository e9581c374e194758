package dev.shuttle.stats;

import java.util.List;

/**
 * The JSON form of {@code show stat} (management.txt §9.3, "show stat json"; its schema is
 * {@code show schema json}'s "Stat" item): an array per row of one object per value present.
 */
public final class StatJson {
    private StatJson() {}

    public static String document(List<StatRow> rows) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendRow(out, rows.get(i));
        }
        return out.append("]\n").toString();
    }

    private static void appendRow(StringBuilder out, StatRow row) {
        out.append('[');
        boolean first = true;
        for (StatField field : StatField.values()) {
            if (!row.has(field)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            FieldTags tags = field.tags(row.type());
            out.append("{\"objType\":\"").append(row.type().jsonName()).append("\",\"proxyId\":").append(row.proxyId())
                    .append(",\"id\":").append(row.serviceId()).append(",\"field\":{\"pos\":").append(field.position())
                    .append(",\"name\":\"").append(field.column()).append("\"},\"processNum\":")
                    .append(StatTyped.PROCESS).append(",\"tags\":{\"origin\":\"").append(tags.origin())
                    .append("\",\"nature\":\"").append(tags.nature()).append("\",\"scope\":\"").append(tags.scope())
                    .append("\"},\"value\":{\"type\":\"").append(field.type().code()).append("\",\"value\":");
            if (field.type().isNumber()) {
                out.append(row.text(field));
            } else {
                JsonText.appendString(out, row.text(field));
            }
            out.append("}}");
        }
        out.append(']');
    }
}
