package dev.shuttle.acl;

import dev.shuttle.pattern.AclException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ACLs every proxy has without declaring them (configuration.txt §7.4), each defined by the
 * ACL line the manual gives as its equivalent. One is instantiated in a proxy the first time a
 * condition there names it.
 *
 * <p>A predefined ACL whose fetch Shuttle does not implement (e.g. {@code REQ_CONTENT} needs
 * {@code req.len}) is refused with a message that says so, rather than HAProxy's "no such ACL".
 */
final class PredefinedAcls {
    private PredefinedAcls() {}

    private static final Map<String, List<String>> DEFINITIONS = Map.ofEntries(
            Map.entry("FALSE", List.of("always_false")),
            Map.entry("HTTP", List.of("req.proto_http")),
            Map.entry("HTTP_1.0", List.of("req.ver", "1.0")),
            Map.entry("HTTP_1.1", List.of("req.ver", "1.1")),
            Map.entry("HTTP_2.0", List.of("req.ver", "2.0")),
            Map.entry("HTTP_CONTENT", List.of("req.hdr_val(content-length)", "gt", "0")),
            Map.entry("HTTP_URL_ABS", List.of("url_reg", "^[^/:]*://")),
            Map.entry("HTTP_URL_SLASH", List.of("url_beg", "/")),
            Map.entry("HTTP_URL_STAR", List.of("url", "*")),
            Map.entry("LOCALHOST", List.of("src", "127.0.0.1/8", "::1")),
            Map.entry("METH_CONNECT", List.of("method", "CONNECT")),
            Map.entry("METH_DELETE", List.of("method", "DELETE")),
            Map.entry("METH_GET", List.of("method", "GET", "HEAD")),
            Map.entry("METH_HEAD", List.of("method", "HEAD")),
            Map.entry("METH_OPTIONS", List.of("method", "OPTIONS")),
            Map.entry("METH_POST", List.of("method", "POST")),
            Map.entry("METH_PUT", List.of("method", "PUT")),
            Map.entry("METH_TRACE", List.of("method", "TRACE")),
            Map.entry("RDP_COOKIE", List.of("req.rdp_cookie_cnt", "gt", "0")),
            Map.entry("REQ_CONTENT", List.of("req.len", "gt", "0")),
            Map.entry("TRUE", List.of("always_true")),
            Map.entry("WAIT_END", List.of("wait_end")));

    /** The names, for documentation and tests. */
    static Set<String> names() {
        return DEFINITIONS.keySet();
    }

    /** The predefined ACL of that name for this scope, or empty when there is none of that name. */
    static Optional<Acl> instantiate(String name, AclScope scope) throws AclException {
        List<String> definition = DEFINITIONS.get(name);
        if (definition == null) {
            return Optional.empty();
        }
        try {
            Acl acl = new Acl(name);
            acl.add(AclParser.parse(definition, scope));
            return Optional.of(acl);
        } catch (AclException e) {
            throw new AclException("predefined ACL '" + name + "' is not available: Shuttle does not implement '"
                    + AclParser.leadingKeyword(definition.getFirst()) + "' (" + e.getMessage() + ")");
        }
    }
}
