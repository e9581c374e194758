package dev.shuttle.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address converter {@code ipmask(<mask4>[,<mask6>])} (configuration.txt §7.3.1): keeps the
 * network part of an address, so that a whole network shares one stick-table entry or one hash.
 * Without a {@code mask6}, an IPv6 address does not convert, "for backwards compatibility". An
 * IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) is masked as the IPv4 address it carries,
 * as haproxy 2.6 does. Masks are prefix lengths or addresses ({@code 255.255.0.0},
 * {@code ffff:ffff::}), applied bit by bit (see {@link ArgumentParser#mask}).
 */
public final class IpConverters {
    private IpConverters() {}

    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    public static void register(SampleRegistry registry) {
        registry.registerConverter(ConverterDefinition.takingAddress("ipmask", List.of(ArgType.MSK4, ArgType.MSK6), 1,
                SampleType.IPV4, IpConverters::ipmask, Arguments.Checker.NONE));
    }

    static Optional<Sample> ipmask(Sample input, Arguments args, SampleContext context) {
        byte[] raw = input.asAddress().getAddress();
        if (raw.length == 16 && Arrays.equals(raw, 0, 12, MAPPED_PREFIX, 0, 12)) {
            raw = Arrays.copyOfRange(raw, 12, 16);
        }
        if (raw.length == 16 && !args.has(1)) {
            return Optional.empty();
        }
        byte[] mask = raw.length == 4 ? args.<byte[]>get(0) : args.<byte[]>get(1);
        for (int i = 0; i < raw.length; i++) {
            raw[i] &= mask[i];
        }
        return Optional.of(Sample.addressOf(raw));
    }
}
