package dev.kiroscim.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class IdentityCenterUserProfileTest {

    @ParameterizedTest(name = "given={1} family={2} display={3} email={4}")
    @CsvSource(
            nullValues = "null",
            value = {
                // userName, given, family, display, email -> expected given, family, display, email
                "bjensen, Barbara, Jensen, Babs,  b@x.com, Barbara, Jensen, Babs,    b@x.com",
                "bjensen, null,    null,   null,  null,    -,       -,      bjensen, null",
                "bjensen, '',      '  ',   '',    '',      -,       -,      bjensen, null",
                "bjensen, Barbara, null,   Babs,  null,    Barbara, -,      Babs,    null"
            })
    void missing_names_become_the_placeholder(
            String userName,
            String given,
            String family,
            String display,
            String email,
            String expectedGiven,
            String expectedFamily,
            String expectedDisplay,
            String expectedEmail) {
        IdentityCenterUserProfile profile = new IdentityCenterUserProfile(userName, display, given, family, email);

        assertThat(profile)
                .isEqualTo(new IdentityCenterUserProfile(
                        userName, expectedDisplay, expectedGiven, expectedFamily, expectedEmail));
        assertThat(profile.givenName()).isEqualTo(expectedGiven);
        assertThat(profile.familyName()).isEqualTo(expectedFamily);
        assertThat(profile.email()).isEqualTo(expectedEmail);
    }

    @Test
    void a_user_name_is_required() {
        assertThatThrownBy(() -> new IdentityCenterUserProfile(" ", "d", "g", "f", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> diffs() {
        IdentityCenterUserProfile base =
                new IdentityCenterUserProfile("bjensen", "Babs", "Barbara", "Jensen", "b@example.com");
        return Stream.of(
                Arguments.of(base, base, List.of()),
                Arguments.of(
                        base,
                        new IdentityCenterUserProfile("bjensen", "Babs", "Barbara", "Jensen-Smith", null),
                        List.of(
                                new IdentityCenterUserChange(IdentityCenterUserAttribute.FAMILY_NAME, "Jensen-Smith"),
                                new IdentityCenterUserChange(IdentityCenterUserAttribute.EMAIL, null))),
                Arguments.of(
                        base,
                        new IdentityCenterUserProfile("barbara", "Barbara J", "Barb", "Jensen", "bj@example.com"),
                        List.of(
                                new IdentityCenterUserChange(IdentityCenterUserAttribute.USER_NAME, "barbara"),
                                new IdentityCenterUserChange(IdentityCenterUserAttribute.DISPLAY_NAME, "Barbara J"),
                                new IdentityCenterUserChange(IdentityCenterUserAttribute.GIVEN_NAME, "Barb"),
                                new IdentityCenterUserChange(IdentityCenterUserAttribute.EMAIL, "bj@example.com"))));
    }

    @ParameterizedTest
    @MethodSource("diffs")
    void between_lists_only_what_differs(
            IdentityCenterUserProfile current,
            IdentityCenterUserProfile desired,
            List<IdentityCenterUserChange> expected) {
        assertThat(IdentityCenterUserChange.between(current, desired)).isEqualTo(expected);
    }

    @Test
    void only_the_email_can_be_removed() {
        assertThatThrownBy(() -> new IdentityCenterUserChange(IdentityCenterUserAttribute.GIVEN_NAME, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
