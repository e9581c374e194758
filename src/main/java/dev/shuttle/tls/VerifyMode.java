package dev.shuttle.tls;

/** {@code verify none|optional|required}: whether the peer's certificate is asked for, and must be valid. */
public enum VerifyMode {
    /** Not asked for (listener), or not checked (server). */
    NONE,
    /** Asked for; a client may send none, but one it sends must be valid (listener only). */
    OPTIONAL,
    /** Required and checked. */
    REQUIRED
}
