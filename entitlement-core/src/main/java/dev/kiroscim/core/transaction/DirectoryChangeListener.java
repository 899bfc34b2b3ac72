package dev.kiroscim.core.transaction;

import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.events.DirectoryChange;
import java.util.List;

/**
 * Reacts to directory changes inside the transaction that made them (e.g. allocate seats, append audit events,
 * enqueue Identity Center work). Throwing rolls the whole request back.
 */
@FunctionalInterface
public interface DirectoryChangeListener {

    void onChanges(Directory tx, ChangeContext context, List<DirectoryChange> changes);
}
