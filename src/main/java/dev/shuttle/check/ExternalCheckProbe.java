package dev.shuttle.check;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.BindConfig;
import dev.shuttle.config.CheckGlobals;
import dev.shuttle.config.ExternalCheckCommand;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.net.Address;
import dev.shuttle.server.Server;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code option external-check} (configuration.txt §4, "external-check command"): runs the
 * backend's command for the server and judges its exit status, as HAProxy 3.5 does (extcheck.c).
 * The arguments are {@code <proxy_address> <proxy_port> <server_address> <server_port>}; the
 * environment holds HAProxy's {@code HAPROXY_*} variables and {@code PATH} ({@code external-check
 * path}), alone unless {@code external-check preserve-env} keeps the process's own. Exit 0 is
 * {@code PROCOK}; another status, or a command that cannot run, {@code PROCERR} with that status as
 * code; a command still running when the check's time is up (min({@code timeout connect}, {@code
 * inter}) with {@code timeout check}, else {@code inter}) is sent SIGTERM and the check is {@code
 * PROCTOUT}, with the previous code, as 3.5 reports it.
 *
 * <p>Runs on the check's own virtual thread, which waits for the process; the JDK reaps it.
 */
public final class ExternalCheckProbe implements Probe {
    /** HAProxy's placeholder for an argument that has no value. */
    static final String NOT_USED = "NOT_USED";
    /** The status of a child that could not execute the command (HAProxy's child calls exit(-1)). */
    static final int EXEC_FAILED = 255;

    private final Backend backend;
    private final Server server;
    private final ExternalCheckCommand command;
    private final CheckGlobals.ExternalChecks environment;
    // Confined to the check's thread: 3.5 reports a timeout with the code of the check before it.
    private int lastCode;

    public ExternalCheckProbe(Backend backend, Server server, ExternalCheckCommand command,
                              CheckGlobals.ExternalChecks environment) {
        this.backend = backend;
        this.server = server;
        this.command = command;
        this.environment = environment;
    }

    @Override
    public CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) throws InterruptedException {
        List<String> arguments = arguments();
        ProcessBuilder builder = new ProcessBuilder(arguments)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (environment != CheckGlobals.ExternalChecks.PRESERVE_ENVIRONMENT) {
            builder.environment().clear();
        }
        builder.environment().putAll(variables(arguments));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            lastCode = EXEC_FAILED;
            return CheckOutcome.of(CheckStatus.PROCERR, lastCode, "");
        }
        try {
            if (!process.waitFor(timeouts.connectMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy(); // SIGTERM, as HAProxy's kill()
                return CheckOutcome.of(CheckStatus.PROCTOUT, lastCode, "");
            }
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
        lastCode = process.exitValue();
        return CheckOutcome.of(lastCode == 0 ? CheckStatus.PROCOK : CheckStatus.PROCERR, lastCode, "");
    }

    /** The command line: the program, then the proxy's and the server's address and port. */
    List<String> arguments() {
        List<String> arguments = new ArrayList<>(5);
        arguments.add(program());
        String[] listener = firstListener();
        arguments.add(listener[0]);
        arguments.add(listener[1]);
        if (server.address() instanceof Address.Inet inet) {
            arguments.add(inet.host());
            arguments.add(Integer.toString(inet.portOffset() ? 0 : inet.portLow()));
        } else if (server.address() instanceof Address.UnixPath unix) {
            arguments.add(unix.path().toString());
            arguments.add(NOT_USED);
        } else {
            arguments.add(server.address().toString());
            arguments.add("");
        }
        return arguments;
    }

    /**
     * HAProxy's variables for the command (configuration.txt, "external-check command"), made from
     * {@code arguments}: an argument that is {@value #NOT_USED} leaves its variable empty.
     */
    Map<String, String> variables(List<String> arguments) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("PATH", command.path());
        variables.put("HAPROXY_PROXY_NAME", backend.name());
        variables.put("HAPROXY_PROXY_ID", Integer.toString(backend.config().id()));
        variables.put("HAPROXY_PROXY_ADDR", valueOf(arguments.get(1)));
        variables.put("HAPROXY_PROXY_PORT", valueOf(arguments.get(2)));
        variables.put("HAPROXY_SERVER_NAME", server.name());
        variables.put("HAPROXY_SERVER_ID", Integer.toString(server.config().id()));
        variables.put("HAPROXY_SERVER_ADDR", valueOf(arguments.get(3)));
        variables.put("HAPROXY_SERVER_PORT", valueOf(arguments.get(4)));
        variables.put("HAPROXY_SERVER_MAXCONN", Integer.toString(server.config().maxconn()));
        variables.put("HAPROXY_SERVER_CURCONN", Integer.toString(server.currentConnections()));
        // Set once at start in 3.5 (prepare_external_check()): set server ... ssl does not change it.
        variables.put("HAPROXY_SERVER_SSL", server.config().tls().enabled() ? "1" : "0");
        variables.put("HAPROXY_SERVER_PROTO", backend.config().mode() == ProxyMode.HTTP ? "h1" : "tcp");
        return variables;
    }

    private static String valueOf(String argument) {
        return argument.equals(NOT_USED) ? "" : argument;
    }

    /**
     * The program to start: as written when it has a '/', else the first executable of that name in
     * {@code external-check path}, as execvp() finds it with the command's own {@code PATH} (the
     * JDK would search Shuttle's). Not found: the name as written, which then fails to start.
     */
    private String program() {
        String name = command.command();
        if (name.contains("/")) {
            return name;
        }
        for (String directory : command.path().split(":", -1)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return name;
    }

    /**
     * The address and port of the proxy's first IPv4, IPv6 or UNIX listener ({@code listen}
     * sections), or {@value #NOT_USED} twice (a backend has none).
     */
    private String[] firstListener() {
        for (BindConfig bind : backend.config().binds()) {
            for (Address address : bind.addresses()) {
                if (address instanceof Address.Inet inet) {
                    return new String[] {inet.host().isEmpty() ? "0.0.0.0" : inet.host(), Integer.toString(inet.portLow())};
                }
                if (address instanceof Address.UnixPath unix) {
                    return new String[] {unix.path().toString(), NOT_USED};
                }
            }
        }
        return new String[] {NOT_USED, NOT_USED};
    }
}
