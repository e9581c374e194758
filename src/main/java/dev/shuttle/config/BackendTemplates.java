package dev.shuttle.config;

import dev.shuttle.lang.ConfigException;
import java.util.Optional;

/**
 * The named {@code defaults} sections, kept to build backends at run time ({@code add backend
 * <name> from <defaults>}, management.txt §9.3): a backend made from one inherits every setting
 * of it, as a {@code backend <name> from <defaults>} section would.
 */
public interface BackendTemplates {
    /** No named defaults section: nothing can be built. */
    BackendTemplates NONE = new BackendTemplates() {
        @Override
        public Optional<Boolean> setsMode(String defaults) {
            return Optional.empty();
        }

        @Override
        public ProxyConfig backend(String defaults, String name, Optional<ProxyMode> mode, String guid, int id)
                throws ConfigException {
            throw new ConfigException("no defaults section '" + defaults + "'");
        }
    };

    /** Empty when there is no named defaults section {@code defaults}; else whether it sets {@code mode}. */
    Optional<Boolean> setsMode(String defaults);

    /**
     * A backend {@code name} inheriting from {@code defaults}, unpublished, without servers.
     *
     * @param mode its mode, else the defaults section's
     * @param guid its guid, empty for none (checked as a configuration's)
     * @param id   its proxy id
     */
    ProxyConfig backend(String defaults, String name, Optional<ProxyMode> mode, String guid, int id)
            throws ConfigException;

    /** A backend built here was deleted ({@code del backend}): its guid is free again. */
    default void forget(ProxyConfig backend) {}
}
