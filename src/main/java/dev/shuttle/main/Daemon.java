package dev.shuttle.main;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Daemon mode ({@code -D} or {@code daemon}). A JVM cannot fork, so the process starts a copy of
 * itself in a new session ({@code setsid}) and waits until the copy says it is serving; whatever the
 * copy printed until then (alerts, for instance) is relayed, and the copy's failure is this
 * process's failure. The copy then detaches from the terminal's output.
 */
final class Daemon {
    private static final String CHILD_MARKER = "SHUTTLE_DAEMON_CHILD";
    private static final String READY_LINE = "shuttle: daemon ready";

    private Daemon() {}

    static boolean isDetachedChild() {
        return "1".equals(System.getenv(CHILD_MARKER));
    }

    /** Starts the detached copy and returns the status this process should exit with. */
    static int detach(PrintStream err) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(childCommand());
        builder.environment().put(CHILD_MARKER, "1");
        builder.redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process child = builder.start();
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    if (line.equals(READY_LINE)) {
                        return 0;
                    }
                    err.println(line);
                }
            }
            return child.waitFor();
        } catch (IOException e) {
            err.printf("%-10s (%d) : [shuttle.main()] Cannot fork: %s%n", "[ALERT]", ProcessHandle.current().pid(),
                    e.getMessage());
            return 1;
        }
    }

    /** Tells the waiting parent that the copy serves, then stops writing to the parent's pipe. */
    static void reportReady() {
        System.out.println(READY_LINE);
        System.out.flush();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(discard);
        System.setErr(discard);
    }

    /** {@code setsid java <the same JVM options> -cp <class path> dev.shuttle.main.Main <the same arguments>}. */
    private static List<String> childCommand() {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(ProcessHandle.current().info().arguments().map(Daemon::programArguments)
                .orElse(new String[0])));
        return command;
    }

    /** The program's own arguments: those after the main class name in the JVM's full argument list. */
    private static String[] programArguments(String[] jvmArguments) {
        for (int i = 0; i < jvmArguments.length; i++) {
            if (jvmArguments[i].equals(Main.class.getName())) {
                return Arrays.copyOfRange(jvmArguments, i + 1, jvmArguments.length);
            }
        }
        return new String[0];
    }
}
