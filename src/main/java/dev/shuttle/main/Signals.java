package dev.shuttle.main;

import sun.misc.Signal;

/**
 * HAProxy's signals (management.txt §4): SIGUSR1 soft stop, SIGTERM and SIGINT hard stop, SIGHUP
 * a notice (HAProxy dumps server states there; reloads come later). The JDK offers no public API
 * for catching signals; {@code sun.misc.Signal} is the supported exception in {@code jdk.unsupported}.
 */
final class Signals {
    private Signals() {}

    static void install(Runnable softStop, Runnable hardStop, Runnable hangUp) {
        Signal.handle(new Signal("USR1"), signal -> softStop.run());
        Signal.handle(new Signal("TERM"), signal -> hardStop.run());
        Signal.handle(new Signal("INT"), signal -> hardStop.run());
        Signal.handle(new Signal("HUP"), signal -> hangUp.run());
    }
}
