package dev.kiroscim.core.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PropertyCheckTest {

    @Test
    void passingPropertyRunsEveryCase() {
        List<Integer> sizes = new ArrayList<>();
        PropertyCheck.forAll(
                "sizes are bounded",
                50,
                random -> IntStream.range(0, random.nextInt(10)).boxed().toList(),
                steps -> {
                    sizes.add(steps.size());
                    assertThat(steps.size()).isLessThan(10);
                });
        assertThat(sizes).hasSize(50);
    }

    @Test
    void failingPropertyIsShrunkToTheCulpritAndNamesTheSeed() {
        assertThatThrownBy(() -> PropertyCheck.forAll(
                        "no 7",
                        200,
                        random -> IntStream.range(0, 30)
                                .map(i -> random.nextInt(10))
                                .boxed()
                                .toList(),
                        steps -> assertThat(steps).doesNotContain(7)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("property 'no 7' failed (seed ")
                .hasMessageContaining("minimal failing steps (1 of 30)");
    }

    @Test
    void shrinkingKeepsStepsThatMatterTogether() {
        List<Integer> minimal = PropertyCheck.shrink(
                List.of(1, 5, 2, 5, 3),
                steps -> assertThat(steps.stream().filter(s -> s == 5).count()).isLessThan(2));
        assertThat(minimal).containsExactly(5, 5);
    }
}
