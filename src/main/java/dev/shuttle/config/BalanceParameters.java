package dev.shuttle.config;

import dev.shuttle.sample.SampleExpression;
import java.util.Optional;

/**
 * The arguments of a backend's {@code balance} algorithm and its hashing settings
 * (configuration.txt, "balance", "hash-type", "hash-balance-factor"). Each field matters to the
 * algorithms named in its description only.
 *
 * @param name          {@code url_param}'s parameter, {@code hdr}'s header, {@code rdp-cookie}'s
 *                      cookie, or {@code hash}'s expression as written
 * @param uriLength     {@code uri len}: characters of the URI hashed at most; 0 for all
 * @param uriDepth      {@code uri depth}: directories hashed at most; 0 for all
 * @param uriWhole      {@code uri whole}: the query string is hashed too
 * @param uriPathOnly   {@code uri path-only}: only the path, not the scheme and authority of an absolute URI
 * @param domainOnly    {@code hdr(...) use_domain_only}: only the domain name's main part
 * @param checkPost     {@code url_param ... check_post}: a POST body is searched too
 * @param draws         {@code random(<draws>)}: servers drawn, the least loaded wins
 * @param expression    {@code hash}'s compiled expression
 * @param hashType      {@code hash-type}
 * @param balanceFactor {@code hash-balance-factor}: a server takes at most this percentage of the
 *                      average load (consistent hashing only); 0 for no bound
 * @param given         a {@code balance} line chose the algorithm (else 3.x's default, random, which
 *                      3.5's stats name "unknown")
 */
public record BalanceParameters(String name, int uriLength, int uriDepth, boolean uriWhole, boolean uriPathOnly,
                                boolean domainOnly, boolean checkPost, int draws,
                                Optional<SampleExpression> expression, HashType hashType, int balanceFactor,
                                boolean given) {
    /** A backend without arguments for its algorithm, with the default {@code hash-type}. */
    public static final BalanceParameters DEFAULT = new BalanceParameters("", 0, 0, false, false, false, false, 2,
            Optional.empty(), HashType.DEFAULT, 0, false);

    public BalanceParameters withHashType(HashType type) {
        return new BalanceParameters(name, uriLength, uriDepth, uriWhole, uriPathOnly, domainOnly, checkPost, draws,
                expression, type, balanceFactor, given);
    }

    public BalanceParameters withBalanceFactor(int factor) {
        return new BalanceParameters(name, uriLength, uriDepth, uriWhole, uriPathOnly, domainOnly, checkPost, draws,
                expression, hashType, factor, given);
    }

    public BalanceParameters withExpression(SampleExpression compiled) {
        return new BalanceParameters(name, uriLength, uriDepth, uriWhole, uriPathOnly, domainOnly, checkPost, draws,
                Optional.of(compiled), hashType, balanceFactor, given);
    }

    /** The algorithm's own arguments, with this backend's {@code hash-type} and factor kept. */
    public BalanceParameters withArguments(BalanceParameters arguments) {
        return new BalanceParameters(arguments.name, arguments.uriLength, arguments.uriDepth, arguments.uriWhole,
                arguments.uriPathOnly, arguments.domainOnly, arguments.checkPost, arguments.draws,
                arguments.expression, hashType, balanceFactor, true);
    }
}
