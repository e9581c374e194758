package dev.shuttle.config.parse;

import dev.shuttle.config.ProxyKind;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import java.util.List;

/** The rules for proxy names: which characters they may use, and which proxies may share one. */
final class ProxyNames {
    private ProxyNames() {}

    /** Names are made of letters, digits, '-', '_', '.' and ':' (configuration.txt §4). */
    static void checkValid(ProxyKind kind, String name) throws ConfigException {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c < 128 && Character.isLetterOrDigit(c)) || c == '-' || c == '_' || c == '.' || c == ':';
            if (!allowed) {
                throw new ConfigException("character '" + c + "' is not permitted in '" + kind.keyword()
                        + "' name '" + name + "'.");
            }
        }
    }

    /**
     * A frontend and a backend may share a name, since one cannot be mistaken for the other;
     * anything else sharing a name with a proxy of overlapping capability is an error.
     */
    static void checkUnique(ProxyKind kind, String name, SourceLocation where, List<ProxySection> existing)
            throws ConfigException {
        for (ProxySection other : existing) {
            boolean overlap = (kind.hasFrontendCapability() && other.kind.hasFrontendCapability())
                    || (kind.hasBackendCapability() && other.kind.hasBackendCapability());
            if (other.name.equals(name) && overlap) {
                String label = kind == ProxyKind.LISTEN ? "proxy" : kind.keyword();
                throw new ConfigException(label + " '" + name + "' has the same name as " + other.describe()
                        + " declared at " + other.where + ".");
            }
        }
    }
}
