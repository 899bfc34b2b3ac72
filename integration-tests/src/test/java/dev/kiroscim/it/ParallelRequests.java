package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many SCIM requests at once, one per user, for the seat tests across replicas; each must succeed (200 or 204). */
final class ParallelRequests {

    /** One request about one user; {@code index} is the user's position, e.g. to alternate between replicas. */
    @FunctionalInterface
    interface Request {
        ScimResponse send(String userId, int index);
    }

    private ParallelRequests() {}

    static void run(List<String> userIds, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<ScimResponse>> tasks = new ArrayList<>();
            for (int i = 0; i < userIds.size(); i++) {
                int index = i;
                tasks.add(() -> request.send(userIds.get(index), index));
            }
            for (Future<ScimResponse> done : pool.invokeAll(tasks)) {
                ScimResponse response = done.get();
                assertThat(response.status()).as("%s", response.describe()).isIn(200, 204);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The first column of every row, closing the result set. */
    static List<String> strings(ResultSet rs) throws Exception {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
