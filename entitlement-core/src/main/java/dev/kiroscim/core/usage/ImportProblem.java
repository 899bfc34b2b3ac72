package dev.kiroscim.core.usage;

/** A row (or file) that could not be imported: {@code file:line: message}. The rest of the file still imports. */
public record ImportProblem(String file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
