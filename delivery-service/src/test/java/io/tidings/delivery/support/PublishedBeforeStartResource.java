package io.tidings.delivery.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tidings.testing.KafkaResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Puts records on the broker before the test application starts, as a pod finds them when it is started into a
 * running system: many suppressions of another project, then this test's suppressions (last in their partitions),
 * a campaign's control record and its delivery requests. Runs after {@link KafkaResource} (a higher order).
 */
public class PublishedBeforeStartResource implements QuarkusTestResourceLifecycleManager {
    /** Suppressions of another project published first, so catching up with the topic takes a while. */
    public static final int OTHER_SUPPRESSIONS = 20_000;
    public static final UUID PROJECT = UUID.randomUUID();
    public static final UUID CAMPAIGN = UUID.randomUUID();
    public static final UUID SUPPRESSED = UUID.randomUUID();
    public static final UUID LIFTED = UUID.randomUUID();
    public static final UUID OPEN = UUID.randomUUID();
    public static final String SUPPRESSED_ADDRESS = Events.address("suppressed");
    public static final String LIFTED_ADDRESS = Events.address("lifted");
    public static final String OPEN_ADDRESS = Events.address("open");

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        KafkaResource.current().createTopics(List.of("contacts.suppressions:6:compact"));
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        UUID otherProject = UUID.randomUUID();
        for (int i = 0; i < OTHER_SUPPRESSIONS; i++) {
            records.add(suppression(otherProject, "filler." + i + "@example.net", true));
        }
        records.add(suppression(PROJECT, SUPPRESSED_ADDRESS, true));
        records.add(suppression(PROJECT, LIFTED_ADDRESS, true));
        records.add(suppression(PROJECT, LIFTED_ADDRESS, false));
        records.add(new ProducerRecord<>("campaign.control", CAMPAIGN.toString(),
                Events.control(PROJECT, CAMPAIGN, "SENDING").toString()));
        for (Map.Entry<UUID, String> r : Map.of(SUPPRESSED, SUPPRESSED_ADDRESS, LIFTED, LIFTED_ADDRESS,
                OPEN, OPEN_ADDRESS).entrySet()) {
            records.add(new ProducerRecord<>("delivery.requests", r.getKey().toString(),
                    Events.request(PROJECT, CAMPAIGN, r.getKey(), r.getValue()).toString()));
        }
        CurrentBroker.send(records);
        return Map.of();
    }

    private static ProducerRecord<String, String> suppression(UUID project, String address, boolean suppressed) {
        String normalized = address.toLowerCase();
        return new ProducerRecord<>("contacts.suppressions", project + ":" + normalized,
                Events.suppression(project, normalized, suppressed).toString());
    }

    @Override
    public void stop() {
        // the broker goes with KafkaResource
    }
}
