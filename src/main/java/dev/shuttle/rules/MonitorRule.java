package dev.shuttle.rules;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.http.RequestHead;
import dev.shuttle.sample.SampleContext;
import java.util.List;

/**
 * {@code monitor-uri <uri>} and its {@code monitor fail if|unless <condition>} lines
 * (configuration.txt §4.2): a request for that URI is answered by the proxy itself, before any
 * {@code http-request} rule and without a log line, with 200 when no fail condition holds and
 * 503 otherwise.
 *
 * @param uri the URI; when it starts with '/', it is compared with the request's path, else with
 *            the whole request-target
 */
public record MonitorRule(String uri, List<AclCondition> failConditions) {
    public MonitorRule {
        failConditions = List.copyOf(failConditions);
    }

    public boolean matches(RequestHead request) {
        String target = request.target();
        if (!uri.startsWith("/")) {
            return target.equals(uri);
        }
        return path(target).equals(uri);
    }

    /** Whether a {@code monitor fail} condition holds: the answer is then 503. */
    public boolean failing(SampleContext context) {
        return failConditions.stream().anyMatch(condition -> condition.matches(context));
    }

    private static String path(String target) {
        int start = 0;
        int scheme = target.indexOf("://");
        if (!target.startsWith("/") && scheme > 0) {
            int slash = target.indexOf('/', scheme + 3);
            start = slash >= 0 ? slash : target.length();
        }
        int end = target.indexOf('?', start);
        return target.substring(start, end >= 0 ? end : target.length());
    }
}
