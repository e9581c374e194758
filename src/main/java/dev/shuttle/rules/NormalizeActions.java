package dev.shuttle.rules;

import dev.shuttle.http.RequestHead;
import dev.shuttle.lang.ConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code http-request normalize-uri <normalizer> [full|strict]} (configuration.txt §4.3): rewrites
 * the request-target with one {@link UriNormalizer}. A {@code strict} normalizer that meets an
 * invalid percent sequence ends the request with a 400. HAProxy 2.4 to 2.6 hide the action behind
 * {@code expose-experimental-directives}; Shuttle accepts it without.
 */
final class NormalizeActions {
    private NormalizeActions() {}

    static void register(ActionRegistry registry) {
        registry.register(RuleKind.HTTP_REQUEST, "normalize-uri", NormalizeActions::normalize);
    }

    private static Action normalize(List<String> words, RuleCompiler compiler) throws ConfigException {
        String names = Arrays.stream(UriNormalizer.values()).map(UriNormalizer::keyword)
                .collect(Collectors.joining("', '", "'", "'"));
        if (words.size() < 2) {
            throw new ConfigException("'normalize-uri' expects a normalizer name (one of " + names + ").");
        }
        UriNormalizer normalizer = UriNormalizer.fromKeyword(words.get(1)).orElseThrow(() -> new ConfigException(
                "'normalize-uri' : unknown normalizer '" + words.get(1) + "' (expects one of " + names + ")."));
        boolean option = false;
        if (words.size() == 3 && normalizer.option() != null && words.get(2).equals(normalizer.option())) {
            option = true;
        } else if (words.size() != 2) {
            throw new ConfigException("'normalize-uri " + normalizer.keyword() + "' : unexpected argument '"
                    + words.get(2) + "'" + (normalizer.option() == null ? "." : " (only '" + normalizer.option()
                    + "' may follow)."));
        }
        boolean withOption = option;
        return context -> {
            RequestHead request = context.request().orElseThrow();
            try {
                request.target(normalizer.apply(request.target(), withOption));
                return Verdict.CONTINUE;
            } catch (UriNormalizer.InvalidUriException e) {
                return new Verdict.Respond(400, Optional.empty(), null, 0, false, false);
            }
        };
    }
}
