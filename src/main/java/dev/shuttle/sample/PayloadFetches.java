package dev.shuttle.sample;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The fetches of configuration.txt §7.3.5, "Fetching samples from buffer contents (Layer 6)", that
 * read the raw bytes of a TCP-mode stream while its {@code tcp-request content} (or
 * {@code tcp-response content}) rules inspect them: {@code req.len}, {@code req.payload},
 * {@code req.payload_lv}, {@code req.proto_http} (in HTTP mode: whether a request head was parsed), their {@code res.*} forms and the deprecated
 * {@code req_len}, {@code payload}, {@code payload_lv}, {@code req_proto_http}.
 *
 * <p>While more data may come ({@link ContentBuffer#isFinal()} false), a fetch lacking data, and
 * {@code req.len} always, tell the context that their answer may change
 * ({@link SampleContext#answerMayChange()}), so that a rule whose condition fails waits for data
 * up to {@code tcp-request inspect-delay} instead of being skipped. In HTTP mode the buffer holds
 * parsed messages, not bytes: these fetches give nothing there (HAProxy's payload fetches are
 * "meaningless for HTX buffers"; its {@code req.len} gives an internal size there).
 */
public final class PayloadFetches {
    private PayloadFetches() {}

    private static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);
    /** HAProxy refuses offsets and lengths beyond a buffer ({@code tune.bufsize}, 16384 by default): they never match. */
    static final int BUFFER_SIZE = 16384;

    public static void register(SampleRegistry registry) {
        for (String side : List.of("req", "res")) {
            Function<SampleContext, Optional<ContentBuffer>> content = side.equals("req")
                    ? SampleContext::requestContent : SampleContext::responseContent;
            define(registry, side + ".len", List.of(), 0, SampleType.SINT, (args, context) -> length(content.apply(context), context));
            define(registry, side + ".payload", List.of(ArgType.SINT, ArgType.SINT), 2, SampleType.BIN,
                    (args, context) -> payload(content.apply(context), context, args.sint(0), args.sint(1)),
                    PayloadFetches::checkPayload);
            define(registry, side + ".payload_lv", List.of(ArgType.SINT, ArgType.SINT, ArgType.STR), 2, SampleType.BIN,
                    (args, context) -> lengthValue(content.apply(context), context, args),
                    PayloadFetches::checkLengthValue);
        }
        define(registry, "req_len", List.of(), 0, SampleType.SINT,
                (args, context) -> length(context.requestContent(), context));
        define(registry, "payload", List.of(ArgType.SINT, ArgType.SINT), 2, SampleType.BIN,
                (args, context) -> payload(either(context), context, args.sint(0), args.sint(1)),
                PayloadFetches::checkPayload);
        define(registry, "payload_lv", List.of(ArgType.SINT, ArgType.SINT, ArgType.STR), 2, SampleType.BIN,
                (args, context) -> lengthValue(either(context), context, args), PayloadFetches::checkLengthValue);
        for (String name : List.of("req.rdp_cookie", "rdp_cookie")) {
            define(registry, name, List.of(ArgType.STR), 0, SampleType.STR,
                    (args, context) -> rdpCookie(context, args.count() > 0 && args.str(0) != null ? args.str(0) : ""));
        }
        for (String name : List.of("req.rdp_cookie_cnt", "rdp_cookie_cnt")) {
            define(registry, name, List.of(ArgType.STR), 0, SampleType.SINT,
                    (args, context) -> rdpCookieCount(context, args.count() > 0 && args.str(0) != null ? args.str(0) : ""));
        }
        for (String name : List.of("req.proto_http", "req_proto_http")) {
            define(registry, name, List.of(), 0, SampleType.BOOL,
                    (args, context) -> context.requestContent().isPresent()
                            ? HttpLooking.test(context.requestContent(), context)
                            : Optional.of(Sample.bool(context.request().isPresent())));
        }
    }

    private interface Value {
        Optional<Sample> of(Arguments arguments, SampleContext context);
    }

    private static void define(SampleRegistry registry, String name, List<ArgType> argTypes, int required,
                               SampleType type, Value value) {
        define(registry, name, argTypes, required, type, value, Arguments.Checker.NONE);
    }

    private static void define(SampleRegistry registry, String name, List<ArgType> argTypes, int required,
                               SampleType type, Value value, Arguments.Checker checker) {
        registry.registerFetch(new FetchDefinition(name, argTypes, required, type, ANYWHERE,
                (args, context, all) -> value.of(args, context).map(List::of).orElse(List.of()), checker));
    }

    /** {@code payload}, {@code payload_lv}: the side the rules inspect, the response's in {@code tcp-response}. */
    private static Optional<ContentBuffer> either(SampleContext context) {
        return context.phase() == Phase.RESPONSE_CONTENT ? context.responseContent() : context.requestContent();
    }

    /** Marks the answer as one that may change unless the buffer is final. */
    private static void mayChange(ContentBuffer content, SampleContext context) {
        if (!content.isFinal()) {
            context.answerMayChange();
        }
    }

    /** {@code req.rdp_cookie([name])}: the RDP cookie's value ({@link RdpCookie}); may change while bytes are missing. */
    static Optional<Sample> rdpCookie(SampleContext context, String name) {
        Optional<ContentBuffer> buffered = context.requestContent();
        if (buffered.isEmpty()) {
            return Optional.empty();
        }
        RdpCookie.Lookup lookup = RdpCookie.find(buffered.get(), name);
        if (lookup.tooShort()) {
            mayChange(buffered.get(), context);
        }
        return lookup.found()
                ? Optional.of(Sample.str(new String(lookup.value(buffered.get()), StandardCharsets.ISO_8859_1)))
                : Optional.empty();
    }

    /** {@code req.rdp_cookie_cnt([name])}: 1 when the cookie is there, 0 when it is not; nothing yet while it may come. */
    static Optional<Sample> rdpCookieCount(SampleContext context, String name) {
        Optional<ContentBuffer> buffered = context.requestContent();
        if (buffered.isEmpty()) {
            return Optional.empty();
        }
        RdpCookie.Lookup lookup = RdpCookie.find(buffered.get(), name);
        if (lookup.tooShort()) {
            mayChange(buffered.get(), context);
            return Optional.empty();
        }
        return Optional.of(Sample.sint(lookup.found() ? 1 : 0));
    }

    /** {@code req.len}: the bytes buffered now; "does not return false as long as the buffer is changing". */
    static Optional<Sample> length(Optional<ContentBuffer> buffered, SampleContext context) {
        if (buffered.isEmpty()) {
            return Optional.empty();
        }
        mayChange(buffered.get(), context);
        return Optional.of(Sample.sint(buffered.get().length()));
    }

    static Arguments checkPayload(Arguments args) throws SampleCompileException {
        if (args.sint(0) < 0 || args.sint(1) < 0) {
            throw new SampleCompileException("payload offset and length must not be negative");
        }
        return args;
    }

    /**
     * {@code req.payload(offset,length)}: {@code length} bytes from {@code offset}; length 0 takes
     * everything from {@code offset} on. Too few bytes yet: no value, and the answer may change.
     */
    static Optional<Sample> payload(Optional<ContentBuffer> buffered, SampleContext context, long offset, long length) {
        if (buffered.isEmpty()) {
            return Optional.empty();
        }
        ContentBuffer content = buffered.get();
        if (length == 0) {
            mayChange(content, context);
            if (offset > content.length()) {
                return Optional.empty();
            }
            return Optional.of(Sample.bin(content.copy((int) offset, content.length() - (int) offset)));
        }
        if (offset + length > BUFFER_SIZE) {
            return Optional.empty(); // can never match
        }
        if (offset + length > content.length()) {
            mayChange(content, context);
            return Optional.empty();
        }
        return Optional.of(Sample.bin(content.copy((int) offset, (int) length)));
    }

    /**
     * {@code payload_lv(offset1,length[,offset2])}: the length field is 1 to 4 bytes, big-endian;
     * offset2 is absolute, or relative to the end of the length field when it starts with '+' or
     * '-'. Kept as {@code long[] {offset2, relative ? 1 : 0}} (null when absent).
     */
    static Arguments checkLengthValue(Arguments args) throws SampleCompileException {
        if (args.sint(0) < 0) {
            throw new SampleCompileException("payload offset must not be negative");
        }
        if (args.sint(1) < 1 || args.sint(1) > 4) {
            throw new SampleCompileException("length must be between 1 and 4 bytes");
        }
        if (!args.has(2)) {
            return args;
        }
        String text = args.str(2);
        boolean relative = text.startsWith("+") || text.startsWith("-");
        try {
            return args.with(2, new long[] {Long.parseLong(text), relative ? 1 : 0});
        } catch (NumberFormatException e) {
            throw new SampleCompileException("invalid offset '" + text + "', expects an integer, or one after '+' or '-'");
        }
    }

    static Optional<Sample> lengthValue(Optional<ContentBuffer> buffered, SampleContext context, Arguments args) {
        if (buffered.isEmpty()) {
            return Optional.empty();
        }
        ContentBuffer content = buffered.get();
        int lengthOffset = (int) args.sint(0);
        int lengthSize = (int) args.sint(1);
        if (lengthOffset + lengthSize > content.length()) {
            mayChange(content, context);
            return Optional.empty();
        }
        long size = 0;
        for (int i = 0; i < lengthSize; i++) {
            size = size << 8 | content.byteAt(lengthOffset + i);
        }
        long offset = lengthOffset + lengthSize;
        if (args.has(2)) {
            long[] given = args.get(2);
            offset = given[1] == 1 ? offset + given[0] : given[0];
        }
        if (size == 0 || offset < 0 || offset + size > BUFFER_SIZE) {
            return Optional.empty(); // can never match
        }
        if (offset + size > content.length()) {
            mayChange(content, context);
            return Optional.empty();
        }
        return Optional.of(Sample.bin(content.copy((int) offset, (int) size)));
    }
}
