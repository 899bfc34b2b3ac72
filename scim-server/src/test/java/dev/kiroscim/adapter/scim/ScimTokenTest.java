package dev.kiroscim.adapter.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downstream token file and the pause after a 401: the sync stays paused while the file still holds the refused
 * token as it was when refused; a different token, or the same one written again or touched, ends the pause.
 */
class ScimTokenTest {

    private static final Instant REFUSED_AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private ScimToken tokenIn(String content) throws Exception {
        Path file = dir.resolve("scim-token");
        Files.writeString(file, content + "\n");
        Files.setLastModifiedTime(file, FileTime.from(REFUSED_AT.minusSeconds(3600)));
        return new ScimToken(file, Clock.fixed(REFUSED_AT, ZoneOffset.UTC));
    }

    @Test
    void theTokenIsTheFilesContentWithoutSurroundingWhitespace() throws Exception {
        assertThat(tokenIn("  secret-1 ").current()).isEqualTo("secret-1");
    }

    @Test
    void aRefusedToken_pausesUntilTheFileChanges_andThePauseNamesTheFileButNotTheToken() throws Exception {
        ScimToken token = tokenIn("secret-1");
        token.refused(token.current());

        assertThat(token.pausedBecause())
                .hasValueSatisfying(why -> assertThat(why)
                        .contains("refused the token (401)", token.file().toString(), "touch the file")
                        .doesNotContain("secret-1"));
        assertThat(token.pausedBecause()).as("still paused on the next look").isPresent();
    }

    @Test
    void aNewToken_endsThePause() throws Exception {
        ScimToken token = tokenIn("secret-1");
        token.refused(token.current());

        Files.writeString(token.file(), "secret-2");

        assertThat(token.pausedBecause()).isEmpty();
        assertThat(token.current()).isEqualTo("secret-2");
    }

    @Test
    void theSameTokenTouchedAfterTheRefusal_endsThePause_soA401FromAProxyCanBeRetried() throws Exception {
        ScimToken token = tokenIn("secret-1");
        token.refused(token.current());

        Files.setLastModifiedTime(token.file(), FileTime.from(REFUSED_AT.plusSeconds(60)));

        assertThat(token.pausedBecause()).isEmpty();
        assertThat(token.current()).isEqualTo("secret-1");
    }

    @Test
    void aTokenRefusedAgainAfterTheTouch_pausesAgain() throws Exception {
        ScimToken token = tokenIn("secret-1");
        token.refused(token.current());
        Files.setLastModifiedTime(token.file(), FileTime.from(REFUSED_AT.plusSeconds(60)));
        assertThat(token.pausedBecause()).isEmpty();

        token.refused(token.current());

        assertThat(token.pausedBecause()).isPresent();
    }

    @Test
    void anEmptyOrMissingFile_isAReasonToPause() throws Exception {
        ScimToken token = tokenIn("secret-1");
        Files.writeString(token.file(), "   \n");
        assertThat(token.pausedBecause())
                .hasValueSatisfying(why -> assertThat(why).contains("is empty"));

        Files.delete(token.file());
        assertThat(token.pausedBecause())
                .hasValueSatisfying(why -> assertThat(why).contains("cannot read the SCIM token file"));
    }
}
