package dev.eddy.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Eddy with its real embedded stack on free ports and a fresh data directory; every test class
 * carrying it shares one application context, so the stack starts once per test JVM. Test code
 * calls services as the admin unless it signs in as someone else.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "eddy.embedded.data-dir=target/it-data/${random.uuid}",
    // Named outright: a path built from the data directory would resolve ${random.uuid} once more.
    "eddy.security.secret-key-file=target/it-data/secret.key",
    "eddy.embedded.postgres.port=0",
    "eddy.embedded.kafka.port=0",
    "eddy.embedded.kafka.controller-port=0",
    "eddy.embedded.kafka.sample-orders-per-second=5",
    "eddy.embedded.flink.rest-port=0",
    "eddy.embedded.flink.gateway-port=0",
    "eddy.query.max-table-rows=50",
    "eddy.query.max-changelog-entries=80",
    "vaadin.heartbeatInterval=5",
    "eddy.admin-password=" + EddyIntegrationTest.ADMIN_PASSWORD
})
@ExtendWith(AsAdmin.class)
// Spring Boot's tests leave metrics exporters off; Eddy's /actuator/prometheus is part of what is tested.
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
public @interface EddyIntegrationTest {
    /** The first admin's password in every test Eddy: browser tests sign in with it. */
    String ADMIN_PASSWORD = "it-admin-password";
}
