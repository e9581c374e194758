package dev.shuttle.main;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * HAProxy's signals (management.txt §4): SIGUSR1 soft stop (the process then exits 0), SIGTERM and
 * SIGINT hard stop (the process then ends by that signal), SIGHUP a notice (HAProxy dumps server
 * states there; reloads come later). The JDK offers no public API
 * for catching signals; {@code sun.misc.Signal} is the supported exception in {@code jdk.unsupported}.
 */
final class Signals {
    /** The signals that ask for a hard stop. */
    private static final List<String> HARD_STOP_SIGNALS = List.of("TERM", "INT");

    private Signals() {}

    /** Routes the signals; {@code hardStop} is told which one asked for it ({@code TERM} or {@code INT}). */
    static void install(Runnable softStop, Consumer<String> hardStop, Runnable hangUp) {
        Signal.handle(new Signal("USR1"), signal -> softStop.run());
        Signal.handle(new Signal("TERM"), signal -> hardStop.accept("TERM"));
        Signal.handle(new Signal("INT"), signal -> hardStop.accept("INT"));
        Signal.handle(new Signal("HUP"), signal -> hangUp.run());
    }

    /**
     * Ends the process the way a signal's default action does, once the stop it asked for is done:
     * HAProxy's hard stop leaves the process terminated by SIGTERM or SIGINT (a shell sees 143 or
     * 130, VTest expects the signal), not exited with 0. The signal goes back to the system's default
     * action and is sent again by {@code kill(1)} (the JDK raises only signals it handles itself);
     * should the process outlive that, it exits with the status a shell would have shown.
     */
    static void terminateBy(Supplier<String> lastStopSignal) {
        // Both stop signals get their default action back, not only the one that asked: a SIGTERM
        // that comes from here on (a supervisor escalating) ends the process by itself, as the
        // supervisor expects. Which signal to send is read after that: a SIGTERM whose handler ran
        // meanwhile is the one the process ends by.
        for (String stopSignal : HARD_STOP_SIGNALS) {
            Signal.handle(new Signal(stopSignal), SignalHandler.SIG_DFL);
        }
        String name = lastStopSignal.get();
        Signal signal = new Signal(name);
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start().waitFor();
            Thread.sleep(1000); // the default action ends the process meanwhile
        } catch (IOException | InterruptedException e) {
            // no kill(1): the status below says the same to a shell
        }
        Runtime.getRuntime().halt(128 + signal.getNumber());
    }
}
