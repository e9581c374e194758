package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;

/**
 * The {@code from <origin>} of a {@code server} or {@code default-server} line (configuration.txt
 * §5.2, "from"): the settings a line starts from before its own, copied from
 * <ul>
 *   <li>{@code none}: the documented defaults, as if no {@code default-server} had been written;</li>
 *   <li>{@code be:[<backend>]}: the unnamed {@code default-server} of a backend (this one when the
 *       name is empty), as its lines so far have left it;</li>
 *   <li>{@code srv:[<backend>/]<name>}: a server, or a named {@code default-server} set, of a
 *       backend (this one when no backend is named).</li>
 * </ul>
 * Only what is already parsed can be named: a backend or server further down is unknown, as in
 * HAProxy, which resolves the origin while it reads the line.
 */
final class ServerOrigins {
    private ServerOrigins() {}

    /** A fresh copy of the origin's settings, for the line to complete. */
    static ServerSettings resolve(KeywordContext line, ProxySection proxy, String origin) throws ConfigException {
        if (origin.isEmpty()) {
            throw new ConfigException("from: missing value.");
        }
        if (origin.equals("none")) {
            return new ServerSettings();
        }
        if (origin.startsWith("be:")) {
            String backend = origin.substring("be:".length());
            ProxySection section = backend.isEmpty() ? proxy : backend(line, proxy, backend);
            if (section == null) {
                throw new ConfigException("from: unknown backend instance '" + backend + "'.");
            }
            return section.defaultServer.copy();
        }
        if (origin.startsWith("srv:")) {
            String reference = origin.substring("srv:".length());
            int slash = reference.indexOf('/');
            ProxySection section = proxy;
            if (slash >= 0) {
                String backend = reference.substring(0, slash);
                section = backend(line, proxy, backend);
                if (section == null) {
                    throw new ConfigException("from: unknown backend '" + backend + "'.");
                }
                reference = reference.substring(slash + 1);
            }
            ServerSettings settings = section.settingsOf(reference);
            if (settings == null) {
                throw new ConfigException("from: unknown server '" + reference + "' in backend '" + section.name + "'.");
            }
            return settings.copy();
        }
        throw new ConfigException("invalid '" + origin + "' value for 'from' keyword.");
    }

    /** A backend declared so far (this one included), or null. */
    private static ProxySection backend(KeywordContext line, ProxySection proxy, String name) {
        if (proxy.name.equals(name) && proxy.kind.hasBackendCapability()) {
            return proxy;
        }
        for (ProxySection section : line.state().proxies) {
            if (section.name.equals(name) && section.kind.hasBackendCapability()) {
                return section;
            }
        }
        return null;
    }
}
