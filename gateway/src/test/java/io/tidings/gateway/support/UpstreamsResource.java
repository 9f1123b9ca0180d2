package io.tidings.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts stand-ins for contacts-service and campaign-service and points the gateway's routes at them. */
public class UpstreamsResource implements QuarkusTestResourceLifecycleManager {
    private static volatile StandInService contacts;
    private static volatile StandInService campaigns;

    @Override
    public Map<String, String> start() {
        contacts = StandInService.start("contacts-service");
        campaigns = StandInService.start("campaign-service");
        return Map.of(
                "tidings.routes.contacts", contacts.url(),
                "tidings.routes.campaigns", campaigns.url());
    }

    public static StandInService contacts() {
        return contacts;
    }

    public static StandInService campaigns() {
        return campaigns;
    }

    @Override
    public void stop() {
        if (contacts != null) {
            contacts.close();
        }
        if (campaigns != null) {
            campaigns.close();
        }
    }
}
