package dev.shuttle.server;

/**
 * What a server's traffic showed, for {@code observe} (HAProxy's analyze statuses, check.c): each
 * event counts as an error, as a success (which ends a run of errors), or not at all, depending on
 * the observed layer. HTTP statuses 501 and 505 are the client's doing and count as correct.
 */
public enum HealthEvent {
    L4_OK("L4 successful connection", Effect.SUCCESS, Effect.IGNORED),
    L4_ERR("L4 unsuccessful connection", Effect.ERROR, Effect.ERROR),
    HTTP_OK("Correct http response", Effect.IGNORED, Effect.SUCCESS),
    HTTP_STS("Wrong http response", Effect.IGNORED, Effect.ERROR),
    HTTP_HDRRSP("Invalid http response (headers)", Effect.IGNORED, Effect.ERROR),
    HTTP_RSP("Invalid http response", Effect.IGNORED, Effect.ERROR),
    HTTP_READ_ERROR("Read error (http)", Effect.IGNORED, Effect.ERROR),
    HTTP_READ_TIMEOUT("Read timeout (http)", Effect.IGNORED, Effect.ERROR),
    HTTP_BROKEN_PIPE("Close from server (http)", Effect.IGNORED, Effect.ERROR);

    /** How an event counts under one observed layer. */
    public enum Effect { IGNORED, ERROR, SUCCESS }

    private final String description;
    private final Effect layer4;
    private final Effect layer7;

    HealthEvent(String description, Effect layer4, Effect layer7) {
        this.description = description;
        this.layer4 = layer4;
        this.layer7 = layer7;
    }

    /** HAProxy's words for it, which the "Detected N consecutive errors" reason ends with. */
    public String description() {
        return description;
    }

    /** How it counts when the server observes layer 4 ({@code layer7} false) or layer 7. */
    public Effect effect(boolean layer7Observed) {
        return layer7Observed ? layer7 : layer4;
    }

    /** The event of a final response status: an error for 5xx except 501 and 505 (http_ana.c). */
    public static HealthEvent ofStatus(int status) {
        return status >= 100 && (status < 500 || status == 501 || status == 505) ? HTTP_OK : HTTP_STS;
    }
}
