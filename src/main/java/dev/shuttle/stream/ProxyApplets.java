package dev.shuttle.stream;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.http.RequestHead;
import dev.shuttle.rules.StatsPageRule;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.SampleContext;

/**
 * The services a proxy answers by itself on the request's own virtual thread, as HAProxy's applets
 * do: the statistics page ({@code stats uri}) and the services of {@code http-request use-service}.
 * The stream decides that a request is for one; the service, built above the stream layer by the
 * process (package {@code statspage}), writes the answer.
 */
public interface ProxyApplets {
    /**
     * The answer of {@code proxy}'s statistics page to {@code request}; the request body, if the
     * request has one, is in {@code context.requestBody()}.
     */
    Verdict.Respond statsPage(ProxyConfig proxy, StatsPageRule page, RequestHead request, SampleContext context);

    /**
     * The answer of the service {@code name} ({@code http-request use-service <name>}: the only one
     * the configuration accepts is {@code prometheus-exporter}).
     */
    Verdict.Respond service(String name, ProxyConfig proxy, RequestHead request, SampleContext context);

    /** No services: a process without them answers 503, as a proxy without a server would. */
    ProxyApplets NONE = new ProxyApplets() {
        @Override
        public Verdict.Respond statsPage(ProxyConfig proxy, StatsPageRule page, RequestHead request,
                                         SampleContext context) {
            return new Verdict.Respond(503, java.util.Optional.empty(), null, 0, false);
        }

        @Override
        public Verdict.Respond service(String name, ProxyConfig proxy, RequestHead request, SampleContext context) {
            return new Verdict.Respond(503, java.util.Optional.empty(), null, 0, false);
        }
    };
}
