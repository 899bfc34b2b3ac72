package dev.kiroscim.core.directory.events;

import dev.kiroscim.core.directory.Directory;
import java.util.List;

/**
 * Reacts to directory changes inside the transaction that made them (e.g. allocate seats, append audit events,
 * enqueue Identity Center work). Throwing rolls the whole request back.
 */
@FunctionalInterface
public interface DirectoryChangeListener {

    void onChanges(Directory tx, ChangeContext context, List<DirectoryChange> changes);
}
