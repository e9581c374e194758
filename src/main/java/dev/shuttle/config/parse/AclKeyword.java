package dev.shuttle.config.parse;

import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.pattern.AclException;

/**
 * {@code acl <name> <criterion> [flags] [operator] [<value>] ...} in proxy sections
 * (configuration.txt §7.1), parsed by {@link dev.shuttle.acl.AclScope}.
 *
 * <p>haproxy 2.6 refuses {@code acl} in an anonymous {@code defaults} section and accepts it in a
 * named one, whose ACLs serve only that section's own rules: proxies using the defaults do not
 * inherit them.
 */
final class AclKeyword {
    private AclKeyword() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("acl", Need.ANY, true, false, (line, proxy) -> {
            if (proxy.kind == ProxyKind.DEFAULTS && proxy.name.isEmpty()) {
                throw new ConfigException("'acl' not allowed in anonymous 'defaults' section.");
            }
            try {
                proxy.acls(line.state()).declare(line.words().subList(1, line.words().size()));
            } catch (AclException e) {
                throw new ConfigException(e.getMessage() + ".");
            }
        });
    }
}
