package dev.kiroscim.persistence;

import java.util.Locale;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Base of the store contracts: a subclass annotated
 * {@code @ParameterizedClass(name = "on {0}") @EnumSource(TestDatabase.Kind.class)} runs all its tests once on H2 and
 * once on PostgreSQL (skipped when absent, failing under {@code CI=true}), each time against {@link #db}, a new empty
 * database migrated by Flyway. The subclass's own {@code @BeforeParameterizedClassInvocation} methods run after
 * {@link #openDatabase}, so they can fill it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnBothDatabases {

    @Parameter
    TestDatabase.Kind kind;

    TestDatabase database;
    Database db;

    @BeforeParameterizedClassInvocation
    void openDatabase() {
        database = TestDatabase.create(kind, getClass().getSimpleName().toLowerCase(Locale.ROOT));
        db = Database.open(database.config());
    }

    @AfterParameterizedClassInvocation
    void closeDatabase() {
        if (db != null) {
            db.close();
            db = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
