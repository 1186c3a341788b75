package org.ideogramcamel.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker in this JVM (Kafka's own KRaft test kit: one combined controller and broker on loopback, no
 * Docker), for the Kafka intake's tests and any test that needs a broker, also for app instances in other JVMs
 * ({@link #bootstrapServers()}). As a JUnit extension it starts before the class's first test and publishes its
 * address as the system property {@value #BROKERS_PROPERTY}, so {@code @CamelMainTest} properties point the app at
 * it with {@link #BROKERS_PLACEHOLDER}; it is stopped after the class.
 */
public final class InProcessKafka implements BeforeAllCallback, AfterAllCallback {

    public static final String BROKERS_PROPERTY = "ideogram.test.kafka-brokers";
    public static final String BROKERS_PLACEHOLDER = "{{sys:" + BROKERS_PROPERTY + "}}";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Map<String, Integer> topics;
    private KafkaClusterTestKit cluster;
    private Class<?> owner;
    private KafkaProducer<String, byte[]> producer;

    /** A broker that creates these topics (name → partitions) before the first test; others are made on first use. */
    public InProcessKafka(Map<String, Integer> topics) {
        this.topics = topics;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // @Nested classes inherit the extension: they use the broker their outer class started
        if (cluster == null) {
            owner = context.getRequiredTestClass();
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass() == owner) {
            stop();
        }
    }

    public void start() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                // one broker: internal topics (consumer offsets) with one replica, and quick group joins
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "true")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        System.setProperty(BROKERS_PROPERTY, bootstrapServers());
        try (Admin admin = admin()) {
            admin.createTopics(topics.entrySet().stream()
                    .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1)).toList())
                    .all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    public void stop() throws Exception {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
        System.clearProperty(BROKERS_PROPERTY);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }

    /** Publishes a record to one partition and waits until the broker has it. */
    public void publish(String topic, int partition, String key, String value) {
        publish(topic, partition, key, value.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String topic, int partition, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic + ": " + e, e);
        }
    }

    /** Every record of the topic from its start, read by a consumer outside any group (it commits nothing). */
    public List<ConsumerRecord<String, String>> records(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, WAIT);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, WAIT) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The last offset of each partition of the topic (the offset the next record will get). */
    public Map<Integer, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    /**
     * Whether the group has committed every record of the topic: on each partition that has records, its committed
     * offset is the partition's end (a consumer of the group starts after the last record).
     */
    public boolean isCommittedToTheEnd(String group, String topic) throws ExecutionException, InterruptedException {
        Map<Integer, Long> committed = committedOffsets(group, topic);
        return endOffsets(topic).entrySet().stream()
                .allMatch(end -> end.getValue() == 0 || end.getValue().equals(committed.get(end.getKey())));
    }

    /** The offsets the group committed on the topic, per partition (partitions it never committed are absent). */
    public Map<Integer, Long> committedOffsets(String group, String topic)
            throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return committed.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }
}
