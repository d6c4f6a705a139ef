package dev.eddy.query;

import dev.eddy.gateway.GatewayException;
import java.util.Optional;

/**
 * A look at a statement before it is submitted, for what Flink would only find out much later
 * (a Kafka topic that does not exist fails an INSERT after minutes). A problem stops the statement.
 */
public interface StatementCheck {
    Optional<GatewayException> check(SqlConsole console, String statement);
}
