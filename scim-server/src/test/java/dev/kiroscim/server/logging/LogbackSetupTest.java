package dev.kiroscim.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogbackSetupTest {

    @Test
    void levelsAreLoggerEqualsLevelAndRootMeansTheRootLogger() {
        assertThat(LogbackSetup.parseLevels(
                        List.of("org.hibernate.SQL=debug", " dev.kiroscim.access = WARN ", "root=error", "")))
                .containsEntry("org.hibernate.SQL", Level.DEBUG)
                .containsEntry("dev.kiroscim.access", Level.WARN)
                .containsEntry(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.ERROR)
                .hasSize(3);
        assertThat(LogbackSetup.parseLevels(null)).isEmpty();
    }

    @Test
    void aMalformedEntryOrUnknownLevelIsRefusedByName() {
        assertThatThrownBy(() -> LogbackSetup.parseLevels(List.of("org.hibernate")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'org.hibernate' is not logger=level");
        assertThatThrownBy(() -> LogbackSetup.parseLevels(List.of("org.hibernate=loud")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use trace, debug, info, warn, error or off");
    }

    @Test
    void formatsAreParsedWithoutRegardToCase() {
        assertThat(LogFormat.parse("JSON")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.parse(" plain")).isEqualTo(LogFormat.PLAIN);
        assertThatThrownBy(() -> LogFormat.parse("xml")).hasMessage("unknown log format 'xml': use plain or json");
    }
}
