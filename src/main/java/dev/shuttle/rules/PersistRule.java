package dev.shuttle.rules;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.lang.SourceLocation;

/**
 * One {@code force-persist} or {@code ignore-persist} line of a backend (configuration.txt §4.2):
 * right after the backend is chosen, the first line whose condition holds either lets persistence
 * reach a server that is down ({@code force}) or makes the request ignore persistence.
 */
public record PersistRule(SourceLocation where, boolean force, AclCondition condition) {}
