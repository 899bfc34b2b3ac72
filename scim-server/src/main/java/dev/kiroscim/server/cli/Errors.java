package dev.kiroscim.server.cli;

/** Turns a start-up failure into one line a human can act on, e.g. a locked H2 file or an unreachable database. */
final class Errors {

    private Errors() {}

    /**
     * @param command the failing command as typed after the jar, e.g. {@code seats} or {@code report seats}: a
     *                locked data dir is answered with where the running server answers the same question
     */
    static String explain(Throwable e, String command) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Database may be already in use") || m.contains("file is locked")) {
                return "the data directory is in use by a running server; stop it first" + onlineAlternative(command);
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

    /** Where the running server answers what {@code command} reads from the database ("" when it does not). */
    private static String onlineAlternative(String command) {
        switch (command == null ? "" : command) {
            case "seats":
                return ", or use 'seats --url http://HOST:PORT' (GET /admin/v1/seats)";
            case "explain":
                return ", or use the admin API (GET /admin/v1/users/{user}/explain)";
            case "audit":
                return ", or use the admin API (GET /admin/v1/audit)";
            case "backup":
                return ", or back up the running server: 'backup --url http://HOST:PORT' (POST /admin/v1/backup)";
            case "report holders":
            case "report offboarding":
            case "report seats":
                return ", or use the admin API (GET /admin/v1/reports/" + command.substring("report ".length()) + ")";
            case "token create":
            case "token list":
            case "token rotate":
            case "token revoke":
                return ", or use the admin API (/admin/v1/tokens)";
            default:
                return "";
        }
    }
}
