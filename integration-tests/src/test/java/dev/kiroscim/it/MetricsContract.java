package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus text for SREs, behind the admin scope. */
abstract class MetricsContract extends ScimContract {

    @Test
    void prometheusTextCountsTrafficAndReportsSeatsSyncHeapAndPool() {
        scim.get("/Users?count=1").expectStatus(200);
        ScimResponse metrics = scim.get(server.baseUri() + "/metrics").expectStatus(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        String text = metrics.body();
        assertThat(text)
                .containsPattern(
                        "kiro_http_requests_total\\{api=\"scim\",code=\"200\",method=\"GET\"} [1-9]") // labels sorted
                // by name
                .containsPattern("kiro_http_request_duration_seconds_count\\{api=\"scim\"} [1-9]")
                .contains("# TYPE kiro_http_request_duration_seconds histogram")
                .contains("kiro_sync_live 0") // no identityStoreId: plan-only
                .contains("kiro_seats_assigned{tier=\"PRO\"}")
                .contains("kiro_pool_waitlisted{pool=\"Kiro-Developers\"}")
                .containsPattern("kiro_jvm_heap_max_bytes [1-9]")
                // from the metrics library, not written by hand: JVM and connection pool
                .containsPattern("jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"} [1-9]")
                .containsPattern("jvm_threads_live_threads [1-9]")
                .containsPattern("hikaricp_connections_max\\{pool=\"kiro-scim-db\"} [1-9]")
                .contains("hikaricp_connections_pending{pool=\"kiro-scim-db\"}");
    }

    @Test
    void metricsNeedTheAdminScope() {
        String name = "metrics-scim-" + Bodies.unique();
        String token = scim.post(
                        server.baseUri() + "/admin/v1/tokens", "{\"name\":\"" + name + "\",\"scope\":\"scim\"}")
                .expectStatus(201)
                .text("token");
        scim.withAuthorization("Bearer " + token)
                .get(server.baseUri() + "/metrics")
                .expectStatus(403);
        scim.withAuthorization(null).get(server.baseUri() + "/metrics").expectStatus(401);
    }
}
