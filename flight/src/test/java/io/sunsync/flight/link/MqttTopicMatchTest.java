package io.sunsync.flight.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MqttTopicMatchTest {

    @Test
    void exactWildcardAndMultiLevelFiltersMatchAsTheBrokerDoes() {
        assertThat(MqttTopicMatch.matches("sunsync/sat-001/tc", "sunsync/sat-001/tc")).isTrue();
        assertThat(MqttTopicMatch.matches("sunsync/sat-001/tc", "sunsync/sat-001/tc/ack")).isFalse();
        assertThat(MqttTopicMatch.matches("sunsync/+/tc", "sunsync/sat-002/tc")).isTrue();
        assertThat(MqttTopicMatch.matches("sunsync/+/tc", "sunsync/sat-002/tc/x")).isFalse();
        assertThat(MqttTopicMatch.matches("sunsync/sat-001/#", "sunsync/sat-001/results/j1/0")).isTrue();
        assertThat(MqttTopicMatch.matches("sunsync/sat-001/#", "sunsync/sat-001")).isTrue();
        assertThat(MqttTopicMatch.matches("sunsync/sat-001/#", "sunsync/sat-002/tc")).isFalse();
    }
}
