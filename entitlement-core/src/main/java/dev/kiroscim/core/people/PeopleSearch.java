package dev.kiroscim.core.people;

import java.util.List;
import java.util.Optional;

/**
 * Port: find people by the start of their userName, display name, given or family name, or an email address,
 * case-insensitively, in the database on indexed columns (a prefix {@code LIKE} on lower-cased values, which a
 * B-tree answers under H2 and PostgreSQL's {@code C} collation), paged by userName.
 */
public interface PeopleSearch {

    /** A page in userName order; {@code next} is the cursor of the following page (the last lower-cased userName). */
    record Page(List<Person> people, Optional<String> next) {}

    /**
     * @param text  what the admin typed; blank lists everyone
     * @param after the cursor from the previous page, or null
     */
    Page search(String text, String after, int limit);
}
