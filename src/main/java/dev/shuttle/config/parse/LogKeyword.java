package dev.shuttle.config.parse;

import dev.shuttle.config.LogDestination;
import dev.shuttle.config.LogSampling;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.net.Hostname;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code log} in the global section and in proxies, and {@code log global} (configuration.txt, "log"):
 * {@code log <target> [len <length>] [format <format>] [sample <ranges>:<size>] [profile <name>] <facility>
 * [max [min]]}.
 * The options are read in that order only, as HAProxy 3.5 does ({@code format raw len 80} makes
 * it read {@code len} as the facility); the messages are 3.5's, checked with {@code haproxy -c}.
 */
final class LogKeyword {
    private static final int MIN_LENGTH = 80;
    private static final int MAX_LENGTH = 65535;

    private LogKeyword() {}

    static void register(KeywordRegistry registry) {
        registry.global("log", (line, global) -> {
            if (line.negated()) {
                // configuration.txt §3.1, "log": "no log" forgets the global log lines given so far.
                if (line.argCount() > 0) {
                    throw new ConfigException("log : 'no log' does not expect arguments");
                }
                global.logs.clear();
                return;
            }
            global.logs.add(parse(line));
        });
        // configuration.txt §3.1 "log-send-hostname": the system's host name unless one is given.
        registry.global("log-send-hostname", (line, global) -> global.logSendHostname =
                line.arg(1).isEmpty() ? Hostname.get() : line.arg(1));
        registry.global("log-tag", (line, global) -> {
            line.expectArgs(1, "expects a tag for use in syslog.");
            global.logTag = line.arg(1);
        });
        registry.proxy("log", Need.ANY, true, false, (line, proxy) -> {
            if (line.negated()) {
                // "no log": the proxy logs nowhere, whatever it inherited.
                line.expectArgs(0, "'no log' does not expect any argument.");
                proxy.logs.clear();
                proxy.logGlobal = false;
                return;
            }
            if (line.arg(1).equals("global")) {
                line.expectArgs(1, "global takes no other argument.");
                proxy.logGlobal = true;
            } else {
                proxy.logs.add(parse(line));
            }
        });
    }

    static LogTarget parse(KeywordContext line) throws ConfigException {
        List<String> words = line.words();
        if (words.size() < 3) {
            throw new ConfigException("log : expects <address> and <facility>  as arguments");
        }
        String target = words.get(1);
        LogDestination destination = LogTargetAddress.parse(target);
        int i = 2;
        int maxLength = LogTarget.DEFAULT_MAX_LENGTH;
        if (line.arg(i).equals("len")) {
            maxLength = length(line.arg(i + 1));
            i += 2;
        }
        SyslogFormat format = SyslogFormat.LOCAL;
        boolean formatGiven = false;
        if (line.arg(i).equals("format")) {
            String value = line.arg(i + 1);
            format = SyslogFormat.fromKeyword(value).orElseThrow(() -> new ConfigException(
                    "log : unknown log format '" + value + "'"));
            formatGiven = true;
            i += 2;
        }
        Optional<LogSampling> sampling = Optional.empty();
        if (line.arg(i).equals("sample")) {
            sampling = Optional.of(sampling(line.arg(i + 1)));
            i += 2;
        }
        String profile = null;
        if (line.arg(i).equals("profile")) {
            profile = line.arg(i + 1); // a log-profile section, found once every section is read
            if (profile.isEmpty()) {
                throw new ConfigException("log : 'profile' expects a log-profile name.");
            }
            i += 2;
        }
        String facilityWord = line.arg(i);
        SyslogFacility facility = SyslogFacility.fromKeyword(facilityWord).orElseThrow(() ->
                new ConfigException("log : unknown log facility '" + facilityWord + "'"));
        SyslogLevel max = level(line, i + 1, SyslogLevel.DEBUG);
        SyslogLevel min = level(line, i + 2, SyslogLevel.EMERG);
        if (words.size() > i + 3) {
            throw new ConfigException("log : cannot handle unexpected argument '" + line.arg(i + 3) + "'");
        }
        return new LogTarget(line.where(), target, destination, facility, max, min, format, formatGiven, maxLength,
                sampling, profile, Optional.empty());
    }

    /** {@code len}: 80 to 65535 bytes (configuration.txt, "log", {@code <length>}). */
    private static int length(String value) throws ConfigException {
        int length = value.matches("\\d{1,6}") ? Integer.parseInt(value) : -1;
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new ConfigException("log : invalid log length '" + value + "', must be between "
                    + MIN_LENGTH + " and " + MAX_LENGTH);
        }
        return length;
    }

    /**
     * {@code <ranges>:<size>}: comma-separated {@code N} or {@code N-M}, numbered from 1, and a
     * period no smaller than the highest limit (configuration.txt, "log", {@code <ranges>}).
     */
    static LogSampling sampling(String value) throws ConfigException {
        int colon = value.lastIndexOf(':');
        String rangeList = colon < 0 ? value : value.substring(0, colon);
        List<LogSampling.Range> ranges = new ArrayList<>();
        int highest = 0;
        for (String range : rangeList.split(",", -1)) {
            int dash = range.indexOf('-');
            int low = positive(dash < 0 ? range : range.substring(0, dash));
            int high = dash < 0 ? low : positive(range.substring(dash + 1));
            if (low <= 0 || high <= 0 || high < low) {
                throw new ConfigException("log : wrong sample range '" + range + "'");
            }
            ranges.add(new LogSampling.Range(low, high));
            highest = Math.max(highest, high);
        }
        String sizeText = colon < 0 ? "" : value.substring(colon + 1);
        int size = positive(sizeText);
        if (size <= 0) {
            throw new ConfigException("log : wrong sample size '" + sizeText + "' for sample range '" + rangeList + "'");
        }
        if (size < highest) {
            throw new ConfigException("log : sample size " + size + " should be greater or equal to " + highest
                    + " the maximum of the high ranges limits");
        }
        return new LogSampling(ranges, size);
    }

    /** The number written, or -1 when it is not a positive decimal number that fits an int. */
    private static int positive(String digits) {
        return digits.matches("\\d{1,9}") ? Integer.parseInt(digits) : -1;
    }

    private static SyslogLevel level(KeywordContext line, int index, SyslogLevel absent) throws ConfigException {
        if (line.arg(index).isEmpty()) {
            return absent;
        }
        return SyslogLevel.fromKeyword(line.arg(index)).orElseThrow(() ->
                new ConfigException("log : unknown optional log level '" + line.arg(index) + "'"));
    }
}
