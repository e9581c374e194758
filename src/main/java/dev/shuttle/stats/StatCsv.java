package dev.shuttle.stats;

import java.util.List;

/**
 * The CSV form of {@code show stat} and of the stats page's {@code ;csv} (management.txt §9.1): a
 * header line starting with {@code # }, then one line per row, every line ending with a comma, a
 * {@code -} column between the static columns and the protocol layers' ones, and a text quoted only
 * when it holds a comma or a quote (a quote doubled).
 */
public final class StatCsv {
    private StatCsv() {}

    /** The header line, with its line feed. */
    public static String header() {
        StringBuilder out = new StringBuilder("# ");
        for (StatField field : StatField.values()) {
            if (field.ordinal() == StatField.STATIC_FIELDS) {
                out.append("-,");
            }
            out.append(field.column()).append(',');
        }
        return out.append('\n').toString();
    }

    /** One row's line, with its line feed. */
    public static void appendRow(StringBuilder out, StatRow row) {
        for (StatField field : StatField.values()) {
            if (field.ordinal() == StatField.STATIC_FIELDS) {
                out.append("-,");
            }
            appendCell(out, row.text(field));
            out.append(',');
        }
        out.append('\n');
    }

    /** The header and the rows (the runtime API adds the empty line that ends every answer). */
    public static String document(List<StatRow> rows) {
        StringBuilder out = new StringBuilder(header());
        for (StatRow row : rows) {
            appendRow(out, row);
        }
        return out.toString();
    }

    private static void appendCell(StringBuilder out, String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0) {
            out.append(text);
            return;
        }
        out.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}
