package dev.kiroscim.server.usage;

import dev.kiroscim.core.seats.ReclaimEvidence;
import dev.kiroscim.core.seats.SeatEvent;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.core.usage.IdleSeats;
import dev.kiroscim.core.usage.ImportReport;
import dev.kiroscim.core.usage.SeatActivity;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily usage work, also run by {@code POST /admin/v1/usage/import}: import new report files, then free the
 * seats the pools' {@code reclaim: release} policies find idle (audited as {@code seat.reclaimed}).
 */
public final class DailyUsageWork {

    private static final Logger LOG = LoggerFactory.getLogger(DailyUsageWork.class);

    /** What one run did. */
    public record Outcome(ImportReport imported, List<SeatEvent> reclaimed) {}

    private final UsageComposition usage;
    private final IdleSeats idle;
    private final ManageSeats seats;
    private final Clock clock;

    public DailyUsageWork(UsageComposition usage, IdleSeats idle, ManageSeats seats, Clock clock) {
        this.usage = usage;
        this.idle = idle;
        this.seats = seats;
        this.clock = clock;
    }

    /** @throws java.io.UncheckedIOException when the report location cannot be listed */
    public Outcome run(Optional<LocalDate> from) {
        ImportReport r = usage.importer()
                .orElseThrow(() -> new IllegalStateException("usage reports are not configured"))
                .run(from);
        LOG.info(
                "usage import from {}: {} files imported, {} unchanged, {} rows, {} problems, {} unknown users",
                r.source(),
                r.filesImported(),
                r.filesUnchanged(),
                r.rowsImported(),
                r.problems().size(),
                r.unknownUsers().size());
        r.problems().stream().limit(20).forEach(p -> LOG.warn("usage import: {}", p));
        Map<String, ManageSeats.IdleSeat> toReclaim = new LinkedHashMap<>();
        for (SeatActivity s : idle.reclaimable()) {
            toReclaim.put(
                    s.userId(),
                    new ManageSeats.IdleSeat(
                            s.pool(),
                            new ReclaimEvidence(
                                    s.lastActivity().map(Object::toString).orElse(null),
                                    s.daysIdle().orElse(0L))));
        }
        List<SeatEvent> events = seats.reclaim(
                toReclaim,
                new dev.kiroscim.core.directory.events.ChangeContext(
                        dev.kiroscim.core.directory.events.ChangeContext.SYSTEM,
                        "usage-reclaim-" + UUID.randomUUID(),
                        clock.instant()));
        long reclaimed = events.stream()
                .filter(e -> e.type() == SeatEvent.Type.RECLAIMED)
                .count();
        if (reclaimed > 0) {
            LOG.info("reclaimed {} idle seats (seat.reclaimed in the audit log)", reclaimed);
        }
        return new Outcome(r, events);
    }

    /** For the scheduler: one run from the default first day; failures are logged by {@link UsageImportJob}. */
    public void daily() {
        run(Optional.empty());
    }
}
