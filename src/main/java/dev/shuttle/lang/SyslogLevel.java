package dev.shuttle.lang;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The eight syslog severities, in RFC 5424 §6.2.1 order so that {@link #ordinal()} is the severity code. */
public enum SyslogLevel {
    EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG;

    public static Optional<SyslogLevel> fromKeyword(String word) {
        return Arrays.stream(values()).filter(l -> l.name().toLowerCase(Locale.ROOT).equals(word)).findFirst();
    }
}
