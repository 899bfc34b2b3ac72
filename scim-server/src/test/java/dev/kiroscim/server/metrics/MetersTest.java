package dev.kiroscim.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetersTest {

    @Test
    void aCounterIsOneLineAndComesOutWithPrometheusNames() {
        Meters meters = Meters.create();
        meters.registry().counter("kiro.notifications.sent", "channel", "slack").increment();

        assertThat(meters.scrape())
                .contains("# TYPE kiro_notifications_sent_total counter")
                .contains("kiro_notifications_sent_total{channel=\"slack\"} 1.0")
                .containsPattern("kiro_jvm_heap_used_bytes [1-9]")
                .containsPattern("jvm_gc_[a-z_]+")
                .containsPattern("process_uptime_seconds [0-9]");
    }

    @Test
    void scrapeTimeFamiliesAreCollectedOnEveryScrapeAndLabelValuesAreEscaped() {
        Meters meters = Meters.create();
        AtomicInteger reads = new AtomicInteger();
        meters.collectAtScrape(() -> MetricSnapshots.of(GaugeFamily.named("kiro_pool_waitlisted", "Users waiting.")
                .add(reads.incrementAndGet(), "pool", "Kiro \"Ops\"\nteam")
                .snapshot()));

        meters.scrape();
        String second = meters.scrape();

        assertThat(reads).hasValue(2);
        assertThat(second).contains("kiro_pool_waitlisted{pool=\"Kiro \\\"Ops\\\"\\nteam\"} 2.0");
    }

    @Test
    void anInfoFamilyGetsTheInfoSuffixAndTheValueOne() {
        Meters meters = Meters.create();
        meters.collectAtScrape(
                () -> MetricSnapshots.of(GaugeFamily.info("kiro_cluster_replica_policy", "Policy per replica.")
                        .dataPoint(GaugeFamily.infoPoint("replica", "r-1", "sha256", "9f86d0"))
                        .build()));

        assertThat(meters.scrape()).contains("kiro_cluster_replica_policy_info{replica=\"r-1\",sha256=\"9f86d0\"} 1");
    }
}
