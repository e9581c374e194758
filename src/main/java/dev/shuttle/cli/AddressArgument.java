package dev.shuttle.cli;

import dev.shuttle.pattern.MapFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code set server <b>/<s> addr <ip> [port <port>]} (management.txt §9.3), for
 * traffic servers and log servers alike: an IP literal (never a name to resolve) and an optional
 * port, refused with 3.5's answers; and the answer that says what changed.
 */
record AddressArgument(String ip, Integer port) {
    static AddressArgument parse(List<String> args) throws CliException {
        if (args.isEmpty() || args.getFirst().isEmpty()) {
            throw new CliException("set server <b>/<s> addr requires an address and optionally a port.");
        }
        String ip = args.getFirst();
        if (MapFile.parseAddress(ip).isEmpty()) {
            throw new CliException("Invalid addr '" + ip + "'");
        }
        Integer port = null;
        if (args.size() >= 2 && args.get(1).equals("port")) {
            String text = args.size() >= 3 ? args.get(2) : "";
            RuntimeArguments.Prefix number = RuntimeArguments.Prefix.of(text);
            if (number.length() == 0 || number.length() != text.length()) {
                throw new CliException("problem converting port '" + text + "' to an int");
            }
            port = (int) number.value();
        }
        return new AddressArgument(ip, port);
    }

    /** Whether this names another IP than {@code currentHost}. */
    boolean changesIp(String currentHost) {
        return !MapFile.parseAddress(ip).equals(MapFile.parseAddress(currentHost));
    }

    /**
     * 3.5's answer for a move: "IP changed from 'a' to 'b', port changed from 'p' to 'q' by 'stats
     * socket command'" (only the parts that changed), the previous port as {@code fromPort} prints it.
     */
    String change(boolean ipChanged, String fromHost, boolean portChanged, String fromPort) {
        List<String> changes = new ArrayList<>();
        if (ipChanged) {
            changes.add("IP changed from '" + fromHost + "' to '" + ip + "'");
        }
        if (portChanged) {
            changes.add("port changed from '" + fromPort + "' to '" + port + "'");
        }
        return String.join(", ", changes) + " by 'stats socket command'";
    }
}
