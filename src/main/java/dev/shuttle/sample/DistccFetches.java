package dev.shuttle.sample;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code distcc_param(<token>[,<occ>])} and {@code distcc_body(<token>[,<occ>])} (configuration.txt
 * §7.3.5): read a distcc request (or response) in the buffer that content rules inspect. The
 * protocol is a run of
 *
 * <pre>
 *   token (4 letters) parameter (8 hex digits) [body (parameter bytes)]
 * </pre>
 *
 * where ARGC, DIST, NFIL, STAT and DONE have no body. {@code <occ>} counts from 1; 0 or none takes
 * the first. While the buffer may still grow, a token not found yet leaves the answer open (the
 * rule waits), as HAProxy 3.5 does; in an HTTP stream there is nothing to read.
 */
public final class DistccFetches {
    private static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);
    private static final Set<String> WITHOUT_BODY = Set.of("ARGC", "DIST", "NFIL", "STAT", "DONE");

    private DistccFetches() {}

    public static void register(SampleRegistry registry) {
        registry.registerFetch(new FetchDefinition("distcc_param", List.of(ArgType.STR, ArgType.SINT), 1,
                SampleType.SINT, ANYWHERE, (args, context, all) -> find(args, context, false).map(List::of)
                        .orElse(List.of()), DistccFetches::check));
        registry.registerFetch(new FetchDefinition("distcc_body", List.of(ArgType.STR, ArgType.SINT), 1,
                SampleType.BIN, ANYWHERE, (args, context, all) -> find(args, context, true).map(List::of)
                        .orElse(List.of()), DistccFetches::check));
    }

    private static Arguments check(Arguments arguments) throws SampleCompileException {
        if (arguments.str(0).length() != 4) {
            throw new SampleCompileException("token name must be exactly 4 characters");
        }
        long occurrence = arguments.has(1) ? arguments.sint(1) : 0;
        return new Arguments(new ArrayList<>(Arrays.asList(arguments.str(0), occurrence)));
    }

    private static Optional<Sample> find(Arguments args, SampleContext context, boolean wantBody) {
        if (context.receivedRequestLine().isPresent()) {
            return Optional.empty(); // an HTTP stream: its buffer holds messages, not distcc
        }
        Optional<ContentBuffer> buffered = context.phase() == Phase.RESPONSE_CONTENT ? context.responseContent()
                : context.requestContent();
        if (buffered.isEmpty()) {
            return Optional.empty();
        }
        ContentBuffer content = buffered.get();
        String wanted = args.str(0);
        long occurrence = args.sint(1);
        long seen = 0;
        int offset = 0;
        while (true) {
            if (offset + 12 > content.length()) {
                if (!content.isFinal() && offset + 12 <= PayloadFetches.BUFFER_SIZE) {
                    context.answerMayChange();
                }
                return Optional.empty();
            }
            String token = new String(content.copy(offset, 4), StandardCharsets.ISO_8859_1);
            long parameter = 0;
            for (int i = 0; i < 8; i++) {
                int digit = Character.digit(content.byteAt(offset + 4 + i), 16);
                if (digit < 0) {
                    return Optional.empty();
                }
                parameter = (parameter << 4) + digit;
            }
            offset += 12;
            long body = WITHOUT_BODY.contains(token) ? 0 : parameter;
            if (token.equals(wanted)) {
                seen++;
                if (occurrence == 0 || occurrence == seen) {
                    if (!wantBody) {
                        return Optional.of(Sample.sint(parameter));
                    }
                    int available = (int) Math.min(body, content.length() - offset);
                    if (available < body && !content.isFinal()) {
                        context.answerMayChange();
                    }
                    return Optional.of(Sample.bin(content.copy(offset, available)));
                }
            }
            if (body > content.length() - offset) {
                return Optional.empty();
            }
            offset += (int) body;
        }
    }
}
