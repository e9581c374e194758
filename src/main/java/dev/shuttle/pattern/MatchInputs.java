package dev.shuttle.pattern;

import dev.shuttle.sample.Casts;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleType;
import java.util.Optional;

/**
 * Casts a sample to the form a match method compares (text, integer, address bytes or raw
 * bytes) with the sample engine's cast table ({@link Casts}, HAProxy's). A cast that fails at run
 * time (an IPv6 address as an integer, text that is no address) means the value does not match.
 * Binary text stops at its first NUL byte, as the manual warns for string matches (§7.1.3).
 */
public final class MatchInputs {
    private MatchInputs() {}

    static String text(Sample sample) {
        Sample text = Casts.castOrNull(sample, SampleType.STR);
        return text == null ? sample.toText() : text.asString();
    }

    /** The sample as an integer (also the truth of a boolean ACL), empty when it does not cast. */
    public static Optional<Long> integer(Sample sample) {
        return Casts.cast(sample, SampleType.SINT).map(Sample::asLong);
    }

    /** An address as 4 or 16 bytes; text is read as the cast reads it (IPv4, else IPv6). */
    static Optional<byte[]> address(Sample sample) {
        if (sample.type().isAddress()) {
            return Optional.of(sample.asAddress().getAddress());
        }
        if (sample.type() == SampleType.STR) {
            byte[] ipv4 = Casts.parseIpv4Prefix(sample.asString());
            return Optional.ofNullable(ipv4 != null ? ipv4 : Casts.parseIpv6(sample.asString()));
        }
        return Casts.cast(sample, SampleType.IPV4).map(ipv4 -> ipv4.asAddress().getAddress());
    }

    static byte[] bytes(Sample sample) {
        Sample bytes = Casts.castOrNull(sample, SampleType.BIN);
        return bytes == null ? new byte[0] : bytes.asBytes();
    }
}
