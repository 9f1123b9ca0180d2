package io.tidings.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.Map;

/**
 * Gives a Quarkus test a real Kafka broker. Init arg {@code topics}: comma-separated topic specs
 * ({@code name[:partitions[:compact]]}) created before the application starts.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    private static volatile KafkaBroker current;
    private KafkaBroker broker;
    private String topics = "";

    @Override
    public void init(Map<String, String> initArgs) {
        topics = initArgs.getOrDefault("topics", "");
    }

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        current = broker;
        broker.createTopics(Arrays.asList(topics.split(",")));
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    /** The broker of the running test application. */
    public static KafkaBroker current() {
        return current;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
