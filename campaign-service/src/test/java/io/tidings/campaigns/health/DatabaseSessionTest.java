package io.tidings.campaigns.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidings.campaigns.support.CampaignServiceTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@CampaignServiceTest
class DatabaseSessionTest {
    @Inject
    Pool db;

    /** The publisher's transactions turn plan types off, which must not make PostgreSQL compile every statement. */
    @Test
    void theServicesConnectionsRunWithoutJit() {
        String jit = db.query("SHOW jit").execute().await().indefinitely().iterator().next().getString(0);
        assertThat(jit).isEqualTo("off");
    }
}
