package dev.kiroscim.core.directory;

import dev.kiroscim.core.auth.TokenStore;

/** One transaction's view of the stores. Obtained from {@link Transactions}; not valid after it ends. */
public interface Directory {

    UserStore users();

    GroupStore groups();

    TokenStore tokens();
}
