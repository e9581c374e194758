package dev.shuttle.h1;

import dev.shuttle.http.RequestHead;
import dev.shuttle.http.RequestTarget;
import java.util.EnumSet;

/** A parsed HTTP/1 request head: the neutral head, how its body is framed, what it signals, its target split. */
public record H1Request(RequestHead head, BodyFraming framing, EnumSet<H1Flag> flags, RequestTarget target) {}
