package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;
import java.util.Map;

/**
 * {@code guid <string>} of proxies and servers, and the {@code guid-prefix} of bind lines
 * (configuration.txt §4.2 "guid", §5.1, §5.2): a case-sensitive id unique across every object of
 * the configuration, at most 127 characters among letters, digits, '.', ':', '-' and '_'. The
 * stats-file matches its rows to objects by it. Texts as HAProxy 3.5's.
 */
final class GuidKeyword {
    static final int MAX_LENGTH = 127;

    private GuidKeyword() {}

    /** The proxy keyword; the proxy's guid is unique among all objects' ({@code guids}: guid to owner). */
    static void register(KeywordRegistry registry) {
        registry.proxy("guid", KeywordRegistry.Need.ANY, false, false, (line, proxy) -> {
            if (line.argCount() < 1 || line.arg(1).isEmpty()) {
                throw new ConfigException("'guid' : expects an argument");
            }
            String guid = line.arg(1);
            checkFormat(guid);
            claim(line.state().guids, guid, proxy.kind.keyword() + " " + proxy.name);
            proxy.guid = guid;
        });
    }

    /** Refuses a guid of the wrong length or with a character outside the allowed set. */
    static void checkFormat(String guid) throws ConfigException {
        if (guid.isEmpty() || guid.length() > MAX_LENGTH) {
            throw new ConfigException("'guid': invalid length");
        }
        for (int i = 0; i < guid.length(); i++) {
            char c = guid.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '-' || c == '_');
            if (!allowed) {
                throw new ConfigException("'guid': invalid character '" + c + "'.");
            }
        }
    }

    /** Records {@code owner} as the object of {@code guid}, refusing one another object has. */
    static void claim(Map<String, String> guids, String guid, String owner) throws ConfigException {
        String other = guids.putIfAbsent(guid, owner);
        if (other != null) {
            throw new ConfigException("'guid': duplicate entry with " + other);
        }
    }
}
