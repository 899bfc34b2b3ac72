package dev.kiroscim.core.sync.engine;

/**
 * This worker's claim on an outbox item expired and another worker took it (this one was frozen or too slow): the
 * worker abandons the item without recording or sending anything more; the new claim holder converges the user.
 */
public final class StaleClaim extends RuntimeException {

    public StaleClaim(String message) {
        super(message);
    }

    /** Whether {@code e} or one of its causes is a lost claim (transaction wrappers may wrap it). */
    static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StaleClaim) {
                return true;
            }
        }
        return false;
    }
}
