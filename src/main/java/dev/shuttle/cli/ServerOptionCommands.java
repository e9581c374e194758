package dev.shuttle.cli;

import dev.shuttle.cli.ServerStateCommands.Target;
import dev.shuttle.backend.TlsServers;
import dev.shuttle.net.Address;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.util.List;

/**
 * The runtime API's {@code set server <b>/<s>} options on a server's address, name and TLS
 * (management.txt §9.3): {@code addr}, {@code fqdn}, {@code ssl} and {@code name} (the check
 * options are {@link CheckCommands}'). Each is checked as HAProxy 3.5 checks it, with its texts.
 * {@code addr} moves the server, {@code ssl} turns its TLS on or off; what needs a change Shuttle
 * cannot make at run time (a server's name, fixed at start; an FQDN, without a resolver) is refused
 * with a message that says so, never silently ignored.
 */
final class ServerOptionCommands {
    private ServerOptionCommands() {}

    /** {@code set server <b>/<s> <option> <arguments>}, {@code option} one of ServerStateCommands' list. */
    static void set(Target target, String option, List<String> args, StringBuilder out) throws CliException {
        Server server = target.server();
        String value = args.isEmpty() ? "" : args.getFirst();
        switch (option) {
            case "addr" -> setAddress(target, args, out);
            case "fqdn" -> throw new CliException("set server <b>/<s> fqdn failed because no resolution is configured.");
            case "ssl" -> setTls(target, value, out);
            case "name" -> rename(target, value, out);
            default -> throw new IllegalArgumentException(option);
        }
    }

    /**
     * {@code name <new>}: 3.5's checks and answers ({@link ServerRename}), the same name a success
     * that changes nothing; a traffic server's name is fixed at start in Shuttle (logs, stick
     * tables, {@code use-server} and {@code track} hold it), so an actual rename is refused, saying so.
     */
    private static void rename(Target target, String newName, StringBuilder out) throws CliException {
        Server server = target.server();
        ServerRename.check(newName, server.adminState() == AdminState.MAINT);
        if (newName.equals(server.name())) {
            out.append(ServerRename.UPDATED);
            return;
        }
        ServerRename.checkFree(newName, target.backend().servers().stream().map(Server::name).toList());
        refuse("name", "a traffic server's name is fixed at start");
    }

    /**
     * {@code ssl on|off} (management.txt §9.3; 3.5's cli_parse_set_server() and srv_set_ssl(), their
     * checks in this order): refused on a server added at run time, and on one without a TLS context
     * (made at start for {@code ssl}, {@code check-ssl} or a check connect with {@code ssl}); then the
     * server's next connections use TLS or clear text, its idle ones are closed, and its checks to its
     * own address follow unless {@code check-ssl}/{@code no-check-ssl} decided them.
     */
    private static void setTls(Target target, String value, StringBuilder out) throws CliException {
        Server server = target.server();
        if (server.isDynamic()) {
            throw new CliException("'set server <srv> ssl' not supported on dynamic servers");
        }
        if (!TlsServers.hasContext(target.backend(), server)) {
            throw new CliException("'set server <srv> ssl' cannot be set.  default-server should define ssl settings");
        }
        boolean on = switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new CliException("'set server <srv> ssl' expects 'on' or 'off'.");
        };
        target.backend().changeServerTls(server, on);
        out.append("server ssl setting updated.\n");
    }

    /**
     * {@code addr <ip> [port <port>]} (management.txt §9.3): the server's connections and checks go
     * to the new address from now on, its idle connections to the old one are closed, and the answer
     * says what changed in 3.5's words ("IP changed from 'a' to 'b', port changed from 'p' to 'q' by
     * 'stats socket command'"); the same address answers "nothing changed". A server declared
     * without a port or with a {@code +N} offset keeps following the client's port; a transparent
     * server (0.0.0.0) or one on a UNIX socket is refused.
     */
    private static void setAddress(Target target, List<String> args, StringBuilder out) throws CliException {
        Server server = target.server();
        AddressArgument moveTo = AddressArgument.parse(args);
        Integer port = moveTo.port();
        if (!(server.address() instanceof Address.Inet current) || server.isTransparent()) {
            throw refusal("addr", "only a server with an IP address of its own can move");
        }
        boolean ipChanged = moveTo.changesIp(current.host());
        boolean portChanged = port != null && (current.portOffset() || current.hasNoPort() || current.portLow() != port);
        if (!ipChanged && !portChanged) {
            throw new CliException("nothing changed");
        }
        String from = current.portOffset() ? "+" + current.portLow() : String.valueOf(current.portLow());
        String ip = moveTo.ip();
        Address.Inet moved = portChanged ? new Address.Inet(ip, port, Address.Family.ANY)
                : new Address.Inet(ip, current.portLow(), current.portHigh(), Address.Family.ANY, current.portOffset());
        String change = moveTo.change(ipChanged, current.host(), portChanged, from);
        target.backend().changeServerAddress(server, moved, change);
        out.append(change).append('\n');
    }

    private static void refuse(String option, String reason) throws CliException {
        throw refusal(option, reason);
    }

    private static CliException refusal(String option, String reason) {
        return new CliException("'set server <srv> " + option + "' is not supported by Shuttle yet: " + reason + ".");
    }
}
