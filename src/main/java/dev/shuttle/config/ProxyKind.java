package dev.shuttle.config;

import java.util.Locale;

/**
 * The four proxy sections, and what each may do.
 *
 * <p>HAProxy calls the ability to accept connections the "frontend capability" and the ability to
 * hold servers the "backend capability"; a {@code listen} section has both, a {@code defaults}
 * section has both so that it may preset any setting.
 */
public enum ProxyKind {
    DEFAULTS(true, true), FRONTEND(true, false), BACKEND(false, true), LISTEN(true, true);

    private final boolean frontendCapability;
    private final boolean backendCapability;

    ProxyKind(boolean frontendCapability, boolean backendCapability) {
        this.frontendCapability = frontendCapability;
        this.backendCapability = backendCapability;
    }

    public boolean hasFrontendCapability() {
        return frontendCapability;
    }

    public boolean hasBackendCapability() {
        return backendCapability;
    }

    /** The section keyword, as in {@code frontend 'fe'} in messages. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
