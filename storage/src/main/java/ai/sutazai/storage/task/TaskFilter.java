package ai.sutazai.storage.task;

import java.util.UUID;

/** Which tasks a listing returns; every null field matches everything. */
public record TaskFilter(String owner, TaskStatus status, String agent, UUID workflow) {
}
