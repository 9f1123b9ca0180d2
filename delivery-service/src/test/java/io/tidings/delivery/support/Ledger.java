package io.tidings.delivery.support;

import io.tidings.testing.PostgresResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Direct access to the test database's ledger: rows a dead pod would leave, and what a row holds now. */
public final class Ledger {
    private Ledger() {
    }

    /** Inserts a row as another pod would have left it; the three times are SQL expressions (or NULL). */
    public static void insert(UUID projectId, UUID campaignId, UUID recipientId, int generation, String email,
            String status, int attempt, String claimedAt, String nextAttemptAt, String createdAt) {
        execute("INSERT INTO delivery.ledger (recipient_id, generation, project_id, campaign_id, contact_id, email,"
                + " normalized_email, first_name, status, claim_id, claimed_at, attempt, next_attempt_at, created_at,"
                + " updated_at, smtp_code, smtp_reply, message_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'Anna', ?, gen_random_uuid(), " + claimedAt + ", ?, " + nextAttemptAt
                + ", " + createdAt + ", " + createdAt + ", 451, '451 4.3.0 try later', '<" + recipientId + "."
                + generation + "@tidings.example>')",
                recipientId, generation, projectId, campaignId, UUID.randomUUID(), email, email.toLowerCase(), status,
                attempt);
    }

    /** How many rows of the campaign meet the SQL condition (on the ledger's columns). */
    public static int count(UUID campaignId, String condition) {
        try (Connection c = PostgresResource.current().connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM delivery.ledger WHERE campaign_id = ? AND " + condition)) {
            s.setObject(1, campaignId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The row's columns, or an empty map when there is none. */
    public static Map<String, Object> row(UUID recipientId, int generation) {
        try (Connection c = PostgresResource.current().connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT * FROM delivery.ledger WHERE recipient_id = ? AND generation = ?")) {
            s.setObject(1, recipientId);
            s.setInt(2, generation);
            try (ResultSet rs = s.executeQuery()) {
                Map<String, Object> row = new HashMap<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                    }
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql, Object... params) {
        try (Connection c = PostgresResource.current().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
