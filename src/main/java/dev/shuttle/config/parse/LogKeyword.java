package dev.shuttle.config.parse;

import dev.shuttle.config.LogTarget;
import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.net.Address;
import dev.shuttle.net.AddressException;
import dev.shuttle.net.AddressParser;
import java.util.List;
import java.util.Optional;

/** {@code log} in the global section and in proxies, and {@code log global} (configuration.txt, "log"). */
final class LogKeyword {
    private LogKeyword() {}

    static void register(KeywordRegistry registry) {
        registry.global("log", (line, global) -> global.logs.add(parse(line)));
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

    private static LogTarget parse(KeywordContext line) throws ConfigException {
        List<String> words = line.words();
        if (words.size() < 3) {
            throw new ConfigException("'log' expects either <address[:port]> followed by <facility>, or 'global'.");
        }
        String target = words.get(1);
        SyslogFormat format = SyslogFormat.LOCAL;
        String profile = null;
        int i = 2;
        while (i < words.size() && (words.get(i).equals("len") || words.get(i).equals("format")
                || words.get(i).equals("sample") || words.get(i).equals("profile"))) {
            String option = words.get(i);
            String value = line.arg(i + 1);
            if (value.isEmpty()) {
                throw new ConfigException("'log' : '" + option + "' expects an argument.");
            }
            if (option.equals("sample")) {
                throw new ConfigException("'log' : 'sample " + value + "' is not supported by Shuttle yet.");
            }
            if (option.equals("profile")) {
                profile = value; // a log-profile section, found once every section is read
            }
            if (option.equals("format")) {
                format = SyslogFormat.fromKeyword(value).orElseThrow(() -> new ConfigException(
                        "log : unknown log format '" + value + "'"));
            }
            i += 2;
        }
        String facilityWord = line.arg(i);
        SyslogFacility facility = SyslogFacility.fromKeyword(facilityWord).orElseThrow(() ->
                new ConfigException("unknown log facility '" + facilityWord + "'"));
        SyslogLevel max = level(line, i + 1, SyslogLevel.DEBUG);
        SyslogLevel min = level(line, i + 2, SyslogLevel.EMERG);
        if (words.size() > i + 3) {
            throw new ConfigException("'log' : too many arguments after the levels ('" + line.arg(i + 3) + "').");
        }
        return new LogTarget(line.where(), target, address(target), facility, max, min, format, profile, Optional.empty());
    }

    private static SyslogLevel level(KeywordContext line, int index, SyslogLevel absent) throws ConfigException {
        if (line.arg(index).isEmpty()) {
            return absent;
        }
        return SyslogLevel.fromKeyword(line.arg(index)).orElseThrow(() ->
                new ConfigException("unknown optional log level '" + line.arg(index) + "'"));
    }

    private static Optional<Address> address(String target) throws ConfigException {
        if (target.equals("stdout") || target.equals("stderr")) {
            return Optional.empty();
        }
        if (target.startsWith("ring@")) {
            throw new ConfigException("'log' : ring buffers are not supported by Shuttle yet.");
        }
        String withPort = target;
        boolean isPath = target.startsWith("/") || target.startsWith("unix@");
        if (!isPath && !target.contains("@") && !target.matches(".*:\\d+$") && !target.startsWith("[")) {
            withPort = target + ":514";
        }
        try {
            return Optional.of(AddressParser.parseServer(withPort.startsWith("udp@") ? withPort.substring(4) : withPort));
        } catch (AddressException e) {
            throw new ConfigException("'log' : " + e.getMessage());
        }
    }
}
