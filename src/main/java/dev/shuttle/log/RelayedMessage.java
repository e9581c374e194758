package dev.shuttle.log;

import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.lang.SyslogLevel;

/**
 * A message a {@code log-forward} section received, which {@link SyslogSender#relay} lays out
 * anew for each target (configuration.txt §12.6, "log": the incoming format is kept when a target
 * names none; the incoming facility wins over the target's unless the message had none).
 */
public interface RelayedMessage {
    /** Its severity ({@code emerg} when it came without a priority, as 3.5 does). */
    SyslogLevel level();

    /** The format a target without {@code format} keeps: rfc5424 for an RFC 5424 message, else rfc3164. */
    SyslogFormat keptFormat();

    /** The header in {@code format}; {@code fallback} is the facility when the message had no priority. */
    String header(SyslogFormat format, SyslogFacility fallback);

    /** The message text after its header. */
    CharSequence text();
}
