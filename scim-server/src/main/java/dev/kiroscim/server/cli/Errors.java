package dev.kiroscim.server.cli;

/** Turns a start-up failure into one line a human can act on, e.g. a locked H2 file or an unreachable database. */
final class Errors {

    private Errors() {
    }

    static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Database may be already in use") || m.contains("file is locked")) {
                return "the data directory is in use by a running server; stop it first, or use the admin API (/admin/v1/tokens)";
            }
            if (t instanceof java.net.BindException) {
                return "cannot listen: " + m + " (is the port taken?)";
            }
            if (m.contains("Connection refused") || m.contains("Connection to") && m.contains("refused")) {
                return "cannot reach the database: " + m;
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage()
                + (root != e ? " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : "");
    }
}
