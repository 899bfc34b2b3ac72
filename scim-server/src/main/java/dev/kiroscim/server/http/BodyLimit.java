package dev.kiroscim.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Rejects request bodies over {@value #MAX_BYTES} bytes with 413, whether the client declared the length or
 * streamed the body chunked: the entity stream is cut off at the limit, so an oversized body is never buffered.
 *
 * <p>A body that never arrives whole is the client's failure, not ours: when the client closes the connection before
 * the end of the body (fewer bytes than its {@code Content-Length}), reading it is a 400; when it stops sending for
 * Grizzly's read timeout (30 s), a 408. Both used to escape as an {@link IOException}, logged as a server error and
 * counted as a 500 (decisions: "upgrade offers"). The worker thread is free as soon as the read fails.
 */
@PreMatching
@Priority(3)
public final class BodyLimit implements ContainerRequestFilter {

    public static final int MAX_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BYTES) {
            throw new WebApplicationException(413);
        }
        request.setEntityStream(new Limited(request.getEntityStream()));
    }

    private static final class Limited extends FilterInputStream {
        private long remaining = MAX_BYTES;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = readOrFail(() -> super.read());
            if (b >= 0 && --remaining < 0) {
                throw new WebApplicationException(413);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = readOrFail(() -> super.read(buf, off, len));
            if (n > 0 && (remaining -= n) < 0) {
                throw new WebApplicationException(413);
            }
            return n;
        }
    }

    private interface Read {
        int next() throws IOException;
    }

    private static int readOrFail(Read read) {
        try {
            return read.next();
        } catch (IOException e) {
            throw incomplete(e);
        }
    }

    /** The client error that a failed body read stands for: 408 if the client went quiet, else 400. */
    static WebApplicationException incomplete(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return new WebApplicationException("the request body stopped arriving before it was complete", e, 408);
            }
        }
        return new WebApplicationException(
                "the request body ended before it was complete (the client closed the connection)", e, 400);
    }
}
