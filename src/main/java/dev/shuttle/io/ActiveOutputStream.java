package dev.shuttle.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output whose every write or flush counts as {@link Activity}: a body going up to a server. A
 * write starts the silence anew (a write the server does not take counts as its silence); once it
 * completed, the writer goes back to its source, and until the next write only that side is awaited.
 */
public final class ActiveOutputStream extends FilterOutputStream {
    private final Activity activity;

    public ActiveOutputStream(OutputStream out, Activity activity) {
        super(out);
        this.activity = activity;
    }

    @Override
    public void write(int b) throws IOException {
        activity.touch();
        out.write(b);
        activity.awaitOtherSide();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        activity.touch();
        out.write(bytes, offset, length);
        activity.awaitOtherSide();
    }

    @Override
    public void flush() throws IOException {
        activity.touch();
        out.flush();
        activity.awaitOtherSide();
    }
}
