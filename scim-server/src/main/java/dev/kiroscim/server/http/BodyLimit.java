package dev.kiroscim.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Rejects request bodies over {@value #MAX_BYTES} bytes with 413, whether the client declared the length or
 * streamed the body chunked: the entity stream is cut off at the limit, so an oversized body is never buffered.
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
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                throw new WebApplicationException(413);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && (remaining -= n) < 0) {
                throw new WebApplicationException(413);
            }
            return n;
        }
    }
}
