package dev.shuttle.sample;

import dev.shuttle.proxyproto.ProxyHeader;
import dev.shuttle.proxyproto.Tlv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The fetches of the PROXY header a client connection started with (configuration.txt §7.3.3):
 * {@code fc_rcvd_proxy}, {@code fc_pp_authority}, {@code fc_pp_unique_id} and {@code
 * fc_pp_tlv(<id>)} (a number 0 to 255 or one of the manual's names). A TLV's value is returned as a
 * string of its bytes (one character per byte, as the wire's Latin-1). As in HAProxy 3.5, {@code
 * fc_pp_tlv} looks at the header's own TLVs only: the sub-TLVs inside an SSL TLV are not found by
 * their names ({@code SSL_CN}...), which match only a TLV of that type at the top level (checked on
 * 3.5); {@code fc_pp_tlv(SSL)} returns the SSL TLV whole.
 */
final class ProxyFetches {
    private static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);

    private ProxyFetches() {}

    static void register(SampleRegistry registry) {
        registry.registerFetch(new FetchDefinition("fc_rcvd_proxy", List.of(), 0, SampleType.BOOL, ANYWHERE,
                (args, context, all) -> List.of(Sample.bool(context.receivedProxyHeader().isPresent()))));
        registry.registerFetch(new FetchDefinition("fc_pp_authority", List.of(), 0, SampleType.STR, ANYWHERE,
                (args, context, all) -> values(context, Tlv.AUTHORITY, false)));
        registry.registerFetch(new FetchDefinition("fc_pp_unique_id", List.of(), 0, SampleType.STR, ANYWHERE,
                (args, context, all) -> values(context, Tlv.UNIQUE_ID, false)));
        registry.registerFetch(new FetchDefinition("fc_pp_tlv", List.of(ArgType.STR), 1, SampleType.STR, ANYWHERE,
                (args, context, all) -> values(context, (Integer) args.values().get(0), all), ProxyFetches::tlvType));
    }

    /** The first value of {@code type}'s TLVs, or all of them in wire order. */
    private static List<Sample> values(SampleContext context, int type, boolean all) {
        ProxyHeader header = context.receivedProxyHeader().orElse(null);
        if (header == null) {
            return List.of();
        }
        List<Sample> found = new ArrayList<>(1);
        for (Tlv tlv : header.tlvs()) {
            if (tlv.type() == type) {
                found.add(Sample.str(new String(tlv.value(), StandardCharsets.ISO_8859_1)));
                if (!all) {
                    break;
                }
            }
        }
        return found;
    }

    /** Replaces the argument's text by its TLV type, once, when the expression is compiled. */
    private static Arguments tlvType(Arguments arguments) throws SampleCompileException {
        String text = arguments.str(0);
        OptionalInt type = Tlv.typeOf(text);
        if (type.isEmpty()) {
            throw new SampleCompileException("failed to parse TLV '" + text + "': expects a number between 0 and 255"
                    + " or one of ALPN, AUTHORITY, CRC32, NETNS, NOOP, SSL, SSL_CIPHER, SSL_CN, SSL_KEY_ALG,"
                    + " SSL_SIG_ALG, SSL_VERSION, UNIQUE_ID.");
        }
        return arguments.with(0, type.getAsInt());
    }
}
