package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.stats.FieldTags;
import dev.shuttle.stats.InfoField;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code show info [desc|json|typed|float]*} and {@code show schema json} (management.txt §9.3):
 * the process's fields as "Name: value" lines, as typed lines ({@code <pos>.<name>.<process>:<tags>:
 * <type>:<value>}, §9.2), or as JSON, whose schema {@code show schema json} prints (the same
 * document as HAProxy 3.5's, which tools validate the JSON outputs against).
 */
final class InfoCommands {
    private static final String SCHEMA = schema();

    private InfoCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("show", "info"), "show info [desc|json|typed|float]*",
                "report information about the running process", CliLevel.USER,
                (args, session, out) -> showInfo(args, process, out)));
        table.register(new CliCommand(List.of("show", "schema", "json"), "show schema json",
                "report schema used for stats", CliLevel.USER,
                (args, session, out) -> out.append(SCHEMA).append('\n')));
    }

    private static void showInfo(List<String> args, ProcessView process, StringBuilder out) {
        boolean typed = false;
        boolean json = false;
        boolean descriptions = false;
        boolean floats = false;
        for (String word : args) {
            switch (word) {
                case "typed" -> typed = true;
                case "json" -> json = true;
                case "desc" -> descriptions = true;
                case "float" -> floats = true;
                default -> { } // HAProxy 3.5 ignores other words
            }
        }
        ProcessInfo info = ProcessInfo.of(process, floats);
        if (json) {
            json(info, out);
            return;
        }
        for (InfoField field : InfoField.values()) {
            if (info.value(field) == null) {
                continue;
            }
            if (typed) {
                out.append(field.position()).append('.').append(field.fieldName()).append(".1:")
                        .append(field.tags().letters()).append(':').append(info.typeCode(field)).append(':')
                        .append(info.text(field));
                if (descriptions) {
                    out.append(":\"").append(field.description()).append('"');
                }
            } else {
                out.append(field.fieldName()).append(": ").append(info.text(field));
            }
            out.append('\n');
        }
    }

    private static void json(ProcessInfo info, StringBuilder out) {
        out.append('[');
        boolean first = true;
        for (InfoField field : InfoField.values()) {
            if (info.value(field) == null) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            FieldTags tags = field.tags();
            out.append("{\"field\":{\"pos\":").append(field.position()).append(",\"name\":\"").append(field.fieldName())
                    .append("\"},\"processNum\":1,\"tags\":{\"origin\":\"").append(tags.origin())
                    .append("\",\"nature\":\"").append(tags.nature()).append("\",\"scope\":\"").append(tags.scope())
                    .append("\"},\"value\":{\"type\":\"").append(info.typeCode(field)).append("\",\"value\":");
            if (info.value(field) instanceof String text) {
                out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                out.append(info.text(field));
            }
            out.append("}}");
        }
        out.append("]\n");
    }

    private static String schema() {
        try (InputStream in = InfoCommands.class.getResourceAsStream("stats-schema.json")) {
            if (in == null) {
                throw new IllegalStateException("stats-schema.json missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
