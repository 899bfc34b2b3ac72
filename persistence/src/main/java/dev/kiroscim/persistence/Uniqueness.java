package dev.kiroscim.persistence;

import dev.kiroscim.core.directory.UniquenessViolation;
import java.util.Locale;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Flushes a pending write and turns a unique-index violation into {@link UniquenessViolation}. The database
 * index is the arbiter (not a prior SELECT), so two replicas racing on the same userName cannot both win.
 */
final class Uniqueness {

    private Uniqueness() {}

    static void flush(Session session, String attribute, String value) {
        try {
            session.flush();
        } catch (ConstraintViolationException e) {
            String constraint =
                    e.getConstraintName() == null ? "" : e.getConstraintName().toLowerCase(Locale.ROOT);
            if (constraint.contains("ux_") || e.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                throw new UniquenessViolation(attribute, value);
            }
            throw e;
        }
    }
}
