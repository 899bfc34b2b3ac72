package dev.kiroscim.server.scim.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.directory.IndexedValue;
import dev.kiroscim.core.directory.InstantText;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.AttributeType;
import dev.kiroscim.server.scim.schema.SchemaDef;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Extracts the searchable values of a stored user document for the attribute index, so that any filter on an
 * attribute without its own column still runs in SQL. Each element of a multi-valued complex attribute gets a
 * marker row (path = attribute, value null) plus one row per sub-attribute, all with the element's index, which
 * is how {@code emails[type eq "work" and value co "x"]} knows both conditions hold for the same email.
 */
public final class AttributeIndexer {

    private final FieldCatalog catalog;

    public AttributeIndexer(FieldCatalog catalog) {
        this.catalog = catalog;
    }

    public List<IndexedValue> index(ObjectNode document) {
        List<IndexedValue> out = new ArrayList<>();
        for (SchemaDef schema : catalog.type().allSchemas()) {
            JsonNode container = schema == catalog.type().core() ? document : document.get(schema.urn());
            if (container == null || !container.isObject()) {
                continue;
            }
            for (AttributeDef attr : schema.attributes()) {
                JsonNode value = container.get(attr.name());
                if (value != null && !catalog.isColumn(IndexPaths.of(attr, null))) {
                    add(out, attr, value);
                }
            }
        }
        return out;
    }

    private void add(List<IndexedValue> out, AttributeDef attr, JsonNode value) {
        if (!attr.isComplex()) {
            if (attr.multiValued() && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    scalar(out, IndexPaths.of(attr, null), i, attr, value.get(i));
                }
            } else {
                scalar(out, IndexPaths.of(attr, null), 0, attr, value);
            }
            return;
        }
        if (attr.multiValued() && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                out.add(new IndexedValue(IndexPaths.of(attr, null), i, null));
                subAttributes(out, attr, i, value.get(i));
            }
        } else if (value.isObject()) {
            subAttributes(out, attr, 0, value);
        }
    }

    private void subAttributes(List<IndexedValue> out, AttributeDef attr, int element, JsonNode object) {
        for (AttributeDef sub : attr.subAttributes()) {
            JsonNode v = object.get(sub.name());
            if (v != null) {
                scalar(out, IndexPaths.of(attr, sub), element, sub, v);
            }
        }
    }

    private static void scalar(List<IndexedValue> out, String path, int element, AttributeDef def, JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode() || !FieldCatalog.isIndexable(def)) {
            return;
        }
        String text = v.asText();
        if (def.type() == AttributeType.DATE_TIME) {
            text = InstantText.format(parseInstant(text));
        }
        out.add(new IndexedValue(path, element, text));
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            return Instant.parse(text);
        }
    }
}
