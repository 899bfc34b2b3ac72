package dev.kiroscim.server.scim.quirks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IdpQuirksTest {

    static Stream<IdpQuirk> quirks() {
        return IdpQuirks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quirks")
    void everyQuirkNamesItsIdpDescriptionAndSource(IdpQuirk quirk) {
        assertThat(quirk.name()).isEqualTo(quirk.getClass().getSimpleName());
        assertThat(quirk.idp()).isNotBlank();
        assertThat(quirk.description()).isNotBlank();
        assertThat(quirk.source()).contains("docs/idp-quirks.md");
    }

    @Test
    void everyQuirkClassInThePackageIsRegistered() throws Exception {
        URL here = IdpQuirk.class.getResource("IdpQuirk.class");
        Path dir = Path.of(here.toURI()).getParent();
        Set<String> classes;
        try (Stream<Path> files = Files.list(dir)) {
            classes = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(n -> {
                        try {
                            Class<?> c = Class.forName(IdpQuirk.class.getPackageName() + "." + n);
                            return IdpQuirk.class.isAssignableFrom(c)
                                    && !c.isInterface()
                                    && !Modifier.isAbstract(c.getModifiers());
                        } catch (ClassNotFoundException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .collect(Collectors.toSet());
        }
        assertThat(IdpQuirks.all()).extracting(IdpQuirk::name).containsExactlyInAnyOrderElementsOf(classes);
    }
}
