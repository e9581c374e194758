package dev.shuttle.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** An output whose every completed write or flush counts as {@link Activity}: a body going up to a server. */
public final class ActiveOutputStream extends FilterOutputStream {
    private final Activity activity;

    public ActiveOutputStream(OutputStream out, Activity activity) {
        super(out);
        this.activity = activity;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        activity.touch();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        activity.touch();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        activity.touch();
    }
}
