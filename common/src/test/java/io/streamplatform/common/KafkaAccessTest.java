package io.streamplatform.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.KafkaAccess.Acl;
import io.streamplatform.common.KafkaAccess.Operation;
import io.streamplatform.common.KafkaAccess.Pattern;
import io.streamplatform.common.KafkaAccess.Resource;
import io.streamplatform.common.events.EventsDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaAccessTest {
    @Test
    void aJobReadsItsInputsAndGroupAndWritesItsOutputsAndTransactions() {
        var options = new EventsDefinition().parse("--group-id", "g", "--transactional-id-prefix", "tx-", "--output-topic", "norm");
        assertThat(KafkaAccess.job(new EventsDefinition(), options)).containsExactly(
                new Acl(Resource.TOPIC, "events", Pattern.LITERAL, Operation.Read),
                new Acl(Resource.GROUP, "g", Pattern.LITERAL, Operation.Read),
                new Acl(Resource.TOPIC, "norm", Pattern.LITERAL, Operation.Write),
                new Acl(Resource.TOPIC, "event-counts", Pattern.LITERAL, Operation.Write),
                new Acl(Resource.TOPIC, "events-dlq", Pattern.LITERAL, Operation.Write),
                new Acl(Resource.TRANSACTIONAL_ID, "tx-", Pattern.PREFIX, Operation.Write));
    }

    @Test
    void atLeastOnceNeedsNoTransactionalIds() {
        var options = new EventsDefinition().parse("--group-id", "g", "--delivery", "at-least-once");
        assertThat(KafkaAccess.job(new EventsDefinition(), options)).extracting(Acl::resource).doesNotContain(Resource.TRANSACTIONAL_ID);
    }

    @Test
    void theAppsGetTheirTopicsAndTheConsumerItsGroup() {
        assertThat(KafkaAccess.producer(List.of("events", "events"))).containsExactly(new Acl(Resource.TOPIC, "events", Pattern.LITERAL, Operation.Write));
        assertThat(KafkaAccess.consumer(List.of("a"), "c")).containsExactly(new Acl(Resource.TOPIC, "a", Pattern.LITERAL, Operation.Read),
                new Acl(Resource.GROUP, "c", Pattern.LITERAL, Operation.Read));
        assertThat(KafkaAccess.consumer(List.of("a"), null)).hasSize(1);
        assertThat(new Acl(Resource.TRANSACTIONAL_ID, "tx-", Pattern.PREFIX, Operation.Write)).hasToString("Write transactionalId tx-*");
    }
}
