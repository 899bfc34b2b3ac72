package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseInsensitivePathsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "/scim/v2/users, /scim/v2/Users",
        "/SCIM/V2/GROUPS, /scim/v2/Groups",
        "/scim/v2/serviceproviderconfig, /scim/v2/ServiceProviderConfig",
        "/scim/v2/schemas, /scim/v2/Schemas",
        "/scim/v2/RESOURCETYPES/user, /scim/v2/ResourceTypes/user",
        "/scim/v2/users/.SEARCH, /scim/v2/Users/.search",
        "/scim/v2/groups/.Search, /scim/v2/Groups/.search",
        "/scim/v2/users/AbC-12, /scim/v2/Users/AbC-12",
        "/scim/v2/users/.search/x, /scim/v2/Users/.search/x",
        "/scim/v2/Users, /scim/v2/Users",
        "/admin/v1/tokens, /admin/v1/tokens",
        "/scim/v2/unknown, /scim/v2/unknown",
        "/scim, /scim",
    })
    void canonical(String raw, String expected) {
        assertThat(CaseInsensitivePaths.canonical(raw)).isEqualTo(expected);
    }
}
