package dev.shuttle.main;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HAProxy's command line, parsed (management.txt §3, "Starting HAProxy").
 *
 * @param configFiles   every {@code -f} argument and every file after {@code --}, in order
 * @param condition     the {@code -cc} expression to evaluate, if given
 * @param foreground    {@code -d} or {@code -db}: stay attached to the terminal
 * @param debug         {@code -d}: print a trace line per connection on stderr
 * @param zeroWarning   {@code -dW}: a warning is as fatal as an alert
 */
public record CommandLine(List<Path> configFiles, boolean check, Optional<String> condition, boolean foreground,
                          boolean debug, boolean daemon, Optional<Path> pidfile, int version, boolean quiet,
                          boolean verbose, Optional<String> localPeer, Optional<Path> directory, int maxconn,
                          boolean zeroWarning, boolean diagnostics, boolean serverVerifyNone) {

    /** A command line that cannot be used: the message, then the usage text. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** The usage text printed for a bad command line, as {@code haproxy} does. */
    public static final String USAGE = """
            Usage : shuttle [-f <cfgfile|cfgdir>]* [ -vdVD ] [ -n <maxconn> ]
                    [ -p <pidfile> ] [ -C <dir> ] [-- <cfgfile>*]
                    -v displays version ; -vv shows known build options.
                    -d enters debug mode ; -db only disables background mode.
                    -V enters verbose mode (disables quiet mode)
                    -D goes daemon ; -C changes to <dir> before loading files.
                    -q quiet mode : don't display messages
                    -c check mode : only check config files and exit
                    -cc check condition : evaluate a condition and exit
                    -n sets the maximum total # of connections
                    -L set local peer name (default to hostname)
                    -p writes the pid of the process to this file
                    -dW fails if any warning is emitted
                    -dD diagnostic mode : warn about suspicious configuration statements
                    -dV disables SSL verify on servers side
                    -W, -Ws, -S, -sf, -st, -x : master-worker mode and reloads (not supported yet)
            """;

    /** Flags of HAProxy's that tune its poller or debugging; they mean nothing for Shuttle and are accepted as is. */
    private static final List<String> IGNORED_TUNING_FLAGS = List.of("-de", "-dp", "-dk", "-dS", "-dG", "-dR",
            "-dr", "-dL", "-dM", "-dF", "-dZ", "-dt", "-dI", "-dc");

    public static CommandLine parse(String[] args) throws UsageException {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                for (i++; i < args.length; i++) {
                    b.configFiles.add(Path.of(args[i]));
                }
                break;
            }
            switch (arg) {
                case "-f" -> b.configFiles.add(Path.of(value(args, ++i, arg)));
                case "-c" -> b.check = true;
                case "-cc" -> b.condition = Optional.of(value(args, ++i, arg));
                case "-d" -> {
                    b.foreground = true;
                    b.debug = true;
                }
                case "-db" -> b.foreground = true;
                case "-D" -> b.daemon = true;
                case "-p" -> b.pidfile = Optional.of(Path.of(value(args, ++i, arg)));
                case "-v" -> b.version = Math.max(b.version, 1);
                case "-vv" -> b.version = 2;
                case "-q" -> b.quiet = true;
                case "-V" -> b.verbose = true;
                case "-L" -> b.localPeer = Optional.of(value(args, ++i, arg));
                case "-C" -> b.directory = Optional.of(Path.of(value(args, ++i, arg)));
                case "-n" -> b.maxconn = number(value(args, ++i, arg), arg);
                case "-N", "-m" -> number(value(args, ++i, arg), arg);
                case "-dW" -> b.zeroWarning = true;
                case "-dD" -> b.diagnostics = true;
                // Management guide §3: the default of servers without "verify" becomes "none", as
                // "ssl-server-verify none" does (a later "ssl-server-verify required" wins, as in HAProxy).
                case "-dV" -> b.serverVerifyNone = true;
                case "-W", "-Ws", "-S", "-sf", "-st", "-x" -> throw new UsageException("'" + arg
                        + "' (master-worker mode and reloads) is not supported by Shuttle yet.");
                default -> {
                    if (!isIgnoredTuningFlag(arg)) {
                        throw new UsageException("unknown option '" + arg + "'.");
                    }
                }
            }
        }
        return b.build();
    }

    private static boolean isIgnoredTuningFlag(String arg) {
        return IGNORED_TUNING_FLAGS.stream().anyMatch(arg::startsWith);
    }

    private static String value(String[] args, int index, String flag) throws UsageException {
        if (index >= args.length) {
            throw new UsageException("option '" + flag + "' expects an argument.");
        }
        return args[index];
    }

    private static int number(String text, String flag) throws UsageException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException("option '" + flag + "' expects a number (got '" + text + "').");
        }
    }

    /** The {@code -f} paths, relative ones taken from the {@code -C} directory when given. */
    public List<Path> resolvedConfigFiles() {
        return configFiles.stream().map(p -> directory.map(d -> d.resolve(p)).orElse(p)).toList();
    }

    private static final class Builder {
        final List<Path> configFiles = new ArrayList<>();
        boolean check;
        Optional<String> condition = Optional.empty();
        boolean foreground;
        boolean debug;
        boolean daemon;
        Optional<Path> pidfile = Optional.empty();
        int version;
        boolean quiet;
        boolean verbose;
        Optional<String> localPeer = Optional.empty();
        Optional<Path> directory = Optional.empty();
        int maxconn;
        boolean zeroWarning;
        boolean diagnostics;
        boolean serverVerifyNone;

        CommandLine build() {
            return new CommandLine(configFiles, check, condition, foreground, debug, daemon, pidfile, version, quiet,
                    verbose, localPeer, directory, maxconn, zeroWarning, diagnostics, serverVerifyNone);
        }
    }
}
