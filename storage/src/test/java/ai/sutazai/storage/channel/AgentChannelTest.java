package ai.sutazai.storage.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The names of agent channels and the agent ids they accept. */
class AgentChannelTest {

  /** Verifies the two channel shapes and their event-bus addresses. */
  @Test
  void namesTheTwoChannelShapes() {
    assertThat(AgentChannel.BROADCAST.name()).isEqualTo("agent:broadcast");
    assertThat(AgentChannel.commands("coder-1").name()).isEqualTo("agent:coder-1:commands");
    assertThat(AgentChannel.commands("coder-1").eventBusAddress())
        .isEqualTo("sutazai.channel.agent:coder-1:commands");
    assertThat(new AgentChannel("agent:coder-1:commands"))
        .isEqualTo(AgentChannel.commands("coder-1"));
  }

  /** Verifies that ids which could break or widen a channel name are refused. */
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "a:b", "agent*", "a b", "-leading", "ä", "x?", "[ab]"})
  void refusesUnsafeAgentIds(String agentId) {
    assertThatThrownBy(() -> AgentChannel.commands(agentId))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Verifies that ids up to 128 characters are accepted and longer ones refused. */
  @Test
  void boundsTheIdLength() {
    assertThat(AgentChannel.commands("a".repeat(128)).name()).hasSize(128 + 15);
    assertThatThrownBy(() -> AgentChannel.commands("a".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Verifies that only the two shapes are channel names. */
  @ParameterizedTest
  @ValueSource(strings = {"agent:*", "agent:x", "session:x:data", "agent:x:commands:y",
      "agent:broadcast:x"})
  void refusesOtherNames(String name) {
    assertThatThrownBy(() -> new AgentChannel(name)).isInstanceOf(IllegalArgumentException.class);
  }
}
