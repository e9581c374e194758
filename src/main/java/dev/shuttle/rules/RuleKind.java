package dev.shuttle.rules;

import dev.shuttle.sample.Phase;

/** The rule keywords of a proxy, each with the phase its conditions and expressions run in. */
public enum RuleKind {
    HTTP_REQUEST("http-request", Phase.HTTP_REQUEST),
    HTTP_RESPONSE("http-response", Phase.HTTP_RESPONSE),
    HTTP_AFTER_RESPONSE("http-after-response", Phase.HTTP_AFTER_RESPONSE),
    TCP_REQUEST_CONNECTION("tcp-request connection", Phase.CONNECTION),
    TCP_REQUEST_SESSION("tcp-request session", Phase.SESSION),
    TCP_REQUEST_CONTENT("tcp-request content", Phase.REQUEST_CONTENT),
    TCP_RESPONSE_CONTENT("tcp-response content", Phase.RESPONSE_CONTENT);

    private final String keyword;
    private final Phase phase;

    RuleKind(String keyword, Phase phase) {
        this.keyword = keyword;
        this.phase = phase;
    }

    public String keyword() {
        return keyword;
    }

    public Phase phase() {
        return phase;
    }
}
