package dev.kiroscim.core.directory;

/** A write would create a second resource with a value that must be unique (userName, group displayName). */
public class UniquenessViolation extends RuntimeException {

    private final String attribute;
    private final String value;

    public UniquenessViolation(String attribute, String value) {
        super(attribute + " '" + value + "' is already taken");
        this.attribute = attribute;
        this.value = value;
    }

    public String attribute() {
        return attribute;
    }

    public String value() {
        return value;
    }
}
