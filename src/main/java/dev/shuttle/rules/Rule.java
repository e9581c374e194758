package dev.shuttle.rules;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.lang.SourceLocation;

/** One rule line: an action and the condition under which it applies. */
public record Rule(SourceLocation where, String keyword, Action action, AclCondition condition) {}
