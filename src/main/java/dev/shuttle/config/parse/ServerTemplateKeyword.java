package dev.shuttle.config.parse;

import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.net.Address;

/**
 * {@code server-template <prefix> <num | low-high> <addr>[:<port>] [from <origin>] [settings...]}
 * (configuration.txt §4.2, "server-template"): declares the servers {@code <prefix><n>} for each
 * {@code n} of the range ({@code 1..num} when one number is given), all at the same address and
 * with the same settings. An {@code id} goes to the first of them; the others are numbered as
 * servers without one. Without resolvers the host name is resolved once at startup, as for a
 * {@code server} line, so every server of the template reaches the same address.
 */
final class ServerTemplateKeyword {
    private ServerTemplateKeyword() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("server-template", Need.BACKEND, false, true, ServerTemplateKeyword::parse);
    }

    private static void parse(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (line.argCount() < 3) {
            throw new ConfigException("'server-template' expects <prefix> <nb | range> <addr>[:<port>] as arguments.");
        }
        String prefix = line.arg(1);
        int[] range = range(line.arg(2));
        String context = "'server-template " + proxy.name + "/" + prefix + "'";
        Address address = ServerKeyword.address(line.arg(3), context);
        ServerSettings settings = proxy.defaultServer.copy();
        int first = 4;
        if (line.arg(first).equals("from")) {
            settings = ServerKeyword.origin(line, proxy, line.arg(first + 1), context);
            first += 2;
        }
        ServerKeyword.parseOptions(line, first, context, settings, proxy);
        // 3.5's SRV_F_DEFSRV_USE_SSL: set from the proxy's default-server, whatever 'from' copied
        settings.tls.defaultServerSsl = proxy.defaultServer.tls.ssl;
        int id = settings.id == null ? 0 : settings.id;
        for (int n = range[0]; n <= range[1]; n++) {
            ServerKeyword.declare(line, proxy, prefix + n, address, settings.copy(), n == range[0] ? id : 0);
        }
    }

    /** {@code <num>} (1 to num) or {@code <low>-<high>}, both at least 1 and in order. */
    private static int[] range(String text) throws ConfigException {
        int dash = text.indexOf('-');
        int low = dash < 0 ? 1 : number(text.substring(0, dash));
        int high = number(dash < 0 ? text : text.substring(dash + 1));
        if (low < 1 || high < low) {
            throw new ConfigException("Wrong server-template number or range arg '" + text + "'.");
        }
        return new int[] {low, high};
    }

    private static int number(String digits) {
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(digits);
    }
}
