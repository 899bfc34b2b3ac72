package dev.kiroscim.core.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Reads YAML text into a {@link YamlNode} tree with line numbers, using Jackson's streaming YAML parser.
 * Duplicate keys are reported as problems (the later one wins in the tree) rather than silently merged.
 */
public final class YamlTreeReader {
    private static final YAMLFactory YAML = new YAMLFactory();

    private final List<PolicyProblem> problems;

    public YamlTreeReader(List<PolicyProblem> problems) {
        this.problems = problems;
    }

    /**
     * A config file's root: an empty mapping for a file without content (only comments, say), empty when the text is
     * not valid YAML (a problem is then recorded).
     */
    public Optional<YamlNode> readConfig(String text) {
        return read(text, true);
    }

    /** The document's root, or empty when the text is empty or not valid YAML (a problem is then recorded). */
    public Optional<YamlNode> read(String text) {
        return read(text, false);
    }

    private Optional<YamlNode> read(String text, boolean emptyIsMapping) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null && emptyIsMapping) {
                return Optional.of(new YamlNode.Mapping(1, new LinkedHashMap<>(), new LinkedHashMap<>()));
            }
            if (first == null) {
                problems.add(new PolicyProblem(1, "the policy file is empty; it needs 'tiers:' and 'pools:'"));
                return Optional.empty();
            }
            return Optional.of(readValue(parser));
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(e));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new PolicyProblem(1, "cannot read the policy: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private YamlNode readValue(JsonParser parser) throws IOException {
        int line = lineOf(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>();
                LinkedHashMap<String, Integer> keyLines = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = lineOf(parser.currentTokenLocation());
                    parser.nextToken();
                    YamlNode value = readValue(parser);
                    if (entries.containsKey(key)) {
                        problems.add(new PolicyProblem(
                                keyLine,
                                "key '" + key + "' appears twice in the same block (first on line " + keyLines.get(key)
                                        + ")"));
                    } else {
                        keyLines.put(key, keyLine);
                    }
                    entries.put(key, value);
                }
                return new YamlNode.Mapping(line, entries, keyLines);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser));
                }
                return new YamlNode.Sequence(line, items);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(line, null, false);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(line, parser.getText(), true);
            }
            default -> {
                return new YamlNode.Scalar(line, parser.getText(), false);
            }
        }
    }

    /**
     * SnakeYAML reports where the broken construct started (context) and where parsing failed (problem);
     * the problem mark is the line an admin needs, e.g. line 4 for an unclosed {@code [} opened on line 2.
     *
     * <p>The marks are read from Jackson's own {@link MarkedYAMLException}, which its YAML parser throws: that keeps
     * SnakeYAML an implementation detail of the declared {@code jackson-dataformat-yaml}, whose version follows the
     * Jackson BOM. The class is deprecated in favour of its superclass, which has no marks; every Jackson 2.x has it.
     */
    @SuppressWarnings("deprecation")
    private static PolicyProblem syntaxProblem(JsonProcessingException e) {
        if (e instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            String context = marked.getContext() == null || marked.getContextMark() == null
                    ? ""
                    : " (" + marked.getContext() + " that starts on line "
                            + (marked.getContextMark().getLine() + 1) + ")";
            return new PolicyProblem(
                    marked.getProblemMark().getLine() + 1, "YAML syntax error: " + marked.getProblem() + context);
        }
        String firstLine = e.getOriginalMessage().lines().findFirst().orElse("unreadable YAML");
        return new PolicyProblem(lineOf(e.getLocation()), "YAML syntax error: " + firstLine);
    }

    private static int lineOf(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? 1 : location.getLineNr();
    }
}
