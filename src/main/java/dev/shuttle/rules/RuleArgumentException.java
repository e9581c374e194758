package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;

/**
 * A rule's action has an argument HAProxy refuses while parsing the rule (a status code out of
 * range, a redirect code it does not send): the configuration parser reports it in HAProxy's words,
 * {@code error detected in <proxy> '<name>' while parsing '<rule> <action>' rule : <message>.}
 */
public final class RuleArgumentException extends ConfigException {
    public RuleArgumentException(String message) {
        super(message);
    }
}
