package io.secperf.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code --remote host[:port],...} and {@code --remote-min}, as JMeter's {@code -R} takes the list. */
class RemoteEnginesTest {

    @Test
    void enginesGetJMetersDefaultPortAndKeepTheirOrder() {
        RemoteEngines engines = RemoteEngines.parse(" lg1, LG2:4000 ,[fd00::7]:1099,, ", 0);
        assertThat(engines.engines()).containsExactly("lg1:1099", "lg2:4000", "[fd00::7]:1099");
        assertThat(engines.minimum()).as("default: all of them").isEqualTo(3);
        assertThat(RemoteEngines.host("[fd00::7]:1099")).isEqualTo("[fd00::7]");
        assertThat(RemoteEngines.port("lg2:4000")).isEqualTo(4000);
        assertThat(RemoteEngines.parse("a,b,c", 2).minimum()).isEqualTo(2);
    }

    @Test
    void badListsAreOneLineErrorsNamingTheEntry() {
        assertThatThrownBy(() -> RemoteEngines.parse("lg1:0", 0)).hasMessage(
                "remote engine 'lg1:0' has no valid port (1-65535)");
        assertThatThrownBy(() -> RemoteEngines.parse("lg1:http", 0)).hasMessageContaining("'lg1:http' has no valid port");
        assertThatThrownBy(() -> RemoteEngines.parse("lg1,lg1:1099", 0)).hasMessage(
                "remote engine lg1:1099 is given twice");
        assertThatThrownBy(() -> RemoteEngines.parse("fd00::7", 0)).hasMessageContaining("write IPv6 as [::1]:1099");
        assertThatThrownBy(() -> RemoteEngines.parse(":1099", 0)).hasMessageContaining("has no host");
        assertThatThrownBy(() -> RemoteEngines.parse(" , ", 0)).hasMessageContaining("at least one host[:port]");
        assertThatThrownBy(() -> RemoteEngines.parse("a,b", 3)).hasMessageContaining("between 1 and 2");
        assertThatThrownBy(() -> RemoteEngines.parse("a,b", -1)).hasMessageContaining("between 1 and 2");
    }
}
