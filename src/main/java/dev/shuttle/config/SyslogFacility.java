package dev.shuttle.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The 24 syslog facilities, in RFC 5424 §6.2.1 order so that {@link #ordinal()} is the facility code. */
public enum SyslogFacility {
    KERN, USER, MAIL, DAEMON, AUTH, SYSLOG, LPR, NEWS, UUCP, CRON, AUTH2, FTP, NTP, AUDIT, ALERT, CRON2,
    LOCAL0, LOCAL1, LOCAL2, LOCAL3, LOCAL4, LOCAL5, LOCAL6, LOCAL7;

    public static Optional<SyslogFacility> fromKeyword(String word) {
        return Arrays.stream(values()).filter(f -> f.name().toLowerCase(Locale.ROOT).equals(word)).findFirst();
    }
}
