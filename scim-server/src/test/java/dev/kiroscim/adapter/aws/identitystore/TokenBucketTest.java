package dev.kiroscim.adapter.aws.identitystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenBucketTest {

    /** A clock that only moves when the bucket "sleeps", so the test is exact and instant. */
    private static final class FakeTime {
        long now;
        final List<Long> sleeps = new ArrayList<>();

        void sleep(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @ParameterizedTest(name = "{0}/s: {1} calls take {2} ms")
    @CsvSource({
        // rate, calls, elapsed ms: the first max(1, rate) calls are a burst, then one per 1/rate
        "10,   10,    0",
        "10,   11,  100",
        "10,   30, 2000",
        "20,   40, 1000",
        "0.5,   1,    0",
        "0.5,   3, 4000"
    })
    void limits_the_call_rate_after_a_burst(double rate, int calls, long elapsedMillis) throws InterruptedException {
        FakeTime time = new FakeTime();
        TokenBucket bucket = new TokenBucket(rate, () -> time.now, time::sleep);

        for (int i = 0; i < calls; i++) {
            bucket.acquire();
        }

        assertThat(TimeUnit.NANOSECONDS.toMillis(time.now)).isEqualTo(elapsedMillis);
    }

    @ParameterizedTest
    @CsvSource({"10, 1000, 10", "10, 50, 0"})
    void idle_time_refills_up_to_the_burst(double rate, long idleMillis, int freeCalls) throws InterruptedException {
        FakeTime time = new FakeTime();
        TokenBucket bucket = new TokenBucket(rate, () -> time.now, time::sleep);
        for (int i = 0; i < rate; i++) {
            bucket.acquire();
        }
        time.now += TimeUnit.MILLISECONDS.toNanos(idleMillis);
        time.sleeps.clear();

        for (int i = 0; i < freeCalls; i++) {
            bucket.acquire();
        }

        assertThat(time.sleeps).isEmpty();
    }
}
