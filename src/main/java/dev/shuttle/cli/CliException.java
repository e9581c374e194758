package dev.shuttle.cli;

/** A runtime API command that cannot be carried out; its message is the answer the client reads. */
public final class CliException extends Exception {
    public CliException(String message) {
        super(message);
    }
}
