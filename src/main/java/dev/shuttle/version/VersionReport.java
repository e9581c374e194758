package dev.shuttle.version;

import java.io.PrintStream;

/** The text of {@code -v} and {@code -vv}. */
public final class VersionReport {
    private VersionReport() {}

    public static void print(PrintStream out, boolean buildDetails) {
        out.println("Shuttle version " + Version.SHUTTLE + " " + Version.DATE + " - compatible with HAProxy version "
                + Version.HAPROXY_COMPATIBILITY);
        out.println("Running on: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", Java " + Runtime.version());
        if (!buildDetails) {
            return;
        }
        out.println();
        out.println("Build options : --release 21, one virtual thread per connection, blocking I/O");
        out.println();
        out.println(Features.featureListLine());
        out.println();
        out.println("Built with JSSE, the TLS of " + System.getProperty("java.vm.vendor", "the JDK") + " Java "
                + Runtime.version().feature() + " (not OpenSSL).");
        out.println("TLS protocols : " + TlsSupport.protocols());
        out.println("Available TLS cipher suites : " + TlsSupport.cipherSuites());
        out.println();
        out.println("Available multiplexer protocols :");
        out.println("        none : mode=TCP  side=FE|BE  mux=PASS  flags=");
    }
}
