package dev.shuttle.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * What fetches know about the whole process rather than one stream (configuration.txt §7.3.2:
 * {@code pid}, {@code uptime}, {@code hostname}, {@code nbthread}, {@code stopping}, {@code env},
 * {@code date}) and the proxies that named arguments refer to ({@code nbsrv(other_backend)}).
 *
 * <p>The process creates its own at startup and hands it to the sessions, which give it to every
 * {@link SampleContext} they create; a test builds its own. Immutable but for the stopping flag,
 * which the process raises once on a soft stop.
 */
public final class ProcessInfo {
    /** Finds the runtime proxies by name, once the configuration is loaded. */
    public interface Proxies {
        Proxies NONE = new Proxies() {
            @Override
            public Optional<BackendView> backend(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<FrontendView> frontend(String name) {
                return Optional.empty();
            }
        };

        Optional<? extends BackendView> backend(String name);

        Optional<? extends FrontendView> frontend(String name);
    }

    private final long pid;
    private final long startMillis;
    private final int threadCount;
    private final String hostname;
    private final Proxies proxies;
    private final Function<String, String> environment;
    private final Clock clock;
    private volatile boolean stopping;
    private volatile java.util.function.IntSupplier activeConnections = () -> 0;

    /**
     * @param environment looks up an environment variable ({@code env(name)}), null when unset; the
     *                    process passes its environment after the {@code global} section's
     *                    {@code setenv}/{@code presetenv}/{@code unsetenv}
     */
    public ProcessInfo(long pid, long startMillis, int threadCount, String hostname, Proxies proxies,
                       Function<String, String> environment, Clock clock) {
        this.pid = pid;
        this.startMillis = startMillis;
        this.threadCount = threadCount;
        this.hostname = hostname;
        this.proxies = proxies;
        this.environment = environment;
        this.clock = clock;
    }

    /** This JVM: its pid, started now, the system environment and clock, the host's name. */
    public static ProcessInfo forThisProcess(Proxies proxies, int threadCount) {
        Clock clock = Clock.systemUTC();
        return new ProcessInfo(ProcessHandle.current().pid(), clock.millis(), threadCount, localHostname(), proxies,
                System::getenv, clock);
    }

    /** {@code act_conn}, {@code %ac}: the connections of the whole process right now. */
    public int activeConnections() {
        return activeConnections.getAsInt();
    }

    /** Where {@link #activeConnections()} reads from: the running process sets it once its listeners exist. */
    public void activeConnections(java.util.function.IntSupplier source) {
        activeConnections = source;
    }

    public long pid() {
        return pid;
    }

    /** Whole seconds since the process started ({@code uptime}). */
    public long uptimeSeconds() {
        return (clock.millis() - startMillis) / 1000;
    }

    public int threadCount() {
        return threadCount;
    }

    public String hostname() {
        return hostname;
    }

    public Proxies proxies() {
        return proxies;
    }

    public Optional<String> environmentVariable(String name) {
        return Optional.ofNullable(environment.apply(name));
    }

    public Clock clock() {
        return clock;
    }

    /** Whether a soft stop has begun ({@code stopping}). */
    public boolean isStopping() {
        return stopping;
    }

    public void beginStopping() {
        stopping = true;
    }

    /** gethostname(), as HAProxy reads it: the kernel's name for the host, without a DNS lookup when possible. */
    private static String localHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException notLinux) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException unknown) {
                return "localhost";
            }
        }
    }
}
