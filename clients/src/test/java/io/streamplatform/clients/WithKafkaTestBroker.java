package io.streamplatform.clients;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of a test class whose tests share one {@link KafkaTestBroker}: started before the first test, closed after the last. */
public abstract class WithKafkaTestBroker {
    protected static KafkaTestBroker broker;

    @BeforeAll
    protected static void startBroker() throws Exception {
        broker = KafkaTestBroker.start();
    }

    @AfterAll
    protected static void stopBroker() throws Exception {
        if (broker != null) broker.close();
        broker = null;
    }
}
