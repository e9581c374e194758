package dev.shuttle.rules;

import dev.shuttle.http.HeaderList;
import dev.shuttle.sample.SampleContext;

/** Which message an action edits: the request for {@code http-request}, the response otherwise. */
enum Messages {
    REQUEST, RESPONSE;

    static Messages of(RuleKind kind) {
        return kind == RuleKind.HTTP_REQUEST ? REQUEST : RESPONSE;
    }

    HeaderList headers(SampleContext context) {
        return this == REQUEST ? context.request().orElseThrow().headers() : context.response().orElseThrow().headers();
    }
}
