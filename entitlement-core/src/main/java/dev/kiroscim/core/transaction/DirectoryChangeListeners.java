package dev.kiroscim.core.transaction;

import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.events.DirectoryChange;
import java.util.List;

/** The listeners of a running server, called in registration order. */
public final class DirectoryChangeListeners implements DirectoryChangeListener {

    private final List<DirectoryChangeListener> listeners;

    public DirectoryChangeListeners(List<DirectoryChangeListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public static DirectoryChangeListeners none() {
        return new DirectoryChangeListeners(List.of());
    }

    @Override
    public void onChanges(Directory tx, ChangeContext context, List<DirectoryChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        for (DirectoryChangeListener listener : listeners) {
            listener.onChanges(tx, context, changes);
        }
    }
}
