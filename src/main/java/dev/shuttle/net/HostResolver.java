package dev.shuttle.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns the host part of an {@link Address.Inet} into one IP address, as HAProxy does at startup.
 *
 * <p>HAProxy resolves names once, through the libc resolver, when it parses the configuration
 * (manual, "server": "this name will be resolved during start-up"); the JDK's resolver uses the
 * same libc sources (/etc/hosts, then DNS). An {@code ipv4@}/{@code ipv6@} prefix restricts the
 * answer to that family; without a prefix the first answer wins.
 */
public final class HostResolver {
    private HostResolver() {
    }

    /**
     * Resolves {@code host} ({@code ""} meaning "any address": {@code 0.0.0.0}, or {@code ::} when
     * IPv6 is forced).
     *
     * @throws UnknownHostException if the name is unknown or has no address of the forced family
     */
    public static InetAddress resolve(String host, Address.Family family) throws UnknownHostException {
        if (host.isEmpty()) {
            return InetAddress.getByName(family == Address.Family.IPV6 ? "::" : "0.0.0.0");
        }
        if (host.indexOf(':') >= 0) {
            // Brackets make the JDK treat it strictly as an IPv6 literal, never as a DNS name.
            InetAddress literal = InetAddress.getByName("[" + host + "]");
            return requireFamily(host, new InetAddress[] {literal}, family);
        }
        if (IpLiterals.looksLikeIpv4(host)) {
            return requireFamily(host, new InetAddress[] {IpLiterals.parseIpv4(host)}, family);
        }
        return requireFamily(host, InetAddress.getAllByName(host), family);
    }

    /**
     * The IP address a socket for {@code inet} binds or connects to, the failure worded as
     * HAProxy's ({@code could not resolve address 'name'.}).
     */
    public static InetAddress resolve(Address.Inet inet) throws IOException {
        try {
            return resolve(inet.host(), inet.family());
        } catch (UnknownHostException e) {
            throw new IOException("could not resolve address '" + inet.host() + "'.", e);
        }
    }

    private static InetAddress requireFamily(String host, InetAddress[] candidates, Address.Family family)
            throws UnknownHostException {
        for (InetAddress candidate : candidates) {
            boolean fits = switch (family) {
                case ANY -> true;
                case IPV4 -> candidate instanceof Inet4Address;
                case IPV6 -> candidate instanceof Inet6Address;
            };
            if (fits) {
                return candidate;
            }
        }
        throw new UnknownHostException(host + ": no " + family + " address");
    }
}
