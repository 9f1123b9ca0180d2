package io.tidings.campaigns.stall;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Asks Kafka whether delivery-service's consumer group has any member, i.e. whether anyone reads delivery.requests. */
@ApplicationScoped
public class DeliveryConsumers {
    private static final Logger LOG = Logger.getLogger(DeliveryConsumers.class);

    private final String bootstrapServers;
    private final String group;
    private Admin admin;

    public DeliveryConsumers(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "tidings.stall.delivery-group") String group) {
        this.bootstrapServers = bootstrapServers;
        this.group = group;
    }

    public String group() {
        return group;
    }

    /** How many consumers the group has, or -1 when Kafka could not tell. Blocking: call it on a worker thread. */
    public synchronized int members() {
        try {
            if (admin == null) {
                admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
            }
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                    .describedGroups().get(group).get(10, TimeUnit.SECONDS);
            return description.members().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            LOG.debugf("could not describe consumer group %s: %s", group, e.toString());
            return -1;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
