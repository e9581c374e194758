package dev.shuttle.config.parse;

import dev.shuttle.config.LogStep;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The keywords that shape a frontend's log lines (configuration.txt §4.2 and §8): {@code
 * log-format}, {@code log-format-sd}, {@code error-log-format}, {@code unique-id-format},
 * {@code unique-id-header}, {@code log-tag}, and the options {@code httplog [clf]}, {@code
 * httpslog}, {@code tcplog [clf]}, which set the line's format to one of HAProxy's (the last
 * line of these wins), and {@code dontlog-normal}, {@code log-separate-errors}, {@code logasap}.
 * The formats are kept as text here and compiled for each proxy that uses them ({@link
 * LogSettingsResolver}).
 */
final class LogFormatKeywords {
    /** configuration.txt §8.2.3. */
    static final String HTTP_LOG_FORMAT = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc "
            + "%ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";
    /** configuration.txt §8.2.4. */
    static final String HTTPS_LOG_FORMAT = HTTP_LOG_FORMAT + " %[fc_err]/%[ssl_fc_err,hex]/%[ssl_c_err]/"
            + "%[ssl_c_ca_err]/%[ssl_fc_is_resumed] %[ssl_fc_sni]/%sslv/%sslc";
    /** configuration.txt §8.2.3, "option httplog clf". */
    static final String HTTP_CLF_LOG_FORMAT = "%{+Q}o %{-Q}ci - - [%trg] %r %ST %B \"\" \"\" %cp %ms %ft %b %s "
            + "%TR %Tw %Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl";
    /** configuration.txt §8.2.2. */
    static final String TCP_LOG_FORMAT = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq";
    /** configuration.txt §8.2.2, "option tcplog clf". */
    static final String TCP_CLF_LOG_FORMAT = "%{+Q}o %{-Q}ci - - [%T] \"TCP \" 000 %B \"\" \"\" %cp %ms %ft %b %s "
            + "%Th %Tw %Tc %Tt %U %ts-- %ac %fc %bc %sc %rc %sq %bq \"\" \"\" ";

    private LogFormatKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("log-format", Need.FRONTEND, true, false, (line, proxy) -> {
            proxy.logging.format = format(line, "log-format");
            proxy.logging.formatOption = null;
        });
        registry.proxy("log-format-sd", Need.FRONTEND, true, false, (line, proxy) ->
                proxy.logging.structuredData = format(line, "log-format-sd"));
        registry.proxy("error-log-format", Need.FRONTEND, true, false, (line, proxy) ->
                proxy.logging.errorFormat = format(line, "error-log-format"));
        registry.proxy("unique-id-format", Need.ANY, true, false, (line, proxy) ->
                proxy.logging.uniqueIdFormat = format(line, "unique-id-format"));
        registry.proxy("unique-id-header", Need.FRONTEND, true, false, (line, proxy) -> {
            line.expectArgs(1, "expects <header name> as argument.");
            proxy.logging.uniqueIdHeader = line.arg(1);
        });
        registry.proxy("log-steps", Need.FRONTEND, true, false, LogFormatKeywords::logSteps);
        registry.proxy("log-tag", Need.ANY, true, false, (line, proxy) -> {
            line.expectArgs(1, "expects a tag for use in syslog.");
            proxy.logging.tag = line.arg(1);
        });
        registry.option("httplog", Need.FRONTEND, (line, proxy) -> {
            clfArgument(line, "httplog");
            boolean clf = line.arg(1).equals("clf");
            optionFormat(line, proxy, "httplog", clf ? HTTP_CLF_LOG_FORMAT : HTTP_LOG_FORMAT);
            proxy.http.httpLog = !line.negated();
            proxy.options.put("httpslog", false);
        });
        registry.option("httpslog", Need.FRONTEND, (line, proxy) -> {
            if (line.argCount() > 0) {
                throw new ConfigException("'option httpslog' does not expect any argument.");
            }
            optionFormat(line, proxy, "httpslog", HTTPS_LOG_FORMAT);
            proxy.http.httpLog = !line.negated();
            proxy.options.put("httpslog", !line.negated());
        });
        registry.option("tcplog", Need.FRONTEND, (line, proxy) -> {
            clfArgument(line, "tcplog");
            optionFormat(line, proxy, "tcplog", line.arg(1).equals("clf") ? TCP_CLF_LOG_FORMAT : TCP_LOG_FORMAT);
            proxy.options.put("tcplog", !line.negated());
        });
        for (String flag : new String[] {"dontlog-normal", "log-separate-errors", "logasap"}) {
            registry.option(flag, Need.FRONTEND, (line, proxy) -> {
                line.expectArgs(0, "takes no argument.");
                proxy.options.put(flag, !line.negated());
            });
        }
    }

    /** {@code log-steps all|<step>[,<step>...]} (configuration.txt, "log-steps"). */
    /**
     * The one argument {@code option httplog} and {@code option tcplog} take, {@code clf}
     * (configuration.txt §4.2), refused in 3.5's words otherwise.
     */
    private static void clfArgument(KeywordContext line, String option) throws ConfigException {
        if (line.argCount() > 0 && !line.arg(1).equals("clf")) {
            throw new ConfigException("keyword '" + option + "' only supports option 'clf'.");
        }
        if (line.argCount() > 1) {
            throw new ConfigException("'option " + option + "' cannot handle unexpected argument '" + line.arg(2) + "'.");
        }
    }

    private static void logSteps(KeywordContext line, ProxySection proxy) throws ConfigException {
        line.expectArgs(1, "expects a comma-separated list of log steps, or 'all'.");
        Set<LogStep> steps = EnumSet.noneOf(LogStep.class);
        if (line.arg(1).equals("all")) {
            steps.addAll(EnumSet.range(LogStep.ACCEPT, LogStep.CLOSE));
        } else {
            for (String word : line.arg(1).split(",", -1)) {
                LogStep step = LogStep.fromKeyword(word).filter(s -> s != LogStep.ERROR).orElseThrow(() ->
                        new ConfigException("'log-steps' : unknown log step '" + word + "' (expected 'all', 'accept', "
                                + "'request', 'connect', 'response', 'close', or a do-log step such as 'http-req')."));
                steps.add(step);
            }
        }
        proxy.logging.steps = steps;
    }

    private static LogSection.Text format(KeywordContext line, String keyword) throws ConfigException {
        if (line.argCount() < 1) {
            throw new ConfigException("'" + keyword + "' expects a format string as its only argument.");
        }
        if (line.argCount() > 1) {
            throw new ConfigException("'" + keyword + "' expects only one argument, don't forget to escape spaces!");
        }
        return new LogSection.Text(line.arg(1), line.where());
    }

    /** An option that sets the line's format; its negation removes the format only if that option set it. */
    private static void optionFormat(KeywordContext line, ProxySection proxy, String option, String format) {
        if (line.negated()) {
            if (option.equals(proxy.logging.formatOption)) {
                proxy.logging.format = null;
                proxy.logging.formatOption = null;
            }
            return;
        }
        proxy.logging.format = new LogSection.Text(format, line.where());
        proxy.logging.formatOption = option;
    }
}
