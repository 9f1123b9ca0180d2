package io.tidings.contacts.importing;

import io.smallrye.mutiny.Uni;
import io.tidings.contacts.paging.PageRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pages through a job's rejected and repaired rows by line number (the caller has checked the job's project). */
@ApplicationScoped
public class RowReportRepository {
    private final Pool pool;

    public RowReportRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<RowReport.Rejected>> rejects(UUID jobId, PageRequest<Long> page) {
        return pool.preparedQuery("SELECT line, raw, reason, message FROM contacts.import_reject"
                        + " WHERE job_id = $1 AND line > $2 ORDER BY line LIMIT $3")
                .execute(Tuple.of(jobId, page.after(), page.limit()))
                .map(rows -> {
                    List<RowReport.Rejected> items = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        items.add(new RowReport.Rejected(row.getLong("line"), row.getString("raw"),
                                row.getString("reason"), row.getString("message")));
                    }
                    return items;
                });
    }

    public Uni<List<RowReport.Repaired>> repairs(UUID jobId, PageRequest<Long> page) {
        return pool.preparedQuery("SELECT line, raw, email, changes FROM contacts.import_repair"
                        + " WHERE job_id = $1 AND line > $2 ORDER BY line LIMIT $3")
                .execute(Tuple.of(jobId, page.after(), page.limit()))
                .map(rows -> {
                    List<RowReport.Repaired> items = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        List<Map<String, Object>> changes = new ArrayList<>();
                        ((JsonArray) row.getValue("changes")).forEach(c -> changes.add(((JsonObject) c).getMap()));
                        items.add(new RowReport.Repaired(row.getLong("line"), row.getString("raw"),
                                row.getString("email"), changes));
                    }
                    return items;
                });
    }
}
