package dev.shuttle.rules;

import dev.shuttle.sample.Captures;
import java.util.ArrayList;
import java.util.List;

/**
 * The capture slots of a proxy while its section is parsed: the keywords and the
 * {@code capture} actions add slots here, and actions with {@code id <n>} note the slot they need,
 * for the configuration to check once the section is complete (a later {@code declare capture}
 * may provide it).
 */
public final class CaptureDeclarations {
    private final List<Captures.Slot> request = new ArrayList<>();
    private final List<Captures.Slot> response = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();

    /** A slot an {@code http-request|http-response capture ... id <n>} rule uses. */
    public record Reference(boolean requestSide, int id, String ruleKeyword) {}

    /** Adds a slot; returns its id. */
    public int declare(boolean requestSide, String header, int length) {
        List<Captures.Slot> slots = requestSide ? request : response;
        slots.add(new Captures.Slot(header, length));
        return slots.size() - 1;
    }

    public void reference(boolean requestSide, int id, String ruleKeyword) {
        references.add(new Reference(requestSide, id, ruleKeyword));
    }

    /** The references to slots that were never declared. */
    public List<Reference> missing() {
        return references.stream().filter(r -> r.id() >= (r.requestSide() ? request : response).size()).toList();
    }

    public Captures freeze() {
        return request.isEmpty() && response.isEmpty() ? Captures.NONE : new Captures(request, response);
    }
}
