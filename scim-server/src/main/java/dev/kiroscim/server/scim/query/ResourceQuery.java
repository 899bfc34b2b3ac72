package dev.kiroscim.server.scim.query;

import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Field;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.SortKey;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.filter.AttributePath;
import dev.kiroscim.server.scim.filter.FilterParseException;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.render.Projection;
import dev.kiroscim.server.scim.schema.ResolvedPath;

/**
 * A list request turned into what the store needs: criteria, sort and page, plus the projection for rendering.
 *
 * <p>Paging follows RFC 7644 §3.4.2.4: {@code startIndex} is 1-based (values below 1 mean 1), {@code count}
 * defaults to and is capped at the advertised {@code filter.maxResults}, negative counts mean 0. Results are always
 * ordered (by {@code sortBy}, then id; by id alone otherwise) so that consecutive pages neither skip nor repeat.
 */
public record ResourceQuery(Criteria criteria, SortKey sort, PageRequest page, long startIndex, Projection projection) {

    public static ResourceQuery of(SearchParameters p, FieldCatalog catalog, FilterParser parser, int maxResults) {
        Criteria criteria = new Criteria.All();
        if (p.filter() != null && !p.filter().isBlank()) {
            try {
                criteria = new CriteriaResolver(catalog).resolve(parser.parseFilter(p.filter()));
            } catch (FilterParseException e) {
                throw ScimException.badRequest(ScimType.INVALID_FILTER, e.getMessage());
            }
        }
        long startIndex = p.startIndex() == null || p.startIndex() < 1 ? 1 : p.startIndex();
        long count = p.count() == null ? maxResults : Math.max(0, Math.min(maxResults, p.count()));
        return new ResourceQuery(
                criteria,
                sort(p, catalog, parser),
                new PageRequest(startIndex - 1, (int) count),
                startIndex,
                Projection.parse(catalog.type(), p.attributes(), p.excludedAttributes()));
    }

    private static SortKey sort(SearchParameters p, FieldCatalog catalog, FilterParser parser) {
        boolean descending = p.sortOrder() != null && p.sortOrder().trim().equalsIgnoreCase("descending");
        if (p.sortOrder() != null && !descending && !p.sortOrder().trim().equalsIgnoreCase("ascending")) {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, "sortOrder must be ascending or descending");
        }
        if (p.sortBy() == null || p.sortBy().isBlank()) {
            return null;
        }
        AttributePath path;
        try {
            path = parser.parsePatchPath(p.sortBy()).attribute();
        } catch (FilterParseException e) {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, "sortBy: " + e.getMessage());
        }
        ResolvedPath resolved = path == null
                ? null
                : catalog.type()
                        .resolve(path.schemaUrn(), path.attribute(), path.subAttribute())
                        .orElse(null);
        if (resolved == null) {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, "sortBy names an unknown attribute: " + p.sortBy());
        }
        if (resolved.subAttribute() == null
                && resolved.attribute().isComplex()
                && resolved.attribute().multiValued()) {
            resolved = new ResolvedPath(
                    resolved.schema(),
                    resolved.attribute(),
                    resolved.attribute().sub("value").orElse(null));
        }
        Field field = catalog.field(resolved)
                .filter(f -> f instanceof Field.Column || f instanceof Field.Indexed)
                .orElseThrow(() -> ScimException.badRequest(ScimType.INVALID_VALUE, "cannot sort by " + p.sortBy()));
        return new SortKey(field, descending);
    }
}
