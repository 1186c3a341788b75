package org.ideogramcamel.app;

import org.apache.camel.spi.Registry;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.kafka.KafkaIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka intake's bean ({@code routes/intake-kafka.camel.yaml}). The routes themselves only exist when
 * {@code ideogram.kafka.enabled=true} (their precondition), so with it off nothing of Kafka starts or connects.
 */
final class KafkaWiring {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaWiring.class);

    private KafkaWiring() {
    }

    static void bind(Registry registry, Settings settings, JobReader reader) {
        boolean enabled = settings.flag("ideogram.kafka.enabled", false);
        registry.bind("kafkaIntake", new KafkaIntake(reader, enabled));
        if (!enabled) {
            return;
        }
        String brokers = settings.optional("ideogram.kafka.brokers").map(String::strip).orElse("");
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("ideogram.kafka.enabled=true needs ideogram.kafka.brokers, the"
                    + " brokers to connect to (host:port[,host:port...])");
        }
        LOG.info("Kafka intake on: jobs from topic {} (group {}) at {}, outcomes to topic {}",
                settings.text("ideogram.kafka.topic", "ideogram-jobs"),
                settings.text("ideogram.kafka.group-id", "ideogram-camel"), brokers,
                settings.text("ideogram.kafka.outcomes-topic", "ideogram-outcomes"));
    }
}
