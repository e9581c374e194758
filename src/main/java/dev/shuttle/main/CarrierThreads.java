package dev.shuttle.main;

/**
 * Sizes the virtual-thread scheduler from {@code nbthread}: the carrier threads play the part of
 * HAProxy's threads. The JDK reads these properties when the first virtual thread is created, so
 * this runs after the configuration is loaded and before anything is started.
 */
final class CarrierThreads {
    private CarrierThreads() {}

    /** Applies {@code nbthread} (0: one carrier per core, the JDK's default) and returns the count in effect. */
    static int configure(int nbthread) {
        int threads = nbthread > 0 ? nbthread : Runtime.getRuntime().availableProcessors();
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            System.setProperty("jdk.virtualThreadScheduler.parallelism", Integer.toString(threads));
        }
        return Integer.parseInt(System.getProperty("jdk.virtualThreadScheduler.parallelism"));
    }
}
