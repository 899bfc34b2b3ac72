package dev.kiroscim.server.scim.quirks;

import static dev.kiroscim.server.scim.document.Json.object;
import static dev.kiroscim.server.scim.document.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.patch.PatchEngine;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per quirk: the request as the IdP sends it → the RFC request the reader and the engine receive.
 * {@link #everyRewritingQuirkHasARow()} keeps the tables complete as quirks are added.
 */
class IdpRequestNormalizerTest {

    private static final String ENT = ScimSchemas.ENTERPRISE_USER_URN;
    private final IdpRequestNormalizer normalizer = new IdpRequestNormalizer();

    static String patch(String operations) {
        return "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[" + operations + "]}";
    }

    static Stream<Arguments> patches() {
        return Stream.of(
                Arguments.of(
                        "CaseInsensitivePatchOps",
                        ScimSchemas.USER_TYPE,
                        "{'op':'Replace','path':'title','value':'T'}",
                        "{'op':'replace','path':'title','value':'T'}"),
                Arguments.of(
                        "CaseInsensitivePatchOps",
                        ScimSchemas.USER_TYPE,
                        "{'op':'delete','path':'title'}",
                        "{'op':'delete','path':'title'}"),
                Arguments.of(
                        "StringBooleans",
                        ScimSchemas.USER_TYPE,
                        "{'op':'Replace','path':'active','value':'False'}",
                        "{'op':'replace','path':'active','value':false}"),
                Arguments.of(
                        "StringBooleans",
                        ScimSchemas.USER_TYPE,
                        "{'op':'replace','path':'roles[primary eq \"True\"].value','value':'admin'}",
                        "{'op':'replace','path':'roles[primary eq true].value','value':'admin'}"),
                Arguments.of(
                        "StringBooleans",
                        ScimSchemas.USER_TYPE,
                        "{'op':'replace','path':'title','value':'True'}",
                        "{'op':'replace','path':'title','value':'True'}"),
                Arguments.of(
                        "EmptyStringMeansAbsent",
                        ScimSchemas.USER_TYPE,
                        "{'op':'replace','path':'title','value':''}",
                        "{'op':'replace','path':'title','value':null}"),
                Arguments.of(
                        "ManagerShapes",
                        ScimSchemas.USER_TYPE,
                        "{'op':'Add','path':'" + ENT + ":manager','value':'2c2f'}",
                        "{'op':'add','path':'" + ENT + ":manager','value':{'value':'2c2f'}}"),
                Arguments.of(
                        "ManagerShapes",
                        ScimSchemas.USER_TYPE,
                        "{'op':'replace','path':'" + ENT + ":manager','value':{'value':''}}",
                        "{'op':'replace','path':'" + ENT + ":manager','value':null}"),
                Arguments.of(
                        "SingleObjectForMultiValued",
                        ScimSchemas.USER_TYPE,
                        "{'op':'add','path':'emails','value':{'value':'a@x','type':'work'}}",
                        "{'op':'add','path':'emails','value':[{'value':'a@x','type':'work'}]}"),
                Arguments.of(
                        "MemberDisplayAndRefIgnored",
                        ScimSchemas.GROUP_TYPE,
                        "{'op':'add','path':'members','value':[{'$ref':null,'value':'u1','display':'a@x','type':'User'}]}",
                        "{'op':'add','path':'members','value':[{'value':'u1'}]}"),
                Arguments.of(
                        "EntraMemberRemoveByValueList",
                        ScimSchemas.GROUP_TYPE,
                        "{'op':'Remove','path':'members','value':[{'$ref':null,'value':'u1'},{'value':'u\"2'}]}",
                        "{'op':'remove','path':'members[value eq \"u1\" or value eq \"u\\\\\"2\"]'}"),
                Arguments.of(
                        "EntraMemberRemoveByValueList",
                        ScimSchemas.GROUP_TYPE,
                        "{'op':'remove','path':'members','value':[]}",
                        "{'op':'add','value':{}}"),
                Arguments.of(
                        "EntraMemberRemoveByValueList",
                        ScimSchemas.GROUP_TYPE,
                        "{'op':'remove','path':'members'}",
                        "{'op':'remove','path':'members'}"),
                Arguments.of(
                        "RemoveValueListOnMultiValued",
                        ScimSchemas.USER_TYPE,
                        "{'op':'remove','path':'emails','value':[{'value':'a@x','type':'work','primary':'True'},{'value':'b@x','display':null}]}",
                        "{'op':'remove','path':'emails[((value eq \"a@x\" and type eq \"work\") and primary eq true)]'},"
                                + "{'op':'remove','path':'emails[value eq \"b@x\"]'}"),
                Arguments.of(
                        "ReadOnlyAndUnknownInputIgnored",
                        ScimSchemas.USER_TYPE,
                        "{'op':'add','path':'emails','value':[{'value':'a@x','label':'home'}]}",
                        "{'op':'add','path':'emails','value':[{'value':'a@x'}]}"),
                Arguments.of(
                        "ReadOnlyKeysInPathlessValue",
                        ScimSchemas.GROUP_TYPE,
                        "{'op':'replace','value':{'id':'g1','displayName':'Test SCIMv2'}}",
                        "{'op':'replace','path':'displayName','value':'Test SCIMv2'}"),
                Arguments.of(
                        "ReadOnlyKeysInPathlessValue",
                        ScimSchemas.GROUP_TYPE,
                        "{'op':'replace','value':{'id':'g1','meta':{}}}",
                        "{'op':'add','value':{}}"),
                Arguments.of(
                        "PathlessDottedKeys",
                        ScimSchemas.USER_TYPE,
                        "{'op':'replace','value':{'active':'False','name.givenName':'K','" + ENT
                                + ":employeeNumber':'7','unknown':1}}",
                        "{'op':'replace','path':'active','value':false},{'op':'replace','path':'name.givenName','value':'K'},"
                                + "{'op':'replace','path':'" + ENT + ":employeeNumber','value':'7'}"),
                Arguments.of(
                        "PathlessDottedKeys",
                        ScimSchemas.USER_TYPE,
                        "{'op':'add','value':{'" + ENT + "':{'department':'R&D'}}}",
                        "{'op':'add','path':'" + ENT + ":department','value':'R&D'}"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("patches")
    void patchRequestIsRewrittenIntoRfcForm(String quirk, ResourceTypeDef type, String sent, String normalised) {
        JsonNode body = parse(patch(sent));
        JsonNode before = body.deepCopy();
        assertThat(normalizer.patch(type, body)).isEqualTo(parse(patch(normalised)));
        assertThat(body).as("the request as sent is not modified").isEqualTo(before);
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of(
                        "StringBooleans",
                        ScimSchemas.USER_TYPE,
                        "{'userName':'a','active':'True','emails':[{'value':'a@x','primary':'false'}]}",
                        "{'userName':'a','active':true,'emails':[{'value':'a@x','primary':false}]}"),
                Arguments.of(
                        "EmptyStringMeansAbsent",
                        ScimSchemas.USER_TYPE,
                        "{'userName':'a','title':'','name':{'givenName':''}}",
                        "{'userName':'a','title':null,'name':{'givenName':null}}"),
                Arguments.of(
                        "ManagerShapes",
                        ScimSchemas.USER_TYPE,
                        "{'userName':'a','" + ENT + "':{'manager':[{'value':'m1','displayName':'M'}]}}",
                        "{'userName':'a','" + ENT + "':{'manager':{'value':'m1'}}}"),
                Arguments.of(
                        "SingleObjectForMultiValued",
                        ScimSchemas.GROUP_TYPE,
                        "{'displayName':'g','members':{'value':'u1'}}",
                        "{'displayName':'g','members':[{'value':'u1'}]}"),
                Arguments.of(
                        "MemberDisplayAndRefIgnored",
                        ScimSchemas.GROUP_TYPE,
                        "{'displayName':'g','members':[{'value':'u1','display':null,'$ref':null}]}",
                        "{'displayName':'g','members':[{'value':'u1'}]}"),
                Arguments.of(
                        "ReadOnlyAndUnknownInputIgnored",
                        ScimSchemas.USER_TYPE,
                        "{'schemas':['x'],'id':'1','meta':{},'groups':[],'userName':'a','favouriteColour':'red','" + ENT
                                + "':{'costCenter':'c','x':1}}",
                        "{'userName':'a','" + ENT + "':{'costCenter':'c'}}"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("bodies")
    void resourceBodyIsRewrittenIntoRfcForm(String quirk, ResourceTypeDef type, String sent, String normalised) {
        assertThat(normalizer.resource(type, parse(sent))).isEqualTo(parse(normalised));
    }

    @Test
    void everyRewritingQuirkHasARow() {
        Set<String> covered =
                Stream.concat(patches(), bodies()).map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        Set<String> rewriting = IdpQuirks.all().stream()
                .map(IdpQuirk::name)
                .filter(name -> !name.equals(IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT.name()))
                .collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(rewriting);
    }

    @Test
    void operationsAreCountedAsSentBeforeTheyAreSplit() {
        String ops = Stream.generate(() -> "{'op':'replace','path':'title','value':'t'}")
                .limit(1001)
                .collect(Collectors.joining(","));
        assertThatThrownBy(() -> normalizer.patch(ScimSchemas.USER_TYPE, parse(patch(ops))))
                .isInstanceOfSatisfying(
                        ScimException.class, e -> assertThat(e.getMessage()).contains("Operations has 1001 entries"));
        String ids = Stream.iterate(0, i -> i + 1)
                .limit(2000)
                .map(i -> "{'value':'u" + i + "'}")
                .collect(Collectors.joining(","));
        JsonNode split = normalizer.patch(
                ScimSchemas.GROUP_TYPE, parse(patch("{'op':'Remove','path':'members','value':[" + ids + "]}")));
        assertThat(split.get("Operations")).as("100 comparisons per filter").hasSize(20);
        assertThat(split.get("Operations").get(19).get("path").textValue())
                .startsWith("members[value eq \"u1900\" or")
                .endsWith("value eq \"u1999\"]");
    }

    @Test
    void malformedListedValuesAreRejectedNotTreatedAsRemoveAll() {
        assertThatThrownBy(() -> normalizer.patch(
                        ScimSchemas.GROUP_TYPE, parse(patch("{'op':'remove','path':'members','value':['u1']}"))))
                .isInstanceOfSatisfying(
                        ScimException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE));
        assertThatThrownBy(() -> normalizer.patch(
                        ScimSchemas.USER_TYPE, parse(patch("{'op':'remove','path':'emails','value':'a@x'}"))))
                .isInstanceOfSatisfying(
                        ScimException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE));
    }

    /** The one quirk that is not a rewrite: with it the engine creates the element, without it RFC 7644 says noTarget. */
    @Test
    void valueFilterCreatesMissingElementOnlyWhenPluggedIntoTheEngine() {
        ObjectNode user = object("{'userName':'a','emails':[{'type':'home','value':'h@x'}]}");
        JsonNode body = normalizer.patch(
                ScimSchemas.USER_TYPE,
                parse(patch("{'op':'Replace','path':'emails[type eq \"work\"].value','value':'w@x'}")));
        assertThat(new PatchEngine(IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT)
                        .apply(ScimSchemas.USER_TYPE, user, body)
                        .document())
                .isEqualTo(parse(
                        "{'userName':'a','emails':[{'type':'home','value':'h@x'},{'type':'work','value':'w@x'}]}"));
        assertThatThrownBy(() -> new PatchEngine().apply(ScimSchemas.USER_TYPE, user, body))
                .isInstanceOfSatisfying(
                        ScimException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.NO_TARGET));
        AttributeDef emails = ScimSchemas.USER.attribute("emails").orElseThrow();
        assertThat(IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT.newElement(filter("value co \"x\""), emails))
                .isEmpty();
        assertThat(IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT.newElement(
                        filter("type eq \"work\" and label eq \"x\" and primary eq true"), emails))
                .contains(object("{'type':'work','primary':true}"));
    }

    private static dev.kiroscim.server.scim.filter.Filter filter(String text) {
        try {
            return new FilterParser(ScimSchemas.KNOWN_URNS).parseFilter(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
