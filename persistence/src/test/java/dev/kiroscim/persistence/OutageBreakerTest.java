package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.directory.StoreUnavailable;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutageBreakerTest {

    @Test
    void closedBreakerLetsTransactionsThrough() {
        try (OutageBreaker breaker = new OutageBreaker(() -> true, Duration.ofMillis(10))) {
            assertThat(breaker.isDown()).isFalse();
            assertThatCode(breaker::checkAvailable).doesNotThrowAnyException();
        }
    }

    @Test
    void openBreakerFailsFastAndClosesWhenAProbeSucceeds() throws Exception {
        AtomicBoolean databaseBack = new AtomicBoolean(false);
        AtomicInteger probes = new AtomicInteger();
        CountDownLatch probedAfterReturn = new CountDownLatch(1);
        try (OutageBreaker breaker = new OutageBreaker(
                () -> {
                    probes.incrementAndGet();
                    boolean up = databaseBack.get();
                    if (up) {
                        probedAfterReturn.countDown();
                    }
                    return up;
                },
                Duration.ofMillis(10))) {
            breaker.markDown(new SQLException("refused", "08001"));

            assertThat(breaker.isDown()).isTrue();
            assertThatThrownBy(breaker::checkAvailable)
                    .isInstanceOf(StoreUnavailable.class)
                    .hasMessageContaining("unreachable since");
            breaker.markDown(new SQLException("refused again", "08001")); // a second failure changes nothing

            databaseBack.set(true);
            assertThat(probedAfterReturn.await(10, TimeUnit.SECONDS))
                    .as("a probe ran after the database came back")
                    .isTrue();
            awaitClosed(breaker);
            assertThatCode(breaker::checkAvailable).doesNotThrowAnyException();
            assertThat(probes.get()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aProbeThatThrowsCountsAsFailed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch thirdProbe = new CountDownLatch(1);
        try (OutageBreaker breaker = new OutageBreaker(
                () -> {
                    if (calls.incrementAndGet() >= 3) {
                        thirdProbe.countDown();
                        return true;
                    }
                    throw new IllegalStateException("pool closed");
                },
                Duration.ofMillis(5))) {
            breaker.markDown(null);
            assertThat(thirdProbe.await(10, TimeUnit.SECONDS)).isTrue();
            awaitClosed(breaker);
        }
    }

    /** The probe closes the breaker just after it returns true; wait for that without sleeping blindly. */
    private static void awaitClosed(OutageBreaker breaker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Object monitor = new Object();
        while (breaker.isDown() && System.nanoTime() < deadline) {
            synchronized (monitor) {
                monitor.wait(5);
            }
        }
        assertThat(breaker.isDown()).as("breaker closed").isFalse();
    }
}
