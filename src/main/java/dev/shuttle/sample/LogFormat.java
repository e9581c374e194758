package dev.shuttle.sample;

import dev.shuttle.lang.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A compiled log-format string (configuration.txt §8.2.6, HAProxy's {@code lf_expr}): literal
 * text, {@code %alias} items ({@link LogAlias}), {@code %[sample,converters]} expressions, each
 * optionally named ({@code %(name)}, {@code %(name:sint)}) and flagged ({@code %{+Q,-E}}), and
 * {@code %o} setting the flags of every following item. One compiler serves every place HAProxy
 * takes a {@code <fmt>}; the {@link Mode} it is compiled for decides how values are written:
 *
 * <ul>
 *   <li>{@link Mode#LOG} ({@code log-format}, {@code log-format-sd}, {@code error-log-format}):
 *       spaces separate items and merge, an empty value prints {@code -}, and only fetches that
 *       still work at the end of the stream are accepted;
 *   <li>{@link Mode#HTTP} (header values, redirect locations, cookies): samples are never quoted
 *       and their unsafe bytes become {@code %XX}; {@link Mode#UNIQUE_ID} is the same with spaces
 *       merged;
 *   <li>{@link Mode#TEXT} ({@code lf-string} bodies, variables, backend and server names, map keys):
 *       values as they are.
 * </ul>
 *
 * <p>Rendering walks the items once into one buffer; nothing is compiled per stream. A stream's
 * log line without an encoding follows the steps of a {@link LogLinePlan} made at compile time.
 */
public final class LogFormat {
    /** Where a format is used (see the class comment). */
    public enum Mode {
        LOG(LogOptions.MANDATORY | LogOptions.MERGE_SPACES),
        HTTP(LogOptions.HTTP),
        UNIQUE_ID(LogOptions.HTTP | LogOptions.MERGE_SPACES),
        TEXT(LogOptions.NONE);

        private final int options;

        Mode(int options) {
            this.options = options;
        }
    }

    /** An item's forced output type ({@code %(name:type)}), relevant when encoding. */
    enum Typecast { NONE, STR, SINT, BOOL, RAW }

    /** Compiles a sample expression, as the configuration's sample compiler does. */
    @FunctionalInterface
    public interface ExpressionCompiler {
        SampleExpression compile(String expression) throws ConfigException;
    }

    sealed interface Node {
        /** Literal text. */
        record Text(String text) implements Node {}

        /** A space between items, printed once however many follow each other. */
        record Separator() implements Node {}

        /** A value: an alias or a sample expression. */
        sealed interface Item extends Node {
            String name();

            Typecast typecast();

            int options();
        }

        record Alias(LogAlias alias, String name, Typecast typecast, int options) implements Item {}

        record Expression(SampleExpression expression, String name, Typecast typecast, int options) implements Item {}
    }

    private final String source;
    private final List<Node> nodes;
    /** The options every item shares ({@code %o}): with an encoding, the whole line is one JSON or CBOR map. */
    private final int globalOptions;
    private final boolean constant;
    private final boolean needsStreamEnd;
    /** The steps of a line without an encoding, made once; null with one. */
    private final LogLinePlan plan;

    LogFormat(String source, List<Node> nodes, int globalOptions) {
        this.source = source;
        this.nodes = List.copyOf(nodes);
        this.globalOptions = globalOptions;
        this.constant = this.nodes.stream().allMatch(node -> node instanceof Node.Text)
                && (globalOptions & LogOptions.ENCODE) == 0;
        this.needsStreamEnd = this.nodes.stream()
                .anyMatch(node -> node instanceof Node.Alias alias && alias.alias().needsStreamEnd());
        this.plan = LogLinePlan.of(this.nodes, globalOptions);
    }

    /** Compiles {@code format} for a header value (the most common use outside logs). */
    public static LogFormat compile(String format, ExpressionCompiler compiler) throws ConfigException {
        return compile(format, compiler, Mode.HTTP);
    }

    public static LogFormat compile(String format, ExpressionCompiler compiler, Mode mode) throws ConfigException {
        return new LogFormatParser(format, compiler, mode.options, mode == Mode.LOG).parse();
    }

    /** The text, for a header value, a body or a name: {@code context}'s stream facts, if any, give the aliases. */
    public String render(SampleContext context) {
        if (constant) {
            return nodes.isEmpty() ? "" : ((Node.Text) nodes.getFirst()).text();
        }
        StringBuilder out = new StringBuilder(64);
        renderTo(out, context, context.logFacts().orElse(null), true);
        return out.toString();
    }

    /**
     * Writes the format's text into {@code out}.
     *
     * @param facts       the stream's facts for the aliases; null outside a stream
     * @param httpBackend whether the stream's backend is in HTTP mode ({@code %Td})
     */
    public void renderTo(StringBuilder out, SampleContext context, LogFacts facts, boolean httpBackend) {
        if (plan != null && facts != null) {
            plan.render(out, context, facts, httpBackend); // a stream's log line: the precompiled steps
        } else {
            renderWalking(out, context, facts, httpBackend);
        }
    }

    /** The general walk over the nodes: every format, every flag and encoding ({@link LogLinePlan} must match it). */
    void renderWalking(StringBuilder out, SampleContext context, LogFacts facts, boolean httpBackend) {
        LogLineBuilder line = new LogLineBuilder(out);
        if ((globalOptions & LogOptions.ENCODE) == 0 && nodes.isEmpty()) {
            return;
        }
        line.options = globalOptions;
        if ((globalOptions & LogOptions.JSON) != 0) {
            out.append('{');
        } else if ((globalOptions & LogOptions.CBOR) != 0) {
            line.cborByte(0xBF);
        }
        boolean encodeAll = (globalOptions & LogOptions.ENCODE) != 0;
        boolean lastWasSpace = true;
        boolean firstItem = true;
        for (Node node : nodes) {
            switch (node) {
                case Node.Separator separator -> {
                    if (!encodeAll && !lastWasSpace) {
                        out.append(' ');
                        lastWasSpace = true;
                    }
                }
                case Node.Text text -> {
                    if (!encodeAll) {
                        out.append(text.text());
                        lastWasSpace = false;
                    }
                }
                case Node.Item item -> {
                    if (encodeAll) {
                        if (item.name() == null) {
                            continue; // an anonymous item has no key in a map
                        }
                        line.options = globalOptions;
                        line.typecast = Typecast.NONE;
                        if (!firstItem && (globalOptions & LogOptions.JSON) != 0) {
                            out.append(", ");
                        }
                        if ((globalOptions & LogOptions.JSON) != 0) {
                            out.append('"').append(item.name()).append("\": ");
                        } else {
                            line.cborText(item.name());
                        }
                        firstItem = false;
                    }
                    if (writeWholeItem(item, line, context, facts, httpBackend)) {
                        lastWasSpace = false;
                    }
                }
            }
        }
        line.options = globalOptions;
        if ((globalOptions & LogOptions.JSON) != 0) {
            out.append('}');
        } else if ((globalOptions & LogOptions.CBOR) != 0) {
            line.cborByte(0xFF);
        }
    }

    /**
     * Writes one item with its flags, an empty value as its encoding says, and closes what it
     * opened; true when it counts as written, so that the next separator prints.
     */
    static boolean writeWholeItem(Node.Item item, LogLineBuilder line, SampleContext context, LogFacts facts,
                                  boolean httpBackend) {
        StringBuilder out = line.out;
        int valueStart = out.length();
        line.options = item.options();
        line.typecast = item.typecast();
        boolean wrote = writeItem(item, line, context, facts, httpBackend);
        if (out.length() == valueStart && !line.inText()) {
            if ((line.options & LogOptions.JSON) != 0) {
                out.append("null");
            } else if ((line.options & LogOptions.CBOR) != 0) {
                line.cborByte(0xF6);
            }
        }
        line.varTextEnd();
        return wrote || out.length() != valueStart;
    }

    /** Writes one item; true when it counts as written even if empty (a sample expression does). */
    private static boolean writeItem(Node.Item item, LogLineBuilder line, SampleContext context, LogFacts facts,
                                     boolean httpBackend) {
        switch (item) {
            case Node.Alias alias -> {
                LogAliasValues.write(alias.alias(), line, facts, context, httpBackend);
                return false;
            }
            case Node.Expression expression -> {
                writeSample(expression, line, expression.expression().evaluate(context));
                return true;
            }
        }
    }

    /** A sample's value in the type the item's options and encoding ask for. */
    private static void writeSample(Node.Expression item, LogLineBuilder line, Optional<Sample> value) {
        SampleType type = SampleType.STR;
        Sample sample = value.orElse(null);
        if (sample != null && sample.type() == SampleType.BIN && (line.options & LogOptions.BIN) != 0
                && item.typecast() != Typecast.STR) {
            type = SampleType.BIN;
        }
        if ((line.options & LogOptions.ENCODE) != 0) {
            switch (item.typecast()) {
                case RAW -> {
                    line.options = LogOptions.NONE;
                    type = SampleType.BIN;
                }
                case STR -> type = SampleType.STR;
                case SINT -> type = SampleType.SINT;
                case BOOL -> type = SampleType.BOOL;
                case NONE -> {
                    if (sample != null && (sample.type() == SampleType.SINT || sample.type() == SampleType.BOOL
                            || ((line.options & LogOptions.CBOR) != 0 && sample.type() == SampleType.BIN))) {
                        type = sample.type();
                    }
                }
            }
        }
        if (sample != null) {
            sample = Casts.cast(sample, type).orElse(null);
        }
        if ((line.options & LogOptions.HTTP) != 0) {
            line.encoded('%', LogLineBuilder.HTTP_UNSAFE, sample == null ? "" : sample.toText());
        } else if (sample != null && type == SampleType.BIN) {
            line.binary(sample.toText());
        } else if (sample != null && type == SampleType.SINT) {
            line.encodeInteger(sample.asLong());
        } else if (sample != null && type == SampleType.BOOL) {
            line.bool(sample.asBoolean());
        } else {
            line.text(sample == null ? null : sample.toText());
        }
    }

    /** The precompiled steps of a line without an encoding; null with one. */
    LogLinePlan plan() {
        return plan;
    }

    /** Whether the format has no value in it (its text never changes). */
    public boolean isConstant() {
        return constant;
    }

    /** Whether any item is an HTTP-only alias or an expression that reads HTTP (for HAProxy's diagnostic). */
    List<Node> nodes() {
        return nodes;
    }

    /** The aliases that only mean something in an HTTP proxy, for the warning of a TCP proxy that uses them. */
    public List<String> httpOnlyAliases() {
        List<String> found = new ArrayList<>();
        for (Node node : nodes) {
            if (node instanceof Node.Alias alias && alias.alias().httpOnly()) {
                found.add(alias.alias().alias());
            }
        }
        return found;
    }

    /**
     * Whether an alias of the format is only final at the end of the stream ({@link
     * LogAlias#needsStreamEnd}); HAProxy makes a line without any once the response head is there.
     */
    public boolean needsStreamEnd() {
        return needsStreamEnd;
    }

    /** Whether the format names the alias ({@code "ID"} for {@code %ID}). */
    public boolean usesAlias(String name) {
        return nodes.stream().anyMatch(node -> node instanceof Node.Alias alias && alias.alias().alias().equals(name));
    }

    @Override
    public String toString() {
        return source;
    }
}
