package dev.shuttle.config.parse;

import dev.shuttle.http.BuiltinErrors;
import dev.shuttle.http.ErrorFileException;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.lang.CNumbers;
import dev.shuttle.lang.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the files named by {@code errorfile} (in proxies, {@code http-errors} sections and
 * {@code http-error}) and the payload files of {@code http-error file}, with haproxy 2.6's checks
 * and messages.
 *
 * <p>A relative name is taken from the current directory, as HAProxy does (it reads the files
 * before any chroot, from where it was started). A file larger than {@code tune.bufsize} (the one
 * set by then) is cut to that size with a warning, then parsed like any other, which usually fails.
 */
final class ErrorFileLoader {
    private ErrorFileLoader() {}

    /** Fails with "{@code <keyword> : status code '<n>' not handled.}" unless HAProxy generates that status. */
    static int handledStatus(String keyword, String text) throws ConfigException {
        int status = CNumbers.atoi(text);
        if (!BuiltinErrors.isHandled(status)) {
            throw new ConfigException(keyword + " : status code '" + status + "' not handled.");
        }
        return status;
    }

    /**
     * Loads the errorfile {@code file} filed under {@code status}.
     *
     * @param keyword the keyword named in messages ({@code errorfile}, {@code http-error})
     */
    static ErrorResponse errorFile(String keyword, int status, String file, LoadState state) throws ConfigException {
        byte[] text = read(file, state).orElseThrow(() -> new ConfigException(
                keyword + " : error opening file '" + file + "'."));
        if (text.length == 0) {
            return ErrorResponse.empty(status);
        }
        try {
            return ErrorResponse.parse(text, state.global().bufferSize);
        } catch (ErrorFileException e) {
            throw new ConfigException(keyword + " : '" + file + "': " + e.getMessage());
        }
    }

    /**
     * Reads a raw payload file ({@code http-error file}), which must fit {@code tune.bufsize}. HAProxy's
     * message for a missing one has no final period here.
     */
    static byte[] payloadFile(String keyword, String file, LoadState state) throws ConfigException {
        ConfigException unreadable = new ConfigException(keyword + " : error opening file '" + file + "'");
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw unreadable;
        }
        try {
            long size = Files.size(path);
            int limit = state.global().bufferSize;
            if (size > limit) {
                throw new ConfigException(keyword + " : file '" + file + "' exceeds the buffer size (" + size + " > "
                        + limit + ")");
            }
            return Files.readAllBytes(path);
        } catch (IOException | RuntimeException e) {
            throw unreadable;
        }
    }

    private static Optional<byte[]> read(String file, LoadState state) {
        int limit = state.global().bufferSize;
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] text = in.readNBytes(limit + 1);
            if (text.length > limit) {
                state.diagnostics().emit(Diagnostics.Level.WARNING, "config : custom error message file '" + file
                        + "' larger than " + limit + " bytes. Truncating.");
                return Optional.of(Arrays.copyOf(text, limit));
            }
            return Optional.of(text);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
