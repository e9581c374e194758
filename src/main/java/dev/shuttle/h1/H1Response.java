package dev.shuttle.h1;

import dev.shuttle.http.ResponseHead;
import java.util.EnumSet;

/** A parsed HTTP/1 response head: the neutral head, how its body is framed, what it signals. */
public record H1Response(ResponseHead head, BodyFraming framing, EnumSet<H1Flag> flags) {}
