package dev.kiroscim.server.config;

/** A configuration problem explained for a human; the CLI prints it and exits non-zero. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
